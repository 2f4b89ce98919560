"""Yearly statistics worked out from the case records (CT-016..CT-018), against cases spanning two reporting years."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from case_reviews import policies, statistics
from case_reviews.models import Application, CaseReviewSettings, PccArea, YearNote
from tests.case_reviews.factories import RecommendationFactory, SentApplicationFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(day):
    return datetime.combine(day, time(10), tzinfo=LONDON)


def case(submitted, *, decided=None, met=None, held=None, recommendations=0, status="received", area=None):
    application = SentApplicationFactory(
        pcc_area=area,
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
    assert rows[0].startswith("Reporting year,PCC area,Applications")
    assert "April 2024 to March 2025,All areas,3,1,1,1" in rows
    assert "April 2024 to March 2025,Area not known,3,1,1,1" in rows  # no PCC areas configured


def test_reporting_year_start_boundaries():
    assert policies.reporting_year_start(date(2024, 3, 31)) == date(2023, 4, 1)
    assert policies.reporting_year_start(date(2024, 4, 1)) == date(2024, 4, 1)
    assert policies.reporting_year_start(date(2024, 12, 31), 1) == date(2024, 1, 1)


@pytest.fixture
def two_pcc_areas():
    """A partnership spanning two PCC areas (CT-107): cases in each, one whose area is not known, over two years."""
    thames, beds = PccArea.objects.create(name="Thames Valley"), PccArea.objects.create(name="Bedfordshire")
    case(date(2023, 5, 2), decided=date(2023, 5, 20), met=True, held=date(2023, 6, 15), recommendations=1, area=thames)
    case(date(2023, 7, 3), decided=date(2023, 7, 20), met=False, area=thames)
    case(date(2023, 9, 4), decided=date(2023, 9, 25), met=False, area=beds)
    case(date(2024, 3, 31), decided=date(2024, 4, 2), met=True, held=date(2024, 4, 30), area=beds)  # straddles
    case(date(2024, 6, 5), area=None)
    case(date(2024, 8, 6), decided=date(2024, 8, 30), met=True, held=date(2024, 9, 20), recommendations=2,
         area=thames)  # fmt: skip
    return thames, beds


def test_ct107_each_year_is_split_by_pcc_area_and_the_areas_add_up(two_pcc_areas):
    years = {year.label: year for year in statistics.for_publication()}
    y2324, y2425 = years["April 2023 to March 2024"], years["April 2024 to March 2025"]
    figures = lambda c: (c.applications, c.threshold_not_met, c.reviews, c.reviews_with_recommendations)  # noqa: E731
    assert {name: figures(c) for name, c in y2324.by_area} == {
        "Thames Valley": (2, 1, 1, 1),
        "Bedfordshire": (2, 1, 0, 0),  # the 31 March application counts here; its review in the next year
    }
    assert {name: figures(c) for name, c in y2425.by_area} == {
        "Thames Valley": (1, 0, 1, 1),
        "Bedfordshire": (0, 0, 1, 0),
        "": (1, 0, 0, 0),  # no postcode matched: shown as "Area not known"
    }
    assert [name for name, _counts in y2425.by_area][-1] == ""  # the unknown area comes last
    for year in (y2324, y2425):
        assert tuple(map(sum, zip(*(figures(c) for _n, c in year.by_area), strict=True))) == figures(year)
    assert statistics.split_by_area(list(years.values()))


def test_ct107_statistics_page_shows_the_split_only_across_several_areas(client, demo_site, two_pcc_areas):
    from case_reviews.models import CaseReviewStatisticsPage

    page = CaseReviewStatisticsPage(title="ASB Case Review statistics", slug="statistics")
    demo_site.add_child(instance=page)
    body = client.get(page.url).content.decode()
    assert "April 2024 to March 2025 by Police and Crime Commissioner area" in body
    assert "Bedfordshire" in body and "Thames Valley" in body and "Area not known" in body
    Application.objects.update(pcc_area=two_pcc_areas[0])
    body = client.get(page.url).content.decode()
    assert "by Police and Crime Commissioner area" not in body


def test_ct107_csv_has_a_row_per_pcc_area_for_sending_to_each_pcc(two_pcc_areas):
    rows = statistics.as_csv().splitlines()
    assert "April 2023 to March 2024,All areas,4,2,1,1" in rows
    assert "April 2023 to March 2024,Thames Valley,2,1,1,1" in rows
    assert "April 2023 to March 2024,Bedfordshire,2,1,0,0" in rows
    assert "April 2024 to March 2025,Area not known,1,0,0,0" in rows


def test_ct107_a_case_is_placed_in_its_pcc_area_by_postcode_when_sent(relevant_bodies):
    """The area is kept on the case at submission, so it survives anonymisation (GD-020)."""
    from case_reviews import services
    from core.models import LocalAuthority, Postcode, Ward
    from tests.case_reviews.factories import ApplicationFactory

    mk = LocalAuthority.objects.create(code="E06000042", name="Milton Keynes")
    bedford = LocalAuthority.objects.create(code="E06000055", name="Bedford")
    for code, la, postcode in (("E05009401", mk, "MK9 3EJ"), ("E05009402", bedford, "MK40 1SJ")):
        ward = Ward.objects.create(code=code, name=f"Ward {code}", local_authority=la)
        Postcode.objects.create(postcode=postcode, ward=ward, latitude=52.04, longitude=-0.76)
    thames, beds = PccArea.objects.create(name="Thames Valley"), PccArea.objects.create(name="Bedfordshire")
    thames.local_authorities.add(mk)
    beds.local_authorities.add(bedford)
    now = timezone.now()
    own = services.submit_application(application=ApplicationFactory(postcode="mk93ej"), now=now)
    for_someone = services.submit_application(
        application=ApplicationFactory(postcode="MK9 3EJ", basis="on_behalf", victim_name="Edna",
                                       victim_consent=True, victim_postcode="MK40 1SJ"), now=now)  # fmt: skip
    unknown = services.submit_application(application=ApplicationFactory(postcode="SW1A 1AA"), now=now)
    assert (own.pcc_area, for_someone.pcc_area, unknown.pcc_area) == (thames, beds, None)
    services.anonymise(application=own, now=now)
    own.refresh_from_db()
    assert own.pcc_area == thames and own.postcode == ""
