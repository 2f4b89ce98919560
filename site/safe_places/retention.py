"""What the Safe Places scheme forgets, and when (registered with the shared retention registry)."""

from datetime import timedelta

from core.retention import register

CONCERN_DAYS = 365
WITHDRAWN_VENUE_DAYS = 365 * 2


@register("safe-places-concerns", "Concerns about Safe Places: a year after they were reported.")
def expired_concerns(now):
    from safe_places.models import VenueConcern

    return VenueConcern.objects.filter(created_at__lt=now - timedelta(days=CONCERN_DAYS))


@register(
    "safe-places-venues",
    "Venues that left the scheme, were declined or expired (with their contact names): two years after the last change.",
)
def expired_venues(now):
    from safe_places.models import Venue

    return Venue.objects.filter(
        status__in=["withdrawn", "declined", "expired"], updated_at__lt=now - timedelta(days=WITHDRAWN_VENUE_DAYS)
    )
