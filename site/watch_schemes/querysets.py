"""Reads: which schemes the public may see, which cover a postcode or are nearest, whose members a person sees."""

import math
from dataclasses import dataclass

from django.db import models

from watch_schemes import policies

SEARCH_RADIUS_KM = 25.0


@dataclass(frozen=True)
class SchemeMatch:
    """A scheme the finder shows: whether it covers the postcode searched for, and how far its centre is."""

    scheme: object
    covers: bool
    distance_km: float

    @property
    def distance(self):
        return policies.describe_distance(self.distance_km)


class WatchSchemeQuerySet(models.QuerySet):
    def public(self):
        """Schemes residents can find and join: approved and not closed. Inactive ones stay findable (with
        their status shown) so a neighbour can offer to revive them (NW-026)."""
        return self.filter(status__in=["active", "inactive"])

    def coordinated_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinator_roles__user=user)

    def in_box(self, latitude, longitude, radius_km):
        dlat = radius_km / 111.0
        dlng = radius_km / (111.0 * max(math.cos(math.radians(latitude)), 0.01))
        return self.filter(
            latitude__range=(latitude - dlat, latitude + dlat), longitude__range=(longitude - dlng, longitude + dlng)
        )


def find_for_postcode(queryset, *, postcode, point, limit=policies.NEAREST_COUNT, radius_km=SEARCH_RADIUS_KM):
    """The schemes covering a postcode first, then the nearest others, up to `limit` (NW-050).

    Two queries whatever the number of schemes: the candidates in the square around the point as plain rows,
    then the chosen few as schemes for the page. A scheme covers the postcode when the postcode is in its list
    or inside its drawn area (`policies.covers`).
    """
    lat, lng = point
    rows = queryset.in_box(lat, lng, radius_km).values_list("pk", "postcodes", "area", "latitude", "longitude")
    found = []
    for pk, postcodes, area, s_lat, s_lng in rows:
        try:
            ring = policies.parse_polygon(area)
        except policies.AreaProblem:
            ring = None
        covering = policies.covers(postcode=postcode, point=point, postcodes=postcodes or [], ring=ring)
        distance = 0.0 if covering else policies.haversine_km(lat, lng, s_lat, s_lng)
        if covering or distance <= radius_km:
            found.append((not covering, distance, pk, covering))
    found.sort()
    chosen = found[:limit]
    schemes = queryset.model.objects.select_related("ward").in_bulk([pk for _c, _d, pk, _cov in chosen])
    return [SchemeMatch(scheme=schemes[pk], covers=cov, distance_km=d) for _c, d, pk, cov in chosen]


class MemberQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status="accepted")

    def requested(self):
        return self.filter(status="requested")

    def to_message(self):
        return self.filter(status="accepted", receives_messages=True)


def wards_without_scheme():
    """Wards with no live scheme, for the audit (seed 004: where to recruit coordinators)."""
    from core.models import Ward
    from watch_schemes.models import WatchScheme

    covered = WatchScheme.objects.public().exclude(ward=None).values("ward")
    return Ward.objects.exclude(pk__in=covered).order_by("name")
