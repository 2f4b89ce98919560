"""Loading venues from CSV files, with a report of every row: created, updated or skipped, and why.

Two layouts are understood:

- the Libraries Taskforce dataset of public libraries in England (`england_public_libraries.csv`: name,
  authority_id, address, postcode, lat, lng, hours, closed ...). It gives hours *per week*, not opening times,
  so each library's times are estimated by `policies.estimated_week_from_weekly_hours` and its page says so.
  Closed libraries are skipped with the reason the dataset gives.
- the scheme's own layout: name, type, address, postcode, latitude, longitude, phone, website and one column
  per weekday ("monday" ... "sunday") holding "09:00-17:00" or "closed".

Rows are matched on (source, source id), so importing a file again updates its venues instead of doubling them.
"""

import csv
from dataclasses import dataclass, field
from datetime import time

from django.db import transaction
from django.utils import timezone

from core.exceptions import InvalidPostcode
from core.forms import whole_number
from core.postcodes import normalise_postcode
from safe_places import policies
from safe_places.models import Venue, VenueType

HOURS_IN_A_WEEK = 168
LIBRARY_COLUMNS = {"name", "authority_id", "postcode", "lat", "lng", "hours", "closed"}
SCHEME_COLUMNS = {"name", "type", "address", "postcode"}
DAY_COLUMNS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLOSED_CODES = {
    "XL": "closed",
    "XLR": "closed and replaced by another library",
    "XLT": "closed (transferred out of the public library service)",
}
ESTIMATED_HOURS_NOTE = (
    "Opening times estimated from the library's weekly hours (Libraries Taskforce data): check with the library."
)
LIBRARY_TYPES = {
    "LAL": "council-run",
    "CL": "community library",
    "CRL": "community-run",
    "ICL": "independent community",
}


class ImportFileError(Exception):
    """The file is not one we can read: the message says what is wrong with it."""


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: list = field(default_factory=list)  # (row number, name, reason)

    def skip(self, line, name, reason):
        self.skipped.append((line, name, reason))

    def __str__(self):
        return f"{self.rows} rows: {self.created} created, {self.updated} updated, {len(self.skipped)} skipped"

    def lines(self):
        yield str(self)
        for line, name, reason in self.skipped:
            yield f"  row {line}: {name or '(no name)'}: skipped, {reason}"


def import_venues(*, path, approve_as=None, authority_id=None, now=None):
    """Import a CSV file of venues. `approve_as` (a partnership admin) makes them approved, checked by that admin.

    Without it they arrive pending, for the admins to check like any application.
    """
    now = now or timezone.now()
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = {name.strip().lower() for name in reader.fieldnames or []}
        if header >= LIBRARY_COLUMNS:
            rows_to_venues = _library_rows
        elif header >= SCHEME_COLUMNS:
            rows_to_venues = _scheme_rows
        else:
            raise ImportFileError(
                "The file has neither the libraries dataset's columns "
                f"({', '.join(sorted(LIBRARY_COLUMNS))}) nor ours ({', '.join(sorted(SCHEME_COLUMNS))})."
            )
        report = ImportReport()
        rows = [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    types = {venue_type.slug: venue_type for venue_type in VenueType.objects.all()}
    existing = {(v.source, v.source_id): v for v in Venue.objects.exclude(source="")}
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):
            report.rows += 1
            try:
                values = rows_to_venues(row, types, authority_id)
            except SkipRow as skip:
                report.skip(line, row.get("name"), skip.reason)
                continue
            if values is None:
                report.rows -= 1  # another authority's row: not part of this import
                continue
            key = (values["source"], values["source_id"])
            venue = existing.get(key)
            created = venue is None
            venue = venue or Venue(manager=None)
            for name, value in values.items():
                setattr(venue, name, value)
            if approve_as is not None and venue.status in (Venue.Status.PENDING, Venue.Status.EXPIRED):
                venue.status = Venue.Status.APPROVED
                venue.verified_by = approve_as
                venue.verified_at = now
                venue.next_check_due = policies.next_check_due(policies.today_in_london(now))
            venue.save()
            existing[key] = venue
            if created:
                report.created += 1
            else:
                report.updated += 1
    return report


class SkipRow(Exception):
    def __init__(self, reason):
        self.reason = reason
        super().__init__(reason)


def _point(row, lat_key, lng_key):
    try:
        lat, lng = float(row[lat_key]), float(row[lng_key])
    except (KeyError, ValueError) as exc:
        raise SkipRow("no usable latitude and longitude") from exc
    if not (49 <= lat <= 61 and -9 <= lng <= 2):
        raise SkipRow(f"its location ({lat:.4f}, {lng:.4f}) is outside the UK")
    return lat, lng


def _postcode(row):
    try:
        return normalise_postcode(row.get("postcode"))
    except InvalidPostcode as exc:
        raise SkipRow(f"postcode {row.get('postcode')!r}: {exc.message}") from exc


def _library_rows(row, types, authority_id):
    if authority_id is not None and row["authority_id"] != str(authority_id):
        return None
    if row["closed"]:
        reason = CLOSED_CODES.get(row["closed"], f"closed ({row['closed']})")
        year = f" in {row['closed_year']}" if row.get("closed_year") else ""
        raise SkipRow(f"the library is {reason}{year}")
    if not row["name"]:
        raise SkipRow("no name")
    lat, lng = _point(row, "lat", "lng")
    try:
        weekly = float(row["hours"]) if row["hours"] else None
    except ValueError as exc:
        raise SkipRow(f"hours per week {row['hours']!r} is not a number") from exc
    if weekly is not None and not 0 <= weekly <= HOURS_IN_A_WEEK:  # also "nan" and "inf", which float() reads
        raise SkipRow(f"hours per week {row['hours']!r} is not between 0 and {HOURS_IN_A_WEEK}")
    week = policies.estimated_week_from_weekly_hours(weekly) if weekly else tuple(() for _ in range(7))
    return {
        "name": row["name"] if "library" in row["name"].lower() else f"{row['name']} Library",
        "venue_type": types["library"],
        "address": row.get("address", ""),
        "postcode": _postcode(row),
        "latitude": lat,
        "longitude": lng,
        "website": _url(row.get("url", "")),
        "opening_hours": policies.weekly_hours_to_data(week),
        "bank_holidays": policies.BANK_HOLIDAY_CLOSED,
        "hours_note": ESTIMATED_HOURS_NOTE if weekly else "Opening times not known: check with the library.",
        "open_to_public": True,
        "source": "libraries",
        "source_id": row["id"],
    }


def _url(value):
    if not value:
        return ""
    return value if value.startswith(("http://", "https://")) else f"https://{value}"


def _day(value, day):
    value = value.strip().lower()
    if value in ("", "closed"):
        return []
    try:
        opens, closes = (time.fromisoformat(part.strip()) for part in value.split("-", 1))
    except ValueError as exc:
        raise SkipRow(f"{day} hours {value!r} should look like 09:00-17:30 or closed") from exc
    return [[opens.strftime("%H:%M"), closes.strftime("%H:%M")]]


def _scheme_rows(row, types, authority_id):
    if not row["name"]:
        raise SkipRow("no name")
    type_slug = row["type"].strip().lower().replace(" ", "-").replace("é", "e")
    venue_type = types.get(type_slug) or next(
        (t for t in types.values() if t.name.lower() == row["type"].lower()), None
    )
    if venue_type is None:
        raise SkipRow(f"type {row['type']!r} is not one of: {', '.join(sorted(t.name for t in types.values()))}")
    lat, lng = _point(row, "latitude", "longitude")
    features = {
        name: row.get(name, "").lower() in ("yes", "y", "true", "1")
        for name in ("step_free", "accessible_toilet", "quiet_space", "hearing_loop")
    }
    return {
        "name": row["name"],
        "venue_type": venue_type,
        "address": row["address"],
        "postcode": _postcode(row),
        "latitude": lat,
        "longitude": lng,
        "phone": row.get("phone", ""),
        "website": _url(row.get("website", "")),
        "opening_hours": [_day(row.get(day, ""), day.title()) for day in DAY_COLUMNS],
        "bank_holidays": row.get("bank_holidays") or policies.BANK_HOLIDAY_CLOSED,
        "trained_staff": whole_number(row.get("trained_staff")),
        "open_to_public": True,
        **features,
        "source": "csv",
        "source_id": row.get("id") or f"{row['name']}|{_postcode(row)}",
    }
