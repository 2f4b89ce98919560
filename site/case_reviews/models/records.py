"""What applicants and case officers create in an ASB Case Review: the application (which becomes the case), its
incidents and the agencies each was reported to, evidence, the relevant bodies told about it, the appeal,
recommendations and the case's history. Applications are never pages (docs/architecture.md)."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from case_reviews.querysets import ApplicationQuerySet, LetterQuerySet
from case_reviews.storage import PrivateEvidenceStorage


class Status(models.TextChoices):
    """The milestones the applicant is told about (CT-080, CT-090)."""

    DRAFT = "draft", "Not sent yet"
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    THRESHOLD_MET = "threshold_met", "Threshold met"
    THRESHOLD_NOT_MET = "threshold_not_met", "Threshold not met"
    MEETING_SCHEDULED = "meeting_scheduled", "Review meeting scheduled"
    REVIEW_HELD = "review_held", "Review held"
    ACTION_PLAN_SHARED = "action_plan_shared", "Draft action plan shared with the victim"
    OUTCOME_SENT = "outcome_sent", "Outcome sent"
    APPEAL = "appeal", "Appeal under way"
    PCC_REVIEW = "pcc_review", "With the Police and Crime Commissioner for review"
    CLOSED = "closed", "Closed"


class Basis(models.TextChoices):
    """On what basis someone applies (CT-020, CT-021, CT-050)."""

    SELF = "self", "I am the person affected"
    ON_BEHALF = "on_behalf", "I am applying for someone else, with their consent"
    ONE_OF_SEVERAL = "one_of_several", "I am one of several people affected by the same problem"
    GROUP = "group", "I am applying for a group, business or community organisation"


class Relationship(models.TextChoices):
    FAMILY = "family", "Family member"
    FRIEND = "friend", "Friend"
    CARER = "carer", "Carer"
    COUNCILLOR = "councillor", "Councillor"
    MP = "mp", "MP"
    PROFESSIONAL = "professional", "Other professional (for example a support worker)"


class ContactChannel(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


class Tenure(models.TextChoices):
    COUNCIL = "council", "Council tenant"
    HOUSING_ASSOCIATION = "housing_association", "Housing association tenant"
    PRIVATE = "private", "Private tenant"
    OWNER = "owner", "Owner-occupier"
    OTHER = "other", "Other or prefer not to say"


class BehaviourType(models.TextChoices):
    ASB = "asb", "Anti-social behaviour"
    HATE = "hate", "A hate incident or hate crime"
    NEITHER = "neither", "Neither or not sure"


class HateMotivation(models.TextChoices):
    """CT-053: the five monitored strands, and optionally age or gender."""

    RACE = "race", "Race or ethnicity"
    RELIGION = "religion", "Religion or belief"
    DISABILITY = "disability", "Disability"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"
    TRANSGENDER = "transgender", "Transgender identity"
    AGE = "age", "Age"
    GENDER = "gender", "Gender"


class Agency(models.TextChoices):
    COUNCIL = "council", "The council"
    POLICE = "police", "The police"
    HOUSING = "housing", "A housing provider"
    OTHER = "other", "Another organisation"


class VictimInvolvement(models.TextChoices):
    """How the victim chooses to take part in the review meeting (CT-089, CT-090)."""

    IN_PERSON = "in_person", "Attend in person"
    VIRTUAL = "virtual", "Attend online"
    STATEMENT = "statement", "A written statement read out"
    REPRESENTATIVE = "representative", "A representative attends"
    NONE = "none", "Not involved"


class ThresholdRoute(models.TextChoices):
    AUTOMATIC = "automatic", "Met: enough qualifying complaints (s.104(4))"
    LOCAL_VARIANT = "local_variant", "Met: a local rule in the procedures (for example a hate incident)"
    DISCRETIONARY = "discretionary", "Met: discretionary decision (s.104(5))"
    SAFEGUARDING = "safeguarding", "Met: a senior manager's decision to safeguard a vulnerable victim"
    NOT_MET = "not_met", "Not met"
    DISQUALIFIED = "disqualified", "Not met: a disqualifier in the procedures applies"


class Disqualifier(models.TextChoices):
    """CT-038: the disqualifiers a partnership may put in its procedures (switched on in the settings)."""

    VEXATIOUS = "vexatious", "The application is malicious or vexatious"
    LATE_REPORTS = "late_reports", "The complaints were made just before applying, with no time to investigate"


class Application(models.Model):
    """An ASB Case Review application and, once sent, the case officers work on (CT-020..CT-061, CT-080..CT-094).

    A resident fills it in over several pages and may come back by a signed link (`public_id` is in it); it needs a
    name and a way to reach someone, because an anonymous application cannot start a review (CT-023). Once sent it
    has a reference, a single point of contact, and moves through the statuses with a working-day clock at each
    step. Six years after closure (configurable) its personal details are wiped and only the dates the statistics
    need remain (GD-020).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)

    # Who is applying (CT-020, CT-021, CT-050)
    basis = models.CharField(max_length=20, choices=Basis.choices, blank=True)
    people_affected = models.PositiveSmallIntegerField(null=True, blank=True)
    applicant_name = models.CharField(max_length=150, blank=True)
    organisation_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    relationship = models.CharField(max_length=20, choices=Relationship.choices, blank=True)
    victim_consent = models.BooleanField(default=False)

    # The victim, when someone applies for them (CT-051)
    victim_name = models.CharField(max_length=150, blank=True)
    victim_address = models.TextField(blank=True)
    victim_postcode = models.CharField(max_length=10, blank=True)
    victim_phone = models.CharField(max_length=40, blank=True)
    victim_email = models.EmailField(blank=True)
    tenure = models.CharField(max_length=30, choices=Tenure.choices, blank=True)
    landlord = models.CharField(max_length=200, blank=True)

    # Safe to contact (channel and times)
    contact_channel = models.CharField(max_length=10, choices=ContactChannel.choices, blank=True)
    safe_times = models.CharField(max_length=200, blank=True)
    safe_to_leave_message = models.BooleanField(null=True, blank=True)

    # The behaviour (CT-053..CT-056)
    behaviour_type = models.CharField(max_length=10, choices=BehaviourType.choices, blank=True)
    hate_motivations = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    location = models.CharField(max_length=300, blank=True)
    several_households = models.BooleanField(null=True, blank=True)
    witnesses = models.TextField(blank=True)
    impact = models.TextField(blank=True)
    desired_outcome = models.TextField(blank=True)

    # Optional, special-category (CT-058, CT-059; GD-010)
    health_or_disability = models.TextField(blank=True)
    communication_needs = models.TextField(blank=True)
    victim_support_referral = models.BooleanField(null=True, blank=True)
    equality = models.JSONField(default=dict, blank=True)

    # Declaration (CT-025, CT-060)
    declaration = models.BooleanField(default=False)
    data_sharing_consent = models.BooleanField(default=False)

    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    precheck = models.JSONField(default=dict, blank=True, help_text="The indicative pre-check shown when sent.")

    # The case (CT-080..CT-094)
    spoc = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_reviews_as_spoc",
        verbose_name="single point of contact",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    victim_support_offered = models.BooleanField(default=False)
    threshold_decided_at = models.DateTimeField(null=True, blank=True)
    threshold_met = models.BooleanField(null=True, blank=True)
    threshold_route = models.CharField(max_length=20, choices=ThresholdRoute.choices, blank=True)
    threshold_reasons = models.TextField(blank=True)
    persistence_view = models.TextField(blank=True)
    harm_view = models.TextField(blank=True)
    response_view = models.TextField(blank=True)
    signposting = models.TextField(blank=True, help_text="CT-094: onward referral when the threshold is not met.")
    disqualifier = models.CharField(max_length=20, choices=Disqualifier.choices, blank=True)
    disqualifier_reasons = models.TextField(blank=True, help_text="CT-038: why it applies; the applicant is told.")
    pcc_area = models.ForeignKey(
        "case_reviews.PccArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        verbose_name="PCC area",
        help_text="Kept after anonymisation: the statistics are split by it (CT-107).",
    )
    meeting_at = models.DateTimeField(null=True, blank=True)
    chair = models.CharField(max_length=150, blank=True)
    chair_independence = models.CharField(max_length=300, blank=True)
    victim_involvement = models.CharField(max_length=20, choices=VictimInvolvement.choices, blank=True)
    review_held_at = models.DateTimeField(null=True, blank=True)
    action_plan_shared_at = models.DateTimeField(null=True, blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)
    outcome_summary = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        permissions = [("export_application", "Can export a case review application")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(reference__isnull=False) & Q(submitted_at__isnull=False)),
                name="case_reviews_sent_has_reference",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "received"]) | Q(spoc__isnull=False) | Q(anonymised_at__isnull=False),
                name="case_reviews_case_has_spoc",
                violation_error_message="A case needs a single point of contact once acknowledged (CT-091).",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closure_reason="") | Q(anonymised_at__isnull=False),
                name="case_reviews_closed_has_reason",
            ),
        ]

    def __str__(self):
        return self.reference or f"Draft application {self.pk}"

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def applies_for_someone_else(self):
        return self.basis == Basis.ON_BEHALF

    @property
    def names_other_people(self):
        """One of several neighbours, or a group, can name the others affected on one application (CT-022)."""
        return self.basis in (Basis.ONE_OF_SEVERAL, Basis.GROUP)

    @property
    def victim_display_name(self):
        return self.victim_name if self.applies_for_someone_else else self.applicant_name


class Incident(models.Model):
    """One incident the applicant lists (CT-052). Reported to several agencies, it is still one incident, so it
    counts once towards the threshold (CT-033)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="incidents")
    happened_on = models.DateField()
    happened_at_time = models.TimeField(null=True, blank=True)
    what_happened = models.TextField()
    hate = models.BooleanField(default=False)

    class Meta:
        ordering = ["happened_on", "pk"]

    def __str__(self):
        return f"Incident on {self.happened_on:%d %b %Y}"


class IncidentReport(models.Model):
    """One report of an incident to one agency: when, to whom, their reference and what they promised (CT-052)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField()
    agency = models.CharField(max_length=10, choices=Agency.choices)
    agency_name = models.CharField(max_length=150, blank=True)
    officer = models.CharField(max_length=150, blank=True)
    reference = models.CharField(max_length=60, blank=True)
    action_promised = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    reported_by = models.CharField(max_length=150, blank=True, help_text="Who made the report, if not the applicant.")

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self):
        return f"Reported to {self.get_agency_display()} on {self.reported_on:%d %b %Y}"


class AffectedPerson(models.Model):
    """Another person affected by the same behaviour, named on a group application or one made by one of several
    neighbours (CT-022). The officer sees who else is affected, how the applicant says it is safe to reach them,
    and whether each has agreed to the application being made for them (CT-021): a partnership can require a
    number of them to agree before a group applies (Reigate and Banstead ask for five signatures). Only what the
    officer needs is kept: a name, one way to reach them as the applicant knows it, and their agreement."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="affected_people")
    name = models.CharField(max_length=150)
    contact = models.CharField(
        max_length=300,
        blank=True,
        help_text="How it is safe to contact them, or their address, as the applicant knows it.",
    )
    consents = models.BooleanField(default=False, help_text="They have agreed to the application being made for them.")

    class Meta:
        ordering = ["pk"]
        verbose_name = "other person affected"
        verbose_name_plural = "other people affected"

    def __str__(self):
        return self.name


class Evidence(models.Model):
    """A document or image the applicant sends (CT-057) or written consent (CT-022). Stored outside the public
    media folder and served only through a view that checks who is asking (issue 10, data protection)."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "Supporting evidence"
        CONSENT = "consent", "Written consent from the person affected"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EVIDENCE)
    file = models.FileField(upload_to="case-reviews/%Y/%m/", storage=PrivateEvidenceStorage())
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.original_name


class RelevantBody(models.Model):
    """A relevant body every application is passed to (CT-003, CT-012): the council, the police, the integrated
    care board and co-opted social housing providers. Kept by partnership admins."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        POLICE = "police", "Police"
        HEALTH = "health", "Integrated care board"
        HOUSING = "housing", "Social housing provider"
        OTHER = "other", "Other"

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    email = models.EmailField(help_text="The case review contact there: told of each application, without details.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "relevant bodies"

    def __str__(self):
        return self.name


class BodyNotification(models.Model):
    """When one relevant body was told of one application (CT-012: "log when each was notified")."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notifications")
    body = models.ForeignKey(RelevantBody, on_delete=models.PROTECT, related_name="+")
    notified_at = models.DateTimeField()
    message = models.ForeignKey(
        "core.OutboxMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["notified_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "body"], name="case_reviews_notify_each_body_once")
        ]

    def __str__(self):
        return f"{self.body} told on {self.notified_at:%d %b %Y}"


class CaseEvent(models.Model):
    """One step in a case's history: the status it moved to, when, who, and a note. The statistics are worked out
    from these dates (CT-017), and the applicant's status page lists them."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=30, choices=Status.choices)
    at = models.DateTimeField()
    by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} on {self.at:%d %b %Y}"


class Recommendation(models.Model):
    """A recommendation from a review (or after a "not met" decision, CT-094): the agency that owns it, when it is
    due, and how it is going. Bodies that receive one must have regard to it (CT-082)."""

    class State(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_ACCEPTED = "not_accepted", "Not accepted (reason recorded)"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField()
    owner = models.ForeignKey(RelevantBody, on_delete=models.PROTECT, related_name="recommendations")
    due_on = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.text[:80]


class Appeal(models.Model):
    """A request to look again (CT-100..CT-106): about the threshold decision or how the review was done, by the
    applicant or escalated by an agency, on one of the recognised grounds, with its outcome."""

    class Kind(models.TextChoices):
        THRESHOLD = "threshold", "The threshold decision"
        CONDUCT = "conduct", "How the review was carried out"

    class Ground(models.TextChoices):
        THRESHOLD_WRONG = "threshold_wrong", "The threshold was wrongly judged not met"
        PROCESS = "process", "The review did not consider a relevant process, policy or protocol"
        FACTS = "facts", "The review did not consider relevant factual information"

    class Outcome(models.TextChoices):
        REFERRED_BACK = "referred_back", "Upheld: referred back to the reviewing bodies"
        PROPERLY_DONE = "properly_done", "Not upheld: the review was properly done"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    ground = models.CharField(max_length=20, choices=Ground.choices)
    by_agency = models.BooleanField(default=False, help_text="Escalated by an agency, not the applicant (CT-104).")
    details = models.TextField()
    received_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at", "pk"]

    def __str__(self):
        return f"Appeal about {self.get_kind_display().lower()}"


class PccReview(models.Model):
    """A request to the Police and Crime Commissioner to review a decision on a case (CT-106): usually a 'threshold
    not met' decision, or the outcome of a review. Recorded by the case officer when the applicant asks the PCC's
    office, or when the partnership refers it; the PCC's answer is recorded when it comes."""

    class About(models.TextChoices):
        THRESHOLD = "threshold", "The threshold decision"
        OUTCOME = "outcome", "The outcome of the review"

    class Decision(models.TextChoices):
        RECONSIDER = "reconsider", "The PCC asks the relevant bodies to look at it again"
        STANDS = "stands", "The PCC is satisfied the decision stands"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pcc_reviews")
    about = models.CharField(max_length=10, choices=About.choices)
    by_agency = models.BooleanField(default=False, help_text="Referred by the partnership, not the applicant.")
    details = models.TextField()
    requested_at = models.DateTimeField()
    office_told_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = "PCC review"

    def __str__(self):
        return f"PCC review of {self.get_about_display().lower()}"


class PccArea(models.Model):
    """A Police and Crime Commissioner's area (a police force area) the partnership's cases fall in, with the local
    authorities inside it. Cases are placed in one by the postcode given, so the statistics can be split and sent to
    each PCC (CT-107)."""

    name = models.CharField(max_length=100, unique=True, help_text="e.g. Thames Valley")
    local_authorities = models.ManyToManyField("core.LocalAuthority", blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = "PCC area"

    def __str__(self):
        return self.name


class Letter(models.Model):
    """One letter the workflow sent to the applicant, as worded on the day. Sent by email when that is how it is safe
    to reach them; otherwise a case officer prints and posts it (or reads it out by phone) and marks it done."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    key = models.CharField(max_length=30)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    channel = models.CharField(max_length=10, choices=ContactChannel.choices)
    created_at = models.DateTimeField()
    emailed = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When it was posted or read out by phone.")
    sent_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.subject


class LetterTemplate(models.Model):
    """The words of a letter or email to the applicant at one step, editable by case officers. Placeholders in
    braces ({reference}, {name}, {spoc}, {reasons}, {due}, {link}) are filled in when it is sent; special-category
    details never go in an email (GD-013)."""

    key = models.CharField(max_length=30, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    def __str__(self):
        return self.key


class YearNote(models.Model):
    """A note beside one reporting year's statistics, e.g. explaining a discretionary review (CT-017)."""

    year_starting = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(2014), MaxValueValidator(2100)],
        help_text="e.g. 2024 for 2024 to 2025",
    )
    note = models.TextField()

    class Meta:
        ordering = ["-year_starting"]

    def __str__(self):
        return f"Note for the year starting {self.year_starting}"


class DigestRun(models.Model):
    """One daily digest sent to case officers, so running the task twice in a day sends it once."""

    sent_on = models.DateField(unique=True)
    cases = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Digest of {self.sent_on}"
