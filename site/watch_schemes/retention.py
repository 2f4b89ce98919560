"""What the Neighbourhood Watch registry forgets, and when (GD-021, NW-064), registered with the shared registry.

Leavers and declined requests are deleted at once by the services; these rules catch what nobody acted on.
"""

from datetime import timedelta

from core.retention import register

UNANSWERED_REQUEST_DAYS = 90
MEMBER_DAYS = 365 * 2  # GD-021: two years after the scheme last confirmed its details
CLOSED_SCHEME_DAYS = 365 * 2


@register("watch-join-requests", "Requests to join a watch scheme nobody answered: 90 days after they were made.")
def expired_requests(now):
    from watch_schemes.models import Member

    return Member.objects.requested().filter(created_at__lt=now - timedelta(days=UNANSWERED_REQUEST_DAYS))


@register(
    "watch-members",
    "Watch scheme members: two years after their scheme last confirmed its details (or its approval, if never).",
)
def expired_members(now):
    from django.db.models import Q

    from watch_schemes.models import Member

    cutoff = now - timedelta(days=MEMBER_DAYS)
    return Member.objects.accepted().filter(
        Q(scheme__last_confirmed_on__lt=cutoff.date())
        | Q(scheme__last_confirmed_on__isnull=True, decided_at__lt=cutoff)
    )


@register("watch-closed-schemes", "Closed or declined watch schemes (with their coordinator log): two years after.")
def expired_schemes(now):
    from watch_schemes.models import WatchScheme

    return WatchScheme.objects.filter(status="closed", updated_at__lt=now - timedelta(days=CLOSED_SCHEME_DAYS))
