"""Pure rules of the Safe Places scheme: when a venue is open, how far it is, when it must be checked again.

No database and no clock here: callers pass the venue's hours, the bank-holiday calendar and the moment they
mean, so every rule can be tested at any instant (overnight hours, bank holidays, the clock changes).
"""

import json
import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# What a venue does on a bank holiday (SP-024: "opening hours per weekday, with bank-holiday exceptions").
BANK_HOLIDAY_USUAL = "usual"
BANK_HOLIDAY_CLOSED = "closed"
BANK_HOLIDAY_SUNDAY = "sunday"
BANK_HOLIDAY_RULES = (
    (BANK_HOLIDAY_CLOSED, "Closed on bank holidays"),
    (BANK_HOLIDAY_USUAL, "Usual hours for that day of the week"),
    (BANK_HOLIDAY_SUNDAY, "Sunday hours"),
)

EARTH_RADIUS_KM = 6371.0088
WALKING_KM_PER_MINUTE = 0.08  # 4.8 km/h, a steady walk
FIFTEEN_MINUTE_WALK_KM = 15 * WALKING_KM_PER_MINUTE  # SP-031: beyond this, the app offers to call 101

CHECK_INTERVAL_MONTHS = 12  # SP-050: the annual Safe Place Check
REMINDER_DAYS = (30, 7)  # renewal reminders this many days before the check is due


# --- opening hours ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One stretch of opening on a day. A closing time at or before the opening time runs past midnight."""

    opens: time
    closes: time

    @property
    def overnight(self):
        return self.closes <= self.opens

    def __str__(self):
        return f"{format_time(self.opens)} to {format_time(self.closes)}"


@dataclass(frozen=True)
class OpeningState:
    """Whether a venue is open at a moment, and until when (a local time), for "Open until 5pm"."""

    is_open: bool
    closes: time | None = None


CLOSED = OpeningState(False)


def parse_time(value):
    return value if isinstance(value, time) else time.fromisoformat(value)


def periods_from_data(data):
    """Periods from their stored form, a list of ["09:00", "17:00"] pairs."""
    return tuple(Period(parse_time(opens), parse_time(closes)) for opens, closes in data or ())


def weekly_hours_from_data(data):
    """A week of periods (Monday first) from the stored list of seven lists of pairs.

    Most venues share a handful of weekly patterns, so parsed weeks are remembered by their stored form.
    """
    return _weekly_hours(tuple(tuple(tuple(period) for period in day) for day in (data or ())))


@lru_cache(maxsize=4096)
def weekly_hours_from_json(text):
    """A week of periods from the stored hours as JSON text, as the database returns them.

    Keyed by the text itself, so a pattern many venues share is decoded and parsed once per process.
    """
    return weekly_hours_from_data(json.loads(text) if text else None)


def periods_from_text(text):
    """One day's periods from "HH:MM[:SS]-HH:MM[:SS]" (one period), or "-" / "" (closed all day)."""
    opens, _dash, closes = (text or "").partition("-")
    if not opens or not closes:
        return ()
    return (Period(parse_time(opens), parse_time(closes)),)


@lru_cache(maxsize=4096)
def _weekly_hours(frozen):
    days = list(frozen) + [()] * (7 - len(frozen))
    return tuple(periods_from_data(day) for day in days[:7])


def weekly_hours_to_data(week):
    return [[[p.opens.strftime("%H:%M"), p.closes.strftime("%H:%M")] for p in day] for day in week]


def periods_on(day, hours, exceptions, *, bank_holidays=frozenset(), bank_holiday_rule=BANK_HOLIDAY_USUAL):
    """The periods a venue keeps on a calendar date.

    An exception for the date (a closure, special hours) wins; then a bank holiday follows the venue's
    bank-holiday rule; otherwise the usual hours for that day of the week apply.
    """
    if day in exceptions:
        return tuple(exceptions[day])
    if day in bank_holidays:
        if bank_holiday_rule == BANK_HOLIDAY_CLOSED:
            return ()
        if bank_holiday_rule == BANK_HOLIDAY_SUNDAY:
            return tuple(hours[6])
    return tuple(hours[day.weekday()])


def opening_state(hours, exceptions, at, *, bank_holidays=frozenset(), bank_holiday_rule=BANK_HOLIDAY_USUAL):
    """Is the venue open at the instant `at` (timezone-aware), and until when?

    Opening times are wall-clock times in Europe/London, so they follow the clock changes: a venue that opens
    at 9am opens at 08:00 UTC in summer and 09:00 UTC in winter. Hours past midnight belong to the day they
    start on: Friday 20:00 to 02:00 covers early Saturday, unless Friday itself is closed by an exception.
    """
    if at.tzinfo is None:
        raise ValueError("opening_state needs a timezone-aware moment")
    local = at.astimezone(LONDON)
    today, now = local.date(), local.time().replace(tzinfo=None)
    rules = {"bank_holidays": bank_holidays, "bank_holiday_rule": bank_holiday_rule}
    for period in periods_on(today, hours, exceptions, **rules):
        if period.overnight and now >= period.opens:
            return OpeningState(True, period.closes)
        if not period.overnight and period.opens <= now < period.closes:
            return OpeningState(True, period.closes)
    for period in periods_on(today - timedelta(days=1), hours, exceptions, **rules):
        if period.overnight and now < period.closes:
            return OpeningState(True, period.closes)
    return CLOSED


def is_open(hours, exceptions, at, *, bank_holidays=frozenset(), bank_holiday_rule=BANK_HOLIDAY_USUAL):
    """True when the venue is open at `at` (see `opening_state`)."""
    return opening_state(
        hours, exceptions, at, bank_holidays=bank_holidays, bank_holiday_rule=bank_holiday_rule
    ).is_open


def england_bank_holidays(years):
    """Bank holidays in England for the given years, as a set of dates (the `holidays` package's calendar)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=list(years)).keys())


def format_time(value):
    """ "9am", "5:30pm", "midnight", "midday": how the partnership writes times for residents."""
    if value == time(0, 0):
        return "midnight"
    if value == time(12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def estimated_week_from_weekly_hours(hours_per_week):
    """Plausible opening times from a total of hours per week, for sources that give nothing better.

    The libraries dataset records only how many hours a library opens each week, not when. This spreads them
    over Monday to Saturday (five days below 25 hours, with Sunday as well from 60 hours), opening at 9am or
    10am and closing on the half hour. The result is an estimate: venues imported this way say so publicly
    and should replace it with their real times.
    """
    total = max(0.0, float(hours_per_week))
    if total == 0:
        return tuple(() for _ in range(7))
    days = 5 if total < 25 else 6
    if total >= 60:
        days = 7
    per_day = min(13.0, round(total / days * 2) / 2)
    opens = time(9, 0) if per_day >= 7 else time(10, 0)
    closing_minutes = opens.hour * 60 + int(per_day * 60)
    closes = time(min(closing_minutes // 60, 23), closing_minutes % 60 if closing_minutes < 24 * 60 else 0)
    day = (Period(opens, closes),)
    week = [day if index < days else () for index in range(7)]
    if days == 5:  # a short week: open Tuesday to Saturday, as small libraries often do
        week = [(), day, day, day, day, day, ()]
    return tuple(week)


# --- where ------------------------------------------------------------------------------------------------


def haversine_km(lat1, lng1, lat2, lng2):
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class BoundingBox:
    south: float
    north: float
    west: float
    east: float
    lng_scale: float  # cos(latitude): how much shorter a degree of longitude is than a degree of latitude


def bounding_box(lat, lng, radius_km):
    """The latitude/longitude rectangle that holds every point within `radius_km` (an index can search it)."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    scale = max(math.cos(math.radians(lat)), 0.01)
    dlng = dlat / scale
    return BoundingBox(lat - dlat, lat + dlat, lng - dlng, lng + dlng, scale)


def walking_minutes(km):
    return max(1, round(km / WALKING_KM_PER_MINUTE))


def describe_distance(km):
    """ "350 metres (about a 4 minute walk)", "2.4 km": distances as a resident reads them."""
    if km < 1:
        metres = max(10, round(km * 1000, -1))
        return f"{metres:.0f} metres (about a {walking_minutes(km)} minute walk)"
    if km <= 3:
        return f"{km:.1f} km (about a {walking_minutes(km)} minute walk)"
    return f"{km:.1f} km"


# --- the yearly check -------------------------------------------------------------------------------------


def next_check_due(from_day):
    """SP-050: a year after approval or renewal (28 February when the year has no 29th)."""
    try:
        return from_day.replace(year=from_day.year + 1)
    except ValueError:
        return from_day.replace(year=from_day.year + 1, day=28)


def check_overdue(due, today, *, grace_days):
    """SP-050: after the grace period an unrenewed venue leaves the public finder."""
    return due is not None and today > due + timedelta(days=grace_days)


def reminder_due(due, today, *, reminders_sent):
    """Which renewal reminder (1 or 2) is due today, or None: 30 then 7 days before the check is due."""
    if due is None or reminders_sent >= len(REMINDER_DAYS):
        return None
    days_left = (due - today).days
    stage = None
    for index, days in enumerate(REMINDER_DAYS):
        if days_left <= days:
            stage = index + 1
    if stage is None or stage <= reminders_sent:
        return None
    return stage


# --- approval ---------------------------------------------------------------------------------------------

CRITERIA = (
    ("open_to_public", "The venue is open to the public (SP-020)."),
    ("has_liability_insurance", "The venue has live public liability insurance (SP-020)."),
    ("accessible_premises", "The premises are accessible to disabled people (SP-020)."),
    ("agrees_to_procedure", "Staff will follow the Safe Place procedure when someone asks for help (SP-030)."),
)


def approval_problems(*, criteria, trained_staff):
    """What stops a venue being approved, in plain English (SP-020 criteria, SP-021 at least one trained person)."""
    problems = [f"Not confirmed: {text}" for name, text in CRITERIA if not criteria.get(name)]
    if not trained_staff:
        problems.append("At least one member of staff must be trained before the venue can be approved (SP-021).")
    return problems


def local_moment(day, at_time):
    """An aware datetime for a London wall-clock time on a date (the earlier one when the clocks go back)."""
    return datetime.combine(day, at_time, tzinfo=LONDON)


def week_summary(hours):
    """[(weekday name, "9am to 5pm" or "Closed")] for a venue page or an open-data feed."""
    return [
        (WEEKDAYS[index], ", ".join(str(period) for period in day) if day else "Closed")
        for index, day in enumerate(hours)
    ]


def today_in_london(at):
    return at.astimezone(LONDON).date()
