"""Reads: which venues the public may see, which are near a point, which are open at a moment."""

import json
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.db import models
from django.db.models import CharField, ExpressionWrapper, F, FloatField, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

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
    "name", "address", "postcode", "latitude", "longitude", "phone", "opening_hours", "bank_holidays",
    *FEATURE_FIELDS,
)  # fmt: skip
FINDER_TYPE_FIELDS = ("id", "name")


def exception_on(day):
    """A venue's hours exception for `day` as one text value beside each candidate: None (no exception), "-"
    (closed all day) or "HH:MM:SS-HH:MM:SS". At most one row per venue and day (a unique constraint); plain SQL
    that PostgreSQL and SQLite both read, as the finder runs it on every search."""
    from safe_places.models import HoursException, Venue

    exceptions, venues = HoursException._meta.db_table, Venue._meta.db_table
    return RawSQL(
        f"SELECT COALESCE(CAST(opens AS TEXT) || '-' || CAST(closes AS TEXT), '-') FROM {exceptions} "
        f"WHERE {exceptions}.venue_id = {venues}.id AND {exceptions}.date = %s",
        (day,),
        output_field=CharField(),
    )


def find_nearest(
    queryset, *, latitude, longitude, at, open_now=False, features=(), radius_km=DEFAULT_RADIUS_KM, limit=20
):
    """The nearest venues to a point, nearest first, with distance and opening state (SP-031).

    One query whatever the number of venues: the candidates nearest the point (at most MAX_CANDIDATES, found
    through the location index), each with what the page shows, its venue type and its hours exceptions for
    today and yesterday (hours past midnight). Opening hours come as their stored text, and the few weekly
    patterns venues share are parsed once per process. Opening is worked out only until `limit` are chosen.
    """
    today = policies.today_in_london(at)
    days = (today - timedelta(days=1), today)
    rows = (
        queryset.with_features(features)
        .near(latitude, longitude, radius_km=radius_km)
        .annotate(
            hours_text=Cast("opening_hours", TextField()),
            exception_yesterday=exception_on(days[0]),
            exception_today=exception_on(days[1]),
        )
        .values_list(
            "pk", *(name for name in FINDER_FIELDS if name != "opening_hours"), "hours_text",
            "exception_yesterday", "exception_today", *(f"venue_type__{name}" for name in FINDER_TYPE_FIELDS),
        )[:MAX_CANDIDATES]
    )  # fmt: skip
    venue_fields = ("id", *(name for name in FINDER_FIELDS if name != "opening_hours"))
    candidates = []
    for row in rows:
        *values, hours_text, yesterday, today_exception, type_id, type_name = row
        venue = dict(zip(venue_fields, values, strict=True))
        distance = policies.haversine_km(latitude, longitude, venue["latitude"], venue["longitude"])
        if distance <= radius_km:
            exceptions = {
                day: policies.periods_from_text(text)
                for day, text in zip(days, (yesterday, today_exception), strict=True)
                if text is not None
            }
            candidates.append((distance, venue, hours_text, exceptions, (type_id, type_name)))
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]["id"]))
    holidays = bank_holidays_around(at)
    matches = []
    for distance, venue, hours_text, exceptions, venue_type in candidates:
        hours = policies.weekly_hours_from_json(hours_text)
        state = policies.opening_state(
            hours, exceptions, at, bank_holidays=holidays, bank_holiday_rule=venue["bank_holidays"]
        )
        if open_now and not state.is_open:
            continue
        venue = _loaded_venue(queryset.model, queryset.db, venue, hours_text, venue_type)
        matches.append(VenueMatch(venue=venue, distance_km=distance, state=state))
        if len(matches) == limit:
            break
    return matches


def _loaded_venue(model, db, values, hours_text, venue_type):
    """A venue as the database gave it (fields not read stay deferred), with its type, for the finder's list."""
    from safe_places.models import VenueType

    loaded = {**values, "opening_hours": json.loads(hours_text) if hours_text else None}
    names = [field.attname for field in model._meta.concrete_fields if field.attname in loaded]
    venue = model.from_db(db, names, [loaded[name] for name in names])
    venue.venue_type = None if venue_type[0] is None else VenueType.from_db(db, FINDER_TYPE_FIELDS, venue_type)
    return venue
