"""The ladder report (issue 4, 5): activities per rung per ward per year, the share at involve and co-produce,
checked against a fixture whose numbers are worked out by hand; the CSV holds exactly the table's rows."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest

from tests.consultations.factories import ConsultationPageFactory

pytestmark = pytest.mark.django_db


def at(year, month=6):
    return datetime(year, month, 1, 9, tzinfo=UTC)


@pytest.fixture
def fixture_activities(wards):
    bletchley, wolverton = wards["Bletchley East"], wards["Wolverton"]
    specs = [
        # 2025: 1 inform (borough), 2 consult (Bletchley; Bletchley+Wolverton), 1 involve (Wolverton), 1 co-produce (Bletchley)
        (2025, "inform", []),
        (2025, "consult", [bletchley]),
        (2025, "consult", [bletchley, wolverton]),
        (2025, "involve", [wolverton]),
        (2025, "co-produce", [bletchley]),
        # 2026: 1 consult (Wolverton), 1 co-produce (borough)
        (2026, "consult", [wolverton]),
        (2026, "co-produce", []),
    ]
    for year, level, in_wards in specs:
        ConsultationPageFactory(engagement_level=level, wards=in_wards, opens_at=at(year), closes_at=at(year, 9))
    draft = ConsultationPageFactory(engagement_level="inform", opens_at=at(2026), closes_at=None)
    draft.unpublish()  # not live: not counted


EXPECTED = [
    # year, area, inform, consult, involve, co-produce, total, share (%)
    ["2026", "All activities", "0", "1", "0", "1", "2", "50"],
    ["2026", "Borough-wide", "0", "0", "0", "1", "1", "100"],
    ["2026", "Wolverton", "0", "1", "0", "0", "1", "0"],
    ["2025", "All activities", "1", "2", "1", "1", "5", "40"],
    ["2025", "Bletchley East", "0", "2", "0", "1", "3", "33"],
    ["2025", "Borough-wide", "1", "0", "0", "0", "1", "0"],
    ["2025", "Wolverton", "0", "1", "1", "0", "2", "50"],
]


def table_rows(html):
    body = html.split('id="ladder-table"')[1].split("</table>")[0]
    rows = []
    for row in re.findall(r"<tr class=\"govuk-table__row[^\"]*\">(.*?)</tr>", body, re.S)[1:]:
        rows.append(
            [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        )
    return rows


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_numbers_match_the_fixture_and_the_csv_matches_the_table(client, fixture_activities):
    page = client.get("/get-involved/ladder-report/")
    assert page.status_code == 200
    assert table_rows(page.content.decode()) == EXPECTED
    download = client.get("/get-involved/ladder-report.csv")
    assert download["Content-Type"].startswith("text/csv")
    rows = csv_rows(download)
    assert rows[0] == [
        "Year",
        "Area",
        "Inform",
        "Consult",
        "Involve",
        "Co-produce",
        "Total",
        "Share at involve and co-produce (%)",
    ]
    assert rows[1:] == table_rows(page.content.decode())


def test_one_year(client, fixture_activities):
    page = client.get("/get-involved/ladder-report/", {"year": "2026"})
    assert table_rows(page.content.decode()) == EXPECTED[:3]
    assert csv_rows(client.get("/get-involved/ladder-report.csv", {"year": "2026"}))[1:] == EXPECTED[:3]


@pytest.mark.parametrize("year", ["9" * 20000, "²⁰²⁶", "twenty"])
def test_a_year_that_is_not_one_shows_every_year(client, fixture_activities, year):
    """A 20,000-digit year made int() raise (found by the form fuzzer); it now means no year was chosen."""
    page = client.get("/get-involved/ladder-report/", {"year": year})
    assert table_rows(page.content.decode()) == table_rows(client.get("/get-involved/ladder-report/").content.decode())
    assert csv_rows(client.get("/get-involved/ladder-report.csv", {"year": year})) == csv_rows(
        client.get("/get-involved/ladder-report.csv")
    )


def test_the_chart_is_an_accessible_svg_with_the_numbers_in_words(client, fixture_activities):
    html = client.get("/get-involved/ladder-report/").content.decode()
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in svg and "<title" in svg
    assert "2025: 5 activities, 1 inform, 2 consult, 1 involve, 1 co-produce" in svg
    assert svg.count("<rect") == 6  # 4 non-empty rungs in 2025, 2 in 2026
    assert "style=" not in svg


def test_admins_find_it_in_the_wagtail_menu(client, partnership_admin):
    client.force_login(partnership_admin)
    assert "/get-involved/ladder-report/" in client.get("/admin/").content.decode()
