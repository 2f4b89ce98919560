"""What residents and processes create: responses and their answers, saved drafts, poll votes, exports."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from surveys.querysets import AnswerQuerySet, ResponseQuerySet


def new_response_reference():
    return "S-" + secrets.token_hex(4).upper()


class Response(models.Model):
    """One resident's completed survey: what the confirmation page quotes and what results count.

    Anonymous: it keeps no name or email. `respondent_key` is a keyed hash (of the resident's browser session,
    or of their email when the survey asks residents to confirm by email) so that one person is counted once:
    the database refuses a second response with the same key for the same survey.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        AWAITING_CONFIRMATION = "awaiting-confirmation", "Waiting for the resident to confirm by email"

    class Source(models.TextChoices):
        ONLINE = "online", "Answered online"
        IMPORTED = "imported", "Imported"

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.PROTECT, related_name="responses")
    reference = models.CharField(max_length=12, unique=True, default=new_response_reference, editable=False)
    respondent_key = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.SUBMITTED)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=~Q(respondent_key=""),
                name="surveys_one_response_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted", source="online", respondent_key=""),
                name="surveys_online_response_has_respondent",
            ),
        ]
        indexes = [models.Index(fields=["survey", "status", "submitted_at"], name="surveys_resp_counted_idx")]

    def __str__(self):
        return self.reference


class Answer(models.Model):
    """One answer in a response: the question's short name and what the resident said.

    One row per answer (one per option ticked in a multiple-choice question), so results are a single
    GROUP BY and the concern analysis can read every free-text answer with its question, ward and date.
    `number` holds the numeric value of scales, ratings and numbers for averages; `detail` the words a
    resident wrote after choosing "Other".
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=50, help_text="The question's short name.")
    value = models.TextField()
    detail = models.TextField(blank=True)
    number = models.IntegerField(null=True, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question", "value"], name="surveys_answer_once"),
        ]
        indexes = [models.Index(fields=["question", "value"], name="surveys_answer_question_idx")]

    def __str__(self):
        return f"{self.question}: {self.value[:40]}"


class SurveyDraft(models.Model):
    """Answers a resident saved to finish later; the emailed signed link brings them back.

    It holds no email address (the link was sent and forgotten) and is deleted when it expires or is used.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="drafts")
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"Saved answers to {self.survey_id} until {self.expires_at:%d %B %Y}"


class WardPopulation(models.Model):
    """How many people live in a ward, to see which wards a survey reached and which it missed."""

    ward = models.OneToOneField("core.Ward", on_delete=models.CASCADE, related_name="population")
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True, help_text="E.g. ONS mid-year estimates 2022.")

    class Meta:
        ordering = ["ward__name"]

    def __str__(self):
        return f"{self.ward}: {self.population}"


class PollVote(models.Model):
    """One resident's vote in a quick poll; `voter_key` (a keyed hash of their session) stops a second vote."""

    poll = models.ForeignKey("surveys.Poll", on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey("surveys.PollOption", on_delete=models.CASCADE, related_name="votes")
    voter_key = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "voter_key"], name="surveys_one_vote_per_person")]

    def __str__(self):
        return f"Vote for {self.option_id}"


class ExportJob(models.Model):
    """A long export of a survey's responses, written by a background task for the officer who asked.

    The file is for that officer only (rules.py) and is deleted after a week (retention).
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="survey-exports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="surveys_export_progress_in_range"),
        ]

    def __str__(self):
        return f"{self.get_format_display()} export of {self.survey_id}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else (100 if self.status == "done" else 0)
