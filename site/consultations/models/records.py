"""What residents and staff create around engagement activities: requests to hear back, alert subscriptions,
requests to join a task-and-finish group, and the outputs a group publishes."""

import secrets

from django.db import models
from django.db.models import Q

from consultations.querysets import AlertSubscriptionQuerySet, GroupMembershipQuerySet


def new_key():
    return secrets.token_urlsafe(24)


class HearBackRequest(models.Model):
    """A resident who took part and asked to be told what came of it (EL-002's promise: "provide feedback on how
    public input influenced the decision"). Only their email is kept; it is used once, when the outcome is
    published, and deleted 30 days later."""

    activity = models.ForeignKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(help_text="Stored in lower case, so one person is told once.")
    created_at = models.DateTimeField()
    told_at = models.DateTimeField(null=True, blank=True, help_text="When the outcome email was queued.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "email"], name="consultations_hear_back_once_per_email")
        ]

    def __str__(self):
        return f"{self.email} about {self.activity_id}"


class AlertSubscription(models.Model):
    """A resident's wish to hear about new engagement activities in the wards or on the topics they chose.

    Double opt-in: nothing is sent until the resident clicks the link in the confirmation email. A newer
    confirmed subscription for the same email replaces the older one. Unsubscribing deletes the row.
    """

    email = models.EmailField()
    key = models.CharField(max_length=64, unique=True, default=new_key, help_text="Signed into the resident's links.")
    wards = models.ManyToManyField("core.Ward", blank=True, related_name="+")
    topics = models.ManyToManyField("taggit.Tag", blank=True, related_name="+")
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = AlertSubscriptionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.email} ({'confirmed' if self.confirmed_at else 'waiting for confirmation'})"


class AlertDispatch(models.Model):
    """The alerts about one new activity went out: at most once per activity, whatever republishes it."""

    activity = models.OneToOneField(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="alert_dispatch"
    )
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Alerts for {self.activity_id}: {self.recipients}"


class GroupMembership(models.Model):
    """A resident's place in a task-and-finish group, from their request to join to the lead's decision.

    A resident the partnership makes the group's lead holds the role `lead`. The members list is seen only by
    the group's lead, its members and the officers who oversee groups (consultations.rules).
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", "Asked to join"
        ACCEPTED = "accepted", "Member"
        DECLINED = "declined", "Not accepted"
        LEFT = "left", "Left the group"

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        LEAD = "lead", "Lead"

    group = models.ForeignKey("consultations.TaskGroupPage", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="task_group_memberships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    message = models.TextField(blank=True, help_text="Why the resident would like to join, in their words.")
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="consultations_one_membership_per_group"),
            models.CheckConstraint(
                condition=~Q(role="lead") | Q(status="accepted"), name="consultations_lead_is_a_member"
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.group_id} ({self.get_status_display()})"


class GroupOutput(models.Model):
    """Something a task-and-finish group produced and published on its page: recommendations, a toolkit, a plan."""

    group = models.ForeignKey("consultations.TaskGroupPage", on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(max_length=150)
    summary = models.TextField(help_text="What the group produced and what happens next.")
    link = models.URLField(blank=True, help_text="Where to read the full output, if it is elsewhere.")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey("core.User", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title
