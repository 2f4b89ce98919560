"""How long the engagement ladder keeps personal data (UK GDPR storage limitation).

- A request to hear back is used once: deleted 30 days after the outcome email, or two years after the activity
  opened if no outcome ever came (so the list does not live for ever).
- An alert subscription nobody confirmed within a week is deleted; confirmed ones last until the resident
  unsubscribes (one click from every alert).
- Requests to join a group that were declined, or members who left, are deleted after 6 months.
"""

from datetime import timedelta

from django.db.models import Q

from core.retention import register

KEEP_AFTER_TELLING = timedelta(days=30)
KEEP_UNTOLD = timedelta(days=730)
KEEP_UNCONFIRMED = timedelta(days=7)
KEEP_ENDED_MEMBERSHIP = timedelta(days=183)


@register(
    "consultation-hear-back",
    "Requests to hear what came of an activity: 30 days after we told you, or 2 years if no outcome came.",
)
def expired_hear_back(now):
    from consultations.models import HearBackRequest

    return HearBackRequest.objects.filter(
        Q(told_at__lt=now - KEEP_AFTER_TELLING) | Q(told_at__isnull=True, created_at__lt=now - KEEP_UNTOLD)
    )


@register("consultation-alerts-unconfirmed", "Alert subscriptions not confirmed within 7 days.")
def unconfirmed_alerts(now):
    from consultations.models import AlertSubscription

    return AlertSubscription.objects.filter(confirmed_at__isnull=True, created_at__lt=now - KEEP_UNCONFIRMED)


@register("task-group-ended", "Declined or ended task-and-finish group memberships: 6 months after.")
def ended_memberships(now):
    from consultations.models import GroupMembership

    return GroupMembership.objects.filter(status__in=["declined", "left"], decided_at__lt=now - KEEP_ENDED_MEMBERSHIP)
