"""Yearly statistics worked out from the case records (CT-016..CT-018), against cases spanning two reporting years."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from case_reviews import policies, statistics
from case_reviews.models import CaseReviewSettings, YearNote
from tests.case_reviews.factories import RecommendationFactory, SentApplicationFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(day):
    return datetime.combine(day, time(10), tzinfo=LONDON)


def case(submitted, *, decided=None, met=None, held=None, recommendations=0, status="received"):
    application = SentApplicationFactory(
        submitted_at=at(submitted),
        threshold_decided_at=at(decided) if decided else None,
        threshold_met=met,
        review_held_at=at(held) if held else None,
        status=status,
        spoc=None,
    )
    for _ in range(recommendations):
        RecommendationFactory(application=application)
    return application


@pytest.fixture
def two_years():
    """2023-24 and 2024-25 (April to March), with events that straddle the 31 March boundary."""
    # 2023-24
    case(date(2023, 4, 1), decided=date(2023, 4, 20), met=False)  # first day of the year
    case(date(2023, 6, 5), decided=date(2023, 6, 20), met=True, held=date(2023, 7, 10), recommendations=2)
    case(date(2023, 11, 1), decided=date(2023, 11, 20), met=True, held=date(2023, 12, 5))  # no recommendations
    case(date(2024, 3, 28), decided=date(2024, 4, 10), met=False)  # sent in 2023-24, decided in 2024-25
    # 2024-25
    case(date(2024, 3, 31), decided=date(2024, 3, 31), met=False)  # last day of 2023-24 (both)
    case(date(2024, 4, 1))  # still waiting
    case(date(2024, 9, 9), decided=date(2024, 9, 30), met=True, held=date(2025, 3, 31), recommendations=1)
    case(date(2025, 2, 1), decided=date(2025, 2, 20), met=True, held=date(2025, 4, 2), recommendations=1)  # held 25-26


def test_ct016_ct017_counts_per_april_to_march_year(two_years):
    years = {year.label: year for year in statistics.for_publication()}
    assert list(years) == ["April 2025 to March 2026", "April 2024 to March 2025", "April 2023 to March 2024"]
    y2324, y2425, y2526 = (years["April 2023 to March 2024"], years["April 2024 to March 2025"],
                           years["April 2025 to March 2026"])  # fmt: skip
    assert (y2324.applications, y2324.threshold_not_met, y2324.reviews, y2324.reviews_with_recommendations) == (
        5, 2, 2, 1)  # fmt: skip
    assert (y2425.applications, y2425.threshold_not_met, y2425.reviews, y2425.reviews_with_recommendations) == (
        3, 1, 1, 1)  # fmt: skip
    assert (y2526.applications, y2526.threshold_not_met, y2526.reviews, y2526.reviews_with_recommendations) == (
        0, 0, 1, 1)  # fmt: skip


def test_ct018_the_reporting_year_is_configurable(two_years):
    review_settings = CaseReviewSettings.load()
    review_settings.reporting_year_start_month = 1
    review_settings.save()
    years = {year.label: year for year in statistics.for_publication()}
    assert set(years) == {"2023", "2024", "2025"}
    assert years["2024"].applications == 4  # 28 Mar, 31 Mar, 1 Apr, 9 Sep 2024
    assert years["2023"].applications == 3 and years["2025"].applications == 1


def test_ct017_notes_per_year_and_drafts_never_counted(two_years):
    YearNote.objects.create(year_starting=2024, note="One review was held at the partnership's discretion.")
    from tests.case_reviews.factories import ApplicationFactory

    ApplicationFactory()  # a draft: not an application received
    years = {year.key: year for year in statistics.for_publication()}
    assert years[2024].note.startswith("One review")
    assert years[2023].note == ""
    assert sum(year.applications for year in years.values()) == 8


def test_ct107_statistics_export_as_csv(two_years):
    rows = statistics.as_csv().splitlines()
    assert rows[0].startswith("Reporting year,Applications")
    assert rows[2] == "April 2024 to March 2025,3,1,1,1"


def test_reporting_year_start_boundaries():
    assert policies.reporting_year_start(date(2024, 3, 31)) == date(2023, 4, 1)
    assert policies.reporting_year_start(date(2024, 4, 1)) == date(2024, 4, 1)
    assert policies.reporting_year_start(date(2024, 12, 31), 1) == date(2024, 1, 1)
