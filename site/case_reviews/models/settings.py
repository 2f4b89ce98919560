"""The partnership's ASB Case Review rules and targets, as data an admin edits (CT-030, CT-036..CT-040, CT-083..CT-088,
CT-106, CT-016/018, GD-020). Nothing here is hard-coded in the rules: the law may change (CT-040)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from case_reviews import policies


def _days(default, help_text):
    return models.PositiveSmallIntegerField(
        default=default, validators=[MinValueValidator(1), MaxValueValidator(60)], help_text=help_text
    )


@register_setting(icon="warning")
class CaseReviewSettings(BaseGenericSetting):
    """How this partnership runs ASB Case Reviews: the threshold, local variants, disqualifiers, the Police and Crime
    Commissioner's review, working-day targets, the point of contact, the reporting year and how long closed cases
    are kept."""

    complaints_needed = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(policies.MAXIMUM_COMPLAINTS)],
        help_text="Qualifying complaints that meet the threshold automatically: 3 or fewer (s.104(4)).",
    )
    complaint_window_months = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    application_window_months = models.PositiveSmallIntegerField(default=6, validators=[MinValueValidator(1)])
    several_people_enabled = models.BooleanField(
        default=False, verbose_name="Several people: reports from different people about the same problem"
    )
    several_people_count = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(2)])
    hate_incident_enabled = models.BooleanField(default=False, verbose_name="One hate incident in six months")
    hate_with_reports_enabled = models.BooleanField(
        default=False, verbose_name="Two complaints where at least one involves hate"
    )
    local_rules_explanation = models.TextField(
        blank=True,
        help_text="Required when a local rule is on: tells residents why thresholds differ by area (CT-037).",
    )

    group_consents_needed = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(policies.MAX_AFFECTED_PEOPLE)],
        verbose_name="People in a group who must agree",
        help_text="How many of the other people named on a group application must have agreed to it, not counting "
        "the applicant (CT-022). 0 means none are required; Reigate and Banstead ask for 5 signatures.",
    )

    vexatious_enabled = models.BooleanField(
        default=False, verbose_name="Disqualify a malicious or vexatious application"
    )
    late_reports_enabled = models.BooleanField(
        default=False,
        verbose_name="Disqualify complaints made just before applying, with no time to investigate",
    )
    investigation_working_days = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="A complaint made fewer than this many working days before the application is 'just before "
        "applying' (CT-038).",
    )
    disqualifiers_explanation = models.TextField(
        blank=True,
        help_text="Required when a disqualifier is on: tells residents when an application may be disqualified and "
        "why (CT-038). It is also put in the letter to an applicant who is disqualified.",
    )

    pcc_review_enabled = models.BooleanField(
        default=False,
        verbose_name="Applicants can ask the Police and Crime Commissioner to review a decision",
        help_text="CT-106: the PCC's route to query a decision, including a 'threshold not met' decision.",
    )
    pcc_office_name = models.CharField(
        max_length=150, blank=True, help_text="e.g. Office of the Police and Crime Commissioner for Thames Valley"
    )
    pcc_office_email = models.EmailField(
        blank=True, help_text="Told of each request by reference only; the details go by the secure channel."
    )
    pcc_request_window_days = _days(20, "Working days the applicant has to ask the PCC to review a decision.")
    pcc_review_days = _days(20, "Working days the PCC's office is asked to respond in.")

    acknowledge_days = _days(2, "Working days to acknowledge an application (CT-083).")
    threshold_days = _days(15, "Working days from receipt to the threshold decision (CT-084).")
    meeting_days = _days(20, "Working days from the threshold decision to the review meeting (CT-085).")
    outcome_days = _days(10, "Working days from the meeting to the outcome letter (CT-086).")
    appeal_window_days = _days(20, "Working days the applicant has to appeal (CT-103).")
    appeal_decision_days = _days(15, "Working days to decide an appeal (CT-103).")

    contact_name = models.CharField(
        max_length=150, default="Community Safety Team", help_text="Point of contact (CT-011)."
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)

    reporting_year_start_month = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="The month the reporting year starts: 4 for April to March (CT-018).",
    )
    retention_years = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Years after closure before a case's personal details are anonymised (GD-020).",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("complaints_needed"),
                FieldPanel("complaint_window_months"),
                FieldPanel("application_window_months"),
            ],
            heading="Threshold (s.104)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("several_people_enabled"),
                FieldPanel("several_people_count"),
                FieldPanel("hate_incident_enabled"),
                FieldPanel("hate_with_reports_enabled"),
                FieldPanel("local_rules_explanation"),
                FieldPanel("group_consents_needed"),
            ],
            heading="Local rules",
        ),
        MultiFieldPanel(
            [
                FieldPanel("vexatious_enabled"),
                FieldPanel("late_reports_enabled"),
                FieldPanel("investigation_working_days"),
                FieldPanel("disqualifiers_explanation"),
            ],
            heading="Disqualifiers (CT-038)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("pcc_review_enabled"),
                FieldPanel("pcc_office_name"),
                FieldPanel("pcc_office_email"),
                FieldPanel("pcc_request_window_days"),
                FieldPanel("pcc_review_days"),
            ],
            heading="Police and Crime Commissioner review (CT-106)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("acknowledge_days"),
                FieldPanel("threshold_days"),
                FieldPanel("meeting_days"),
                FieldPanel("outcome_days"),
                FieldPanel("appeal_window_days"),
                FieldPanel("appeal_decision_days"),
            ],
            heading="Targets in working days",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading="Point of contact",
        ),
        FieldPanel("reporting_year_start_month"),
        FieldPanel("retention_years"),
    ]

    class Meta:
        verbose_name = "ASB Case Review settings"

    def clean(self):
        super().clean()
        any_local = self.several_people_enabled or self.hate_incident_enabled or self.hate_with_reports_enabled
        if any_local and not self.local_rules_explanation.strip():
            raise ValidationError(
                {"local_rules_explanation": "Explain to residents why this area has local rules (CT-037)."}
            )
        if (self.vexatious_enabled or self.late_reports_enabled) and not self.disqualifiers_explanation.strip():
            raise ValidationError(
                {"disqualifiers_explanation": "Explain to residents when and why an application may be "
                 "disqualified (CT-038)."}
            )  # fmt: skip
        if self.pcc_review_enabled and not self.pcc_office_name.strip():
            raise ValidationError({"pcc_office_name": "Name the PCC's office applicants can ask (CT-106)."})
        try:
            self.rules()
        except policies.RulesInvalid as exc:
            raise ValidationError(str(exc)) from exc

    def rules(self):
        return policies.ThresholdRules(
            complaints_needed=self.complaints_needed,
            complaint_window_months=self.complaint_window_months,
            application_window_months=self.application_window_months,
            several_people_enabled=self.several_people_enabled,
            several_people_count=self.several_people_count,
            hate_incident_enabled=self.hate_incident_enabled,
            hate_with_reports_enabled=self.hate_with_reports_enabled,
            vexatious_enabled=self.vexatious_enabled,
            late_reports_enabled=self.late_reports_enabled,
            investigation_working_days=self.investigation_working_days,
        )

    @property
    def local_rules(self):
        """The local variants switched on, in plain English, for the public page."""
        out = []
        if self.several_people_enabled:
            out.append(f"{self.several_people_count} or more reports from different people about the same problem")
        if self.hate_incident_enabled:
            out.append("one hate incident or hate crime")
        if self.hate_with_reports_enabled:
            out.append("two qualifying complaints where at least one involves hate")
        return out

    @property
    def disqualifiers(self):
        """The disqualifiers switched on, in plain English, for the public page and the officer's form (CT-038)."""
        return self.rules().disqualifiers
