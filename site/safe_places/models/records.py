"""What venues, residents and the scheme's admins create: venues, their dated hours exceptions, concerns."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from safe_places import policies
from safe_places.querysets import VenueQuerySet


def default_weekly_hours():
    return [[] for _ in range(7)]


class VenueStatus(models.TextChoices):
    """Where a venue stands in the scheme: applied, live, or out of the finder and why (SP-022, SP-050)."""

    PENDING = "pending", "Waiting for approval"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    SUSPENDED = "suspended", "Suspended"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Left the scheme"


class Venue(models.Model):
    """A shop, library, café or public building whose staff will help anyone who feels lost, scared or in danger.

    Residents find approved venues in the finder; the venue's own manager keeps its details current and renews
    it each year; the scheme's admins approve it, ask for changes, decline or suspend it (SP-020 to SP-024,
    SP-050).
    """

    Status = VenueStatus

    name = models.CharField(max_length=120)
    venue_type = models.ForeignKey(
        "safe_places.VenueType", on_delete=models.PROTECT, related_name="venues", verbose_name="type of venue"
    )
    address = models.TextField(help_text="The full address, without the postcode.")
    postcode = models.CharField(max_length=8)
    latitude = models.FloatField()
    longitude = models.FloatField()
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    contact_name = models.CharField(
        max_length=100, blank=True, help_text="Who the scheme's admins talk to at the venue. Never shown publicly."
    )
    contact_email = models.EmailField(blank=True, help_text="Never shown publicly.")

    opening_hours = models.JSONField(
        default=default_weekly_hours,
        help_text='Seven lists, Monday first, of ["09:00", "17:00"] periods; a closing time at or before the '
        "opening time runs past midnight.",
    )
    bank_holidays = models.CharField(
        max_length=10, choices=policies.BANK_HOLIDAY_RULES, default=policies.BANK_HOLIDAY_CLOSED
    )
    hours_note = models.CharField(max_length=200, blank=True, help_text="Shown under the opening times.")

    step_free = models.BooleanField("step-free access", default=False)
    accessible_toilet = models.BooleanField(default=False)
    quiet_space = models.BooleanField("quiet space", default=False, help_text="SP-023")
    hearing_loop = models.BooleanField(default=False)

    trained_staff = models.PositiveSmallIntegerField(
        "number of trained staff", null=True, blank=True, help_text="Empty when not recorded."
    )
    training_date = models.DateField("date of the last training", null=True, blank=True)
    training_provider = models.CharField(max_length=100, blank=True)

    open_to_public = models.BooleanField(default=False)
    has_liability_insurance = models.BooleanField("has public liability insurance", default=False)
    accessible_premises = models.BooleanField(default=False)
    agrees_to_procedure = models.BooleanField("agrees to follow the Safe Place procedure", default=False)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    decision_reason = models.TextField(blank=True, help_text="What the admin told the venue, when asked or declined.")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    next_check_due = models.DateField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0, help_text="Renewal reminders sent for this check.")

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safe_places_venues",
        help_text="The account that registered the venue and keeps its details.",
    )
    source = models.CharField(
        max_length=60, blank=True, help_text='Where an imported venue came from, e.g. "libraries:80".'
    )
    source_id = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VenueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="venue_location_idx"),
            models.Index(fields=["status", "next_check_due"], name="venue_status_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=49, latitude__lte=61, longitude__gte=-9, longitude__lte=2),
                name="venue_in_uk",
            ),
            models.CheckConstraint(condition=Q(status__in=VenueStatus.values), name="venue_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(next_check_due__isnull=False, verified_at__isnull=False),
                name="venue_approved_has_check_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["declined", "changes_requested", "suspended"]) | ~Q(decision_reason=""),
                name="venue_refusal_has_reason",
            ),
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=~Q(source=""), name="venue_unique_import_source"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("safe_places:venue", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self):
        return slugify(self.name) or "venue"

    @property
    def weekly_hours(self):
        return policies.weekly_hours_from_data(self.opening_hours)

    @property
    def criteria(self):
        return {name: getattr(self, name) for name, _text in policies.CRITERIA}

    @property
    def features(self):
        """The accessibility features this venue has, as residents read them."""
        return [label for name, label in ACCESSIBILITY_FEATURES if getattr(self, name)]


ACCESSIBILITY_FEATURES = (
    ("step_free", "Step-free access"),
    ("accessible_toilet", "Accessible toilet"),
    ("quiet_space", "Quiet space"),
    ("hearing_loop", "Hearing loop"),
)


class HoursException(models.Model):
    """A date a venue keeps different hours, or closes (Christmas Eve, a refurbishment, a staff training day)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField()
    opens = models.TimeField(null=True, blank=True, help_text="Leave both times empty when closed all day.")
    closes = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "date"], name="hours_exception_one_per_day"),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True) | Q(opens__isnull=False, closes__isnull=False),
                name="hours_exception_both_times_or_none",
            ),
        ]
        indexes = [models.Index(fields=["date", "venue"], name="hours_exception_date_idx")]

    def __str__(self):
        return f"{self.venue}: {self.date:%d %B %Y}"

    @property
    def periods(self):
        if self.opens is None:
            return ()
        return (policies.Period(self.opens, self.closes),)


class VenueConcern(models.Model):
    """A resident's report that a Safe Place let them down or its details are wrong, for the scheme's admins."""

    # Staff-only records (core.caching): saving one changes nothing a resident sees, so it keeps the page cache.
    shown_on_public_pages = False

    class Kind(models.TextChoices):
        CLOSED = "closed", "It was closed when the website said it was open"
        UNHELPFUL = "unhelpful", "The staff did not help"
        NO_STICKER = "no_sticker", "I could not see a Safe Place sticker"
        DETAILS_WRONG = "details_wrong", "Its details are wrong (address, phone, hours, access)"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        RESOLVED = "resolved", "Resolved"

    reference = models.CharField(max_length=12, unique=True)
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="concerns")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    details = models.TextField(max_length=3000)
    email = models.EmailField(blank=True, help_text="Only to reply to the person who reported it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    resolution = models.TextField(blank=True, help_text="What the partnership did about it.")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_at__isnull=False), name="concern_resolved_has_time"
            )
        ]

    def __str__(self):
        return f"{self.reference}: {self.venue}"
