"""What coordinators, residents and the partnership's admins create: schemes, their coordinators, members,
messages, and the log of coordinator changes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify

from watch_schemes import policies
from watch_schemes.querysets import MemberQuerySet, WatchSchemeQuerySet


class SchemeType(models.TextChoices):
    """The kinds of watch (NW-040). Cyberhood Watch is online safety, not a place, so it may have no area."""

    HOME = "home", "Neighbourhood or Home Watch (street, block, estate, village)"
    BUSINESS = "business", "Business Watch"
    SHOP = "shop", "Shop Watch"
    PUB = "pub", "Pub Watch"
    RURAL = "rural", "Farm or Rural Watch"
    SCHOOL = "school", "School Watch"
    CYBERHOOD = "cyberhood", "Cyberhood Watch (online safety)"
    OTHER = "other", "Another kind of watch"


class SchemeStatus(models.TextChoices):
    """Pending until an admin approves it; active while its details are confirmed yearly; inactive when the
    yearly review was missed (NW-026); closed when it stopped."""

    PENDING = "pending", "Waiting for approval"
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive: details not confirmed"
    CLOSED = "closed", "Closed"


class Verification(models.TextChoices):
    """How far the scheme has been checked (NW-020); shown on the finder's results."""

    SELF_DECLARED = "self", "Self-declared"
    VOLUNTEER = "volunteer", "Verified by a local Neighbourhood Watch volunteer"
    POLICE = "police", "Verified by the police"


class WatchScheme(models.Model):
    """A Neighbourhood Watch scheme: neighbours on a street, estate or village (or a business, school or farm
    watch) who look out for each other, run by volunteer coordinators.

    Residents find it by postcode and ask to join; its coordinators keep its details and members and message
    them; the partnership's admins approve it and audit the registry each year (NW-010 to NW-027).
    """

    Status = SchemeStatus
    Type = SchemeType

    name = models.CharField(max_length=120)
    scheme_type = models.CharField("type of scheme", max_length=20, choices=SchemeType.choices, default="home")
    description = models.TextField(blank=True, max_length=2000)
    streets = models.TextField(blank=True, help_text="The streets the scheme covers, one a line.")
    postcodes = models.JSONField(default=list, blank=True, help_text="Normalised postcodes the scheme covers.")
    area = models.TextField(blank=True, help_text="The area drawn on a map, as a GeoJSON polygon (optional).")
    latitude = models.FloatField(help_text="The centre of the area, for distances and the approximate map marker.")
    longitude = models.FloatField()
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    households = models.PositiveIntegerField("households covered", null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    meeting_details = models.TextField(blank=True, max_length=1000, help_text="When and where members meet.")
    website = models.URLField(blank=True)

    status = models.CharField(max_length=10, choices=SchemeStatus.choices, default="pending", db_index=True)
    verification = models.CharField(max_length=10, choices=Verification.choices, default="self")
    show_area = models.BooleanField(
        "show the area on the public map", default=False, help_text="Otherwise only an approximate location (NW-052)."
    )
    show_coordinator_contact = models.BooleanField(
        "show the coordinator's contact details publicly", default=False, help_text="NW-051"
    )

    accepted_code_of_conduct_at = models.DateTimeField()
    accepted_data_protection_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    last_confirmed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True, db_index=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="SchemeCoordinator", related_name="watch_schemes"
    )

    objects = WatchSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("audit_watchscheme", "Can see the Neighbourhood Watch audit report")]
        indexes = [models.Index(fields=["latitude", "longitude"], name="scheme_location_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SchemeStatus.values), name="scheme_status_valid"),
            models.CheckConstraint(condition=Q(scheme_type__in=SchemeType.values), name="scheme_type_valid"),
            models.CheckConstraint(condition=Q(verification__in=Verification.values), name="scheme_verification_valid"),
            models.CheckConstraint(
                condition=~Q(status__in=["active", "inactive"])
                | Q(approved_at__isnull=False, review_due__isnull=False),
                name="scheme_approved_has_review_date",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=49, latitude__lte=61, longitude__gte=-9, longitude__lte=2),
                name="scheme_in_uk",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("watch_schemes:scheme", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self):
        return slugify(self.name) or "scheme"

    @property
    def ring(self):
        """The drawn area as a list of (longitude, latitude), or None."""
        try:
            return policies.parse_polygon(self.area)
        except policies.AreaProblem:
            return None

    @property
    def street_list(self):
        return policies.parse_streets(self.streets)

    @property
    def is_public(self):
        return self.status in (SchemeStatus.ACTIVE, SchemeStatus.INACTIVE)


class SchemeCoordinator(models.Model):
    """A person who runs a scheme: its main coordinator (one) or a co-coordinator (NW-013). Only they see the
    scheme's members."""

    class Role(models.TextChoices):
        MAIN = "main", "Main coordinator"
        DEPUTY = "deputy", "Co-coordinator"

    scheme = models.ForeignKey(WatchScheme, on_delete=models.CASCADE, related_name="coordinator_roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watch_roles")
    role = models.CharField(max_length=10, choices=Role.choices, default="deputy")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "user"], name="coordinator_once_per_scheme"),
            models.UniqueConstraint(fields=["scheme"], condition=Q(role="main"), name="scheme_one_main_coordinator"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.scheme})"


class CoordinatorChange(models.Model):
    """The log of who started, joined, left or handed over a scheme's coordination (NW-027, NW-065): the
    member list passes with the scheme, so every transfer is recorded."""

    class Action(models.TextChoices):
        REGISTERED = "registered", "Registered the scheme"
        ADDED = "added", "Added a co-coordinator"
        REMOVED = "removed", "Removed a co-coordinator"
        HANDOVER = "handover", "Handed the scheme over"

    scheme = models.ForeignKey(WatchScheme, on_delete=models.CASCADE, related_name="coordinator_changes")
    action = models.CharField(max_length=12, choices=Action.choices)
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True, max_length=1000)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.scheme}: {self.get_action_display()} ({self.at:%d %B %Y})"


class Member(models.Model):
    """A resident who asked to join a scheme: only what the coordinators need (name, email, street; NW-064).

    Seen only by that scheme's coordinators (NW-061). Consent to messages is given when asking to join
    (NW-060); a member unsubscribes in one click; a member who leaves or is declined is deleted.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", "Asked to join"
        ACCEPTED = "accepted", "Member"

    scheme = models.ForeignKey(WatchScheme, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=100)
    email = models.EmailField()
    street = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=Status.choices, default="requested")
    consented_at = models.DateTimeField(help_text="When they agreed to the coordinators holding these details.")
    receives_messages = models.BooleanField(default=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint("scheme", Lower("email"), name="member_once_per_scheme"),
            models.CheckConstraint(condition=Q(status__in=["requested", "accepted"]), name="member_status_valid"),
            models.CheckConstraint(
                condition=Q(status="requested") | Q(decided_at__isnull=False), name="member_accepted_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.scheme})"


class SchemeMessage(models.Model):
    """An email a coordinator sent to their scheme's members, or an alert the partnership's admins sent to
    every scheme in chosen wards (NW-072, NW-073). Each carries the 999 and 101 numbers (NW-075)."""

    scheme = models.ForeignKey(WatchScheme, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    wards = models.ManyToManyField("core.Ward", blank=True, related_name="+")
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=5000)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject
