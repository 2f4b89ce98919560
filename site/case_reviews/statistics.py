"""The yearly statistics, worked out from the case records (CT-016..CT-018, CT-107): reads only, aggregates only."""

import csv
import io

from django.utils import timezone

from case_reviews import policies


def _facts():
    from case_reviews.models import Application

    def day(value):
        return timezone.localdate(value) if value else None

    for row in Application.objects.statistics_rows():
        yield policies.CaseFacts(
            submitted_on=day(row["submitted_at"]),
            threshold_decided_on=day(row["threshold_decided_at"]),
            threshold_met=row["threshold_met"],
            review_held_on=day(row["review_held_at"]),
            has_recommendations=row["recommendation_count"] > 0,
            area=row["pcc_area__name"] or "",
        )


def for_publication():
    """Every reporting year with activity, newest first, each with the editors' note for it (two queries)."""
    from case_reviews.models import CaseReviewSettings, YearNote

    start_month = CaseReviewSettings.load().reporting_year_start_month
    years = policies.yearly_statistics(_facts(), start_month=start_month)
    notes = dict(YearNote.objects.values_list("year_starting", "note"))
    for year in years:
        year.note = notes.get(year.key, "")
    return years


def split_by_area(years):
    """Whether the figures are worth splitting by PCC area: the partnership has cases in more than one (CT-107)."""
    return len({name for year in years for name in year.areas}) > 1


def as_csv():
    """The same table as CSV, for the PCC or anyone who asks (CT-107): each year for all areas, then each PCC area's
    share of it, so one file can go to each Police and Crime Commissioner."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Reporting year", "PCC area", "Applications", "Threshold not met", "Reviews carried out",
         "Reviews with recommendations"]
    )  # fmt: skip
    for year in for_publication():
        rows = [("All areas", year)] + [(name or AREA_NOT_KNOWN, counts) for name, counts in year.by_area]
        for area, counts in rows:
            writer.writerow(
                [year.label, area, counts.applications, counts.threshold_not_met, counts.reviews,
                 counts.reviews_with_recommendations]
            )  # fmt: skip
    return out.getvalue()


AREA_NOT_KNOWN = "Area not known"
