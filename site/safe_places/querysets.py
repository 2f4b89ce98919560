"""Reads: which venues the public may see, which are near a point, which are open at a moment."""

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.db import models
from django.db.models import ExpressionWrapper, F, FloatField, Value

from safe_places import policies

# The finder looks at most at this many venues nearest the point (by a cheap planar distance in SQL), then
# works out exact distances and opening in Python: its cost stays flat however many venues there are.
MAX_CANDIDATES = 100
DEFAULT_RADIUS_KM = 10.0

FEATURE_FIELDS = ("step_free", "accessible_toilet", "quiet_space", "hearing_loop")


@lru_cache(maxsize=8)
def bank_holidays_for(years):
    return policies.england_bank_holidays(years)


def bank_holidays_around(at):
    """England's bank holidays for the year of `at` and the year before (for hours past midnight on 1 January)."""
    year = policies.today_in_london(at).year
    return bank_holidays_for((year - 1, year))


@dataclass(frozen=True)
class VenueMatch:
    """A venue the finder shows: how far it is and whether it is open at the moment asked about."""

    venue: object
    distance_km: float
    state: policies.OpeningState

    @property
    def distance(self):
        return policies.describe_distance(self.distance_km)

    @property
    def walkable(self):
        return self.distance_km <= policies.FIFTEEN_MINUTE_WALK_KM


class VenueQuerySet(models.QuerySet):
    def public(self, *, today, grace_days=28):
        """Approved venues whose yearly check is not overdue beyond the grace period (SP-050)."""
        return self.filter(status="approved", next_check_due__gte=today - timedelta(days=grace_days))

    def managed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(manager=user)

    def with_features(self, features):
        return self.filter(**{name: True for name in features if name in FEATURE_FIELDS})

    def near(self, latitude, longitude, *, radius_km=DEFAULT_RADIUS_KM):
        """Venues inside the square around the point, nearest first by a planar approximation.

        The square is searched through the (latitude, longitude) index, so only nearby rows are read; the
        approximation orders them well enough to pick candidates, and exact distances come from `haversine_km`.
        """
        box = policies.bounding_box(latitude, longitude, radius_km)
        dlat = F("latitude") - Value(latitude)
        dlng = (F("longitude") - Value(longitude)) * Value(box.lng_scale)
        return (
            self.filter(latitude__range=(box.south, box.north), longitude__range=(box.west, box.east))
            .annotate(planar_distance=ExpressionWrapper(dlat * dlat + dlng * dlng, output_field=FloatField()))
            .order_by("planar_distance", "pk")
        )

    def open_at(self, when):
        """The venues of this queryset open at `when`, in order (evaluates it: opening is worked out in Python).

        Two queries whatever the size: the venues, then their exceptions for that day and the day before
        (hours past midnight). Bank holidays come from England's calendar.
        """
        venues = list(self)
        states = opening_states(venues, when)
        return [venue for venue in venues if states[venue.pk].is_open]


def exceptions_by_venue(venue_ids, days):
    from safe_places.models import HoursException

    found = {}
    rows = HoursException.objects.filter(venue_id__in=venue_ids, date__in=days).values_list(
        "venue_id", "date", "opens", "closes"
    )
    for venue_id, day, opens, closes in rows:
        found.setdefault(venue_id, {})[day] = () if opens is None else (policies.Period(opens, closes),)
    return found


def opening_states(venues, when):
    """{venue id: OpeningState at `when`} for venues already loaded, in one query for their exceptions."""
    today = policies.today_in_london(when)
    exceptions = exceptions_by_venue([venue.pk for venue in venues], [today - timedelta(days=1), today])
    holidays = bank_holidays_around(when)
    return {
        venue.pk: policies.opening_state(
            venue.weekly_hours,
            exceptions.get(venue.pk, {}),
            when,
            bank_holidays=holidays,
            bank_holiday_rule=venue.bank_holidays,
        )
        for venue in venues
    }


FINDER_FIELDS = (
    "name", "venue_type__name", "address", "postcode", "latitude", "longitude", "phone", "opening_hours",
    "bank_holidays", *FEATURE_FIELDS,
)  # fmt: skip


def find_nearest(
    queryset, *, latitude, longitude, at, open_now=False, features=(), radius_km=DEFAULT_RADIUS_KM, limit=20
):
    """The nearest venues to a point, nearest first, with distance and opening state (SP-031).

    Three queries whatever the number of venues: the candidates nearest the point as plain rows (at most
    MAX_CANDIDATES, found through the location index), their exceptions for the day, and the chosen few
    (at most `limit`) as venues for the page. Opening is worked out only until `limit` venues are chosen.
    """
    rows = queryset.with_features(features).near(latitude, longitude, radius_km=radius_km)
    rows = rows.values_list("pk", "latitude", "longitude", "opening_hours", "bank_holidays")[:MAX_CANDIDATES]
    candidates = []
    for pk, lat, lng, hours, rule in rows:
        distance = policies.haversine_km(latitude, longitude, lat, lng)
        if distance <= radius_km:
            candidates.append((distance, pk, hours, rule))
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
    today = policies.today_in_london(at)
    exceptions = exceptions_by_venue([pk for _d, pk, _h, _r in candidates], [today - timedelta(days=1), today])
    holidays = bank_holidays_around(at)
    chosen = []
    for distance, pk, hours, rule in candidates:
        state = policies.opening_state(
            policies.weekly_hours_from_data(hours), exceptions.get(pk, {}), at,
            bank_holidays=holidays, bank_holiday_rule=rule,
        )  # fmt: skip
        if open_now and not state.is_open:
            continue
        chosen.append((pk, distance, state))
        if len(chosen) == limit:
            break
    venues = (
        queryset.model.objects.select_related("venue_type").only(*FINDER_FIELDS).in_bulk([pk for pk, _d, _s in chosen])
    )
    return [VenueMatch(venue=venues[pk], distance_km=distance, state=state) for pk, distance, state in chosen]
