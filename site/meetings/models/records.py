"""What residents and staff create around a meeting: bookings (and the waiting list) and questions."""

from django.db import models
from django.db.models import Q

from meetings.querysets import BookingQuerySet, QuestionQuerySet


class Adjustment(models.TextChoices):
    """Reasonable adjustments a resident can ask for; the organiser is told about each one (Equality Act 2010)."""

    BSL = "bsl", "British Sign Language interpreter"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    STEP_FREE = "step_free", "Step-free access"
    LARGE_PRINT = "large_print", "Large print papers"
    OTHER = "other", "Something else"


class Booking(models.Model):
    """A resident's seats at a Face the Public meeting, or their place on its waiting list.

    Residents need no account: the booking code identifies them at the door and a signed link lets them see or
    cancel. One email holds at most one active booking per meeting (a partial unique constraint), and confirmed
    seats never exceed the meeting's capacity because `services.book_seat` locks the meeting before counting.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    meeting = models.ForeignKey("meetings.MeetingPage", on_delete=models.CASCADE, related_name="bookings")
    code = models.CharField(max_length=12, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    name = models.CharField(max_length=100)
    email = models.EmailField(help_text="Stored in lower case, so one person cannot book twice by capitalising.")
    phone = models.CharField(max_length=30, blank=True)
    seats = models.PositiveSmallIntegerField(default=1)
    adjustments = models.JSONField(default=list, blank=True)
    adjustments_detail = models.TextField(blank=True)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    second_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~Q(status="cancelled"),
                name="meetings_one_active_booking_per_email",
                violation_error_message="This email address already has a booking for this meeting.",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="meetings_booking_at_least_one_seat"),
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"])]

    def __str__(self):
        return f"{self.code} {self.name} ({self.get_status_display()})"

    @property
    def adjustment_labels(self):
        labels = dict(Adjustment.choices)
        return [labels.get(code, code) for code in self.adjustments]

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class Question(models.Model):
    """A resident's question for the panel, sent with a booking or on its own, triaged by staff and answered at
    or after the meeting. Follow-ups become "You said, we did" items (FP-011)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for triage"
        ACCEPTED = "accepted", "Accepted for the panel"
        MERGED = "merged", "Merged with a similar question"
        DECLINED = "declined", "Declined"
        ANSWERED = "answered", "Answered"

    meeting = models.ForeignKey("meetings.MeetingPage", on_delete=models.CASCADE, related_name="questions")
    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions")
    name = models.CharField(max_length=100)
    email = models.EmailField()
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    decline_reason = models.TextField(blank=True)
    priority = models.ForeignKey(
        "partnership.PriorityPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(blank=True)
    answered_by = models.CharField(max_length=150, blank=True, help_text="Panel member and agency.")
    follow_up = models.ForeignKey(
        "partnership.YouSaidWeDid", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answer_emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the resident was emailed the published answer (once only)."
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="meetings_declined_question_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(duplicate_of__isnull=False),
                name="meetings_merged_question_names_original",
            ),
        ]

    def __str__(self):
        return self.text[:60]
