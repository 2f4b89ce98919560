"""Loading the ONS open data the site is built on: wards of a local authority, and postcodes."""

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction

from core.exceptions import InvalidPostcode
from core.models import LocalAuthority, Postcode, Ward
from core.postcodes import normalise_postcode

SHARED_DATA = settings.PROJECT_DIR.parent / "shared" / "data"
WARD_LOOKUP = SHARED_DATA / "ward_to_lad_dec2019_uk.csv"

# Column names used by the ONS Postcode Directory (ONSPD), the National Statistics Postcode Lookup (NSPL)
# and simpler extracts: the first one present wins.
POSTCODE_COLUMNS = ("pcds", "postcode", "pcd", "pcd2")
WARD_COLUMNS = ("osward", "ward", "wd25cd", "wd24cd", "wd23cd", "wd22cd", "wd21cd", "wd19cd", "ward_code")
LATITUDE_COLUMNS = ("lat", "latitude")
LONGITUDE_COLUMNS = ("long", "lng", "longitude")
TERMINATED_COLUMN = "doterm"


class ImportFileError(Exception):
    """The file is not one we can read; the message says which column or row is wrong."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.skipped} skipped"


def _pick(header, candidates, what):
    lowered = {name.strip().lower(): name for name in header}
    for candidate in candidates:
        if candidate in lowered:
            return lowered[candidate]
    if what is None:
        return None
    raise ImportFileError(f"The file has no {what} column (looked for: {', '.join(candidates)}).")


def _pick_coded(header, prefix, suffix, what):
    """ONS lookups name columns by year, e.g. WD19CD, LAD19NM: accept any year."""
    for name in header:
        upper = name.strip().upper()
        if upper.startswith(prefix) and upper.endswith(suffix) and upper[len(prefix) : -len(suffix)].isdigit():
            return name
    raise ImportFileError(f"The file has no {what} column (like {prefix}19{suffix}).")


@transaction.atomic
def import_wards(*, local_authority_code, path=WARD_LOOKUP):
    """Create or update the wards of one local authority from an ONS ward-to-district lookup (WDnnCD, LADnnCD)."""
    report = ImportReport()
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        ward_code = _pick_coded(header, "WD", "CD", "ward code")
        ward_name = _pick_coded(header, "WD", "NM", "ward name")
        lad_code = _pick_coded(header, "LAD", "CD", "local authority code")
        lad_name = _pick_coded(header, "LAD", "NM", "local authority name")
        rows = [row for row in reader if row[lad_code].strip() == local_authority_code]
    if not rows:
        raise ImportFileError(f"No wards for local authority {local_authority_code} in {path}.")
    authority, _ = LocalAuthority.objects.update_or_create(
        code=local_authority_code, defaults={"name": rows[0][lad_name].strip()}
    )
    for row in rows:
        _, created = Ward.objects.update_or_create(
            code=row[ward_code].strip(),
            defaults={"name": row[ward_name].strip(), "local_authority": authority},
        )
        if created:
            report.created += 1
        else:
            report.updated += 1
    return report


def import_postcodes(*, path, batch_size=5000):
    """Load postcodes with their ward and centre point from an ONS-style CSV; terminated postcodes are skipped.

    Rows for wards we have not loaded keep their location without a ward. Bad rows are counted and described,
    never silently dropped.
    """
    report = ImportReport()
    wards = dict(Ward.objects.values_list("code", "pk"))
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        postcode_col = _pick(header, POSTCODE_COLUMNS, "postcode")
        ward_col = _pick(header, WARD_COLUMNS, None)
        lat_col = _pick(header, LATITUDE_COLUMNS, "latitude")
        lng_col = _pick(header, LONGITUDE_COLUMNS, "longitude")
        terminated_col = _pick(header, (TERMINATED_COLUMN,), None)
        batch = []
        for line, row in enumerate(reader, start=2):
            if terminated_col and row[terminated_col].strip():
                report.skipped += 1
                continue
            try:
                postcode = normalise_postcode(row[postcode_col])
                latitude, longitude = Decimal(row[lat_col]), Decimal(row[lng_col])
            except (InvalidPostcode, InvalidOperation, TypeError) as exc:
                report.skipped += 1
                if len(report.problems) < 20:
                    report.problems.append(
                        f"Row {line}: {getattr(exc, 'message', 'latitude or longitude is not a number')}"
                    )
                continue
            if not (49 <= latitude <= 61 and -9 <= longitude <= 2):
                # ONSPD marks postcodes with no grid reference with latitude 99.999999.
                report.skipped += 1
                continue
            ward_id = wards.get(row[ward_col].strip()) if ward_col else None
            batch.append(Postcode(postcode=postcode, ward_id=ward_id, latitude=latitude, longitude=longitude))
            if len(batch) >= batch_size:
                _save_postcodes(batch, report)
                batch = []
        _save_postcodes(batch, report)
    return report


def _save_postcodes(batch, report):
    if not batch:
        return
    batch = list({p.postcode: p for p in batch}.values())  # a file may list a postcode twice
    with transaction.atomic():
        existing = set(
            Postcode.objects.filter(postcode__in=[p.postcode for p in batch]).values_list("postcode", flat=True)
        )
        Postcode.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["ward", "latitude", "longitude"],
        )
    report.updated += len(existing)
    report.created += len(batch) - len(existing)
