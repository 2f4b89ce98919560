"""Pure rules of the Neighbourhood Watch registry: a scheme's area, the yearly review, distances.

No database and no clock: callers pass the scheme's area, the dates and the point they mean, so every rule is
tested on its own (NW-010, NW-025, NW-026, NW-050, NW-052).
"""

import json
import math
from dataclasses import dataclass
from datetime import date, timedelta

from core.exceptions import InvalidPostcode
from core.postcodes import normalise_postcode

EARTH_RADIUS_KM = 6371.0088
NEAREST_COUNT = 7  # NW-050: "the 7 nearest schemes" (Sussex), configurable by callers
REVIEW_INTERVAL_DAYS = 365  # NW-025: the scheme's details are confirmed yearly
REMINDER_DAYS = (30, 7)  # reminders this many days before the review is due
GRACE_DAYS = 28  # after the due date, this long before an unconfirmed scheme is flagged inactive (NW-026)
MAX_POLYGON_POINTS = 500


class AreaProblem(ValueError):
    """A scheme area that cannot be used, with a message for the coordinator who drew or typed it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- the area ------------------------------------------------------------------------------------------------


def parse_postcodes(text):
    """The scheme's postcodes, normalised, from what a coordinator typed (one a line, or separated by commas).

    Raises AreaProblem naming the first postcode that is not a postcode.
    """
    found = []
    for raw in (text or "").replace(",", "\n").splitlines():
        if not raw.strip():
            continue
        try:
            postcode = normalise_postcode(raw)
        except InvalidPostcode as exc:
            raise AreaProblem(f"“{raw.strip()}” is not a postcode. {exc.message}") from exc
        if postcode not in found:
            found.append(postcode)
    return found


def parse_streets(text):
    """The streets the scheme covers, one a line, without blanks or repeats."""
    streets = []
    for line in (text or "").splitlines():
        street = " ".join(line.split())
        if street and street.lower() not in {s.lower() for s in streets}:
            streets.append(street)
    return streets


def parse_polygon(text):
    """The ring of a scheme's drawn area, as [(longitude, latitude), ...], from GeoJSON text; None when empty.

    Accepts a Polygon geometry, or a Feature holding one (what map tools export). Only the outer ring is used:
    a watch area has no holes. The ring must have at least three distinct points, all in the UK.
    """
    if not (text or "").strip():
        return None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AreaProblem("The drawn area could not be read. Draw it again, or leave it empty.") from exc
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") != "Polygon":
        raise AreaProblem("The drawn area must be a single shape (a polygon). Draw it again, or leave it empty.")
    rings = data.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list):
        raise AreaProblem("The drawn area has no points. Draw it again, or leave it empty.")
    ring = []
    for point in rings[0]:
        if not (isinstance(point, list | tuple) and len(point) >= 2):
            raise AreaProblem("A point of the drawn area is not a map position. Draw it again.")
        try:
            lng, lat = float(point[0]), float(point[1])
        except (TypeError, ValueError) as exc:
            raise AreaProblem("A point of the drawn area is not a map position. Draw it again.") from exc
        if not (49 <= lat <= 61 and -9 <= lng <= 2):
            raise AreaProblem("The drawn area must be in the UK.")
        ring.append((lng, lat))
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(set(ring)) < 3:
        raise AreaProblem("The drawn area needs at least three corners.")
    if len(ring) > MAX_POLYGON_POINTS:
        raise AreaProblem(f"The drawn area has too many corners; use at most {MAX_POLYGON_POINTS}.")
    return ring


def polygon_geojson(ring):
    """The GeoJSON geometry of a ring from `parse_polygon` (closed, as GeoJSON requires)."""
    return {"type": "Polygon", "coordinates": [[list(p) for p in [*ring, ring[0]]]]}


def point_in_polygon(lng, lat, ring):
    """Whether the point is inside the ring (even-odd ray casting; points on an edge count as inside)."""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % count]
        if _on_segment(lng, lat, x1, y1, x2, y2):
            return True
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lng < crossing:
                inside = not inside
    return inside


def _on_segment(px, py, x1, y1, x2, y2, tolerance=1e-12):
    cross = (px - x1) * (y2 - y1) - (py - y1) * (x2 - x1)
    if abs(cross) > tolerance:
        return False
    return (
        min(x1, x2) - tolerance <= px <= max(x1, x2) + tolerance
        and min(y1, y2) - tolerance <= py <= max(y1, y2) + tolerance
    )


def covers(*, postcode, point, postcodes, ring):
    """Whether a scheme covers a resident's postcode: it is in the scheme's list, or its centre is inside the
    drawn area (NW-010, NW-050). `point` is the postcode's (latitude, longitude), or None if unknown."""
    if postcode in postcodes:
        return True
    if ring and point is not None:
        return point_in_polygon(point[1], point[0], ring)
    return False


def centroid(ring):
    """An approximate centre of the area (the mean of its corners), as (latitude, longitude)."""
    return sum(lat for _lng, lat in ring) / len(ring), sum(lng for lng, _lat in ring) / len(ring)


def haversine_km(lat1, lng1, lat2, lng2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def describe_distance(km):
    if km < 1:
        return f"{round(km * 1000, -1):.0f} metres"
    return f"{km:.1f} km"


# --- the yearly review (NW-025, NW-026) -------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewState:
    """Where a scheme stands in its yearly review on a given day."""

    due: date
    reminder_due: bool  # a reminder should go out today (once per REMINDER_DAYS step)
    overdue: bool  # past the due date
    flag_inactive: bool  # past the due date and the grace period: the scheme is flagged inactive


def next_review(confirmed_on, *, interval_days=REVIEW_INTERVAL_DAYS):
    return confirmed_on + timedelta(days=interval_days)


def review_state(*, due, today, reminders_sent, grace_days=GRACE_DAYS, reminder_days=REMINDER_DAYS):
    """The review state of a scheme whose review is `due`, having had `reminders_sent` reminders so far.

    The n-th reminder goes when the due date is within reminder_days[n] days; a late run still sends it
    (once), so a missed day of the scheduler never loses a reminder.
    """
    days_left = (due - today).days
    reminder_due = reminders_sent < len(reminder_days) and days_left <= reminder_days[reminders_sent]
    return ReviewState(
        due=due,
        reminder_due=reminder_due and days_left >= 0,
        overdue=days_left < 0,
        flag_inactive=days_left < -grace_days,
    )
