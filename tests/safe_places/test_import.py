"""Importing venues from CSV with a report of every row; the demo's Milton Keynes libraries (SP-024, SP-032)."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.importers import SHARED_DATA
from safe_places.importers import ESTIMATED_HOURS_NOTE, import_venues
from safe_places.models import Venue
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

LIBRARIES = SHARED_DATA / "england_public_libraries.csv"


def test_the_full_libraries_file_imports_and_reports_every_row():
    report = import_venues(path=LIBRARIES)
    assert report.rows == 3238
    assert report.created + len(report.skipped) == 3238
    closed = [reason for _line, _name, reason in report.skipped if reason.startswith("the library is")]
    assert len(closed) == 252  # XL 123, XLR 114, XLT 15
    assert any("closed and replaced" in reason for reason in closed)
    assert any(" in 2013" in reason for reason in closed)
    assert Venue.objects.count() == report.created
    assert not Venue.objects.exclude(status="pending").exists()  # without --approve-as they wait for a decision


def test_importing_again_updates_instead_of_doubling():
    first = import_venues(path=LIBRARIES, authority_id="80")
    second = import_venues(path=LIBRARIES, authority_id="80")
    assert (first.created, first.updated) == (9, 0)
    assert (second.created, second.updated) == (0, 9)
    assert Venue.objects.count() == 9


def test_milton_keynes_libraries_arrive_approved_with_estimated_hours_said_so(db):
    admin = StaffFactory(groups=["Partnership admins"])
    import_venues(path=LIBRARIES, authority_id="80", approve_as=admin)
    central = Venue.objects.get(name="Milton Keynes Central Library")
    assert central.status == "approved" and central.verified_by == admin and central.next_check_due
    assert central.hours_note == ESTIMATED_HOURS_NOTE
    assert central.postcode == "MK9 3HL"
    assert sum(1 for day in central.opening_hours if day) == 6  # 55 hours a week: Monday to Saturday


def test_the_schemes_own_layout_with_a_bad_row(tmp_path):
    path = tmp_path / "venues.csv"
    path.write_text(
        "name,type,address,postcode,latitude,longitude,monday,saturday,step_free\n"
        "Bean There,Café,1 Arcade,mk9 3ej,52.04,-0.76,09:00-17:00,20:00-02:00,yes\n"
        "Nowhere,Café,1 Road,MK9,52.04,-0.76,,,\n"
        "Bad Hours,Shop,2 Road,MK9 3EJ,52.04,-0.76,nine to five,,\n"
        "Spaceship,Launchpad,3 Road,MK9 3EJ,52.04,-0.76,,,\n",
        encoding="utf-8",
    )
    report = import_venues(path=path)
    assert report.created == 1
    reasons = [reason for _line, _name, reason in report.skipped]
    assert "not just the first part" in reasons[0]
    assert "Monday hours 'nine to five' should look like 09:00-17:30 or closed" in reasons[1]
    assert "type 'Launchpad' is not one of" in reasons[2]
    venue = Venue.objects.get(name="Bean There")
    assert venue.opening_hours[5] == [["20:00", "02:00"]] and venue.step_free and venue.postcode == "MK9 3EJ"


@pytest.mark.parametrize("hours", ["inf", "nan", "-3", "169", "1e309"])
def test_library_hours_that_are_not_hours_in_a_week_skip_the_row_with_a_reason(tmp_path, hours):
    """float() reads "inf" and "nan"; such a row is reported, not allowed to stop the import."""
    path = tmp_path / "libraries.csv"
    path.write_text(
        "name,id,authority_id,postcode,lat,lng,hours,closed\n"
        f"Odd Hours Library,901,80,MK9 3HL,52.04,-0.76,{hours},\n"
        "Bletchley Library,902,80,MK2 2RG,51.99,-0.73,40,\n",
        encoding="utf-8",
    )
    report = import_venues(path=path)
    assert report.created == 1
    [(_line, name, reason)] = report.skipped
    assert name == "Odd Hours Library" and reason == f"hours per week {hours!r} is not between 0 and 168"


def test_the_command_prints_its_report(tmp_path):
    out = StringIO()
    call_command("import_safe_places", str(LIBRARIES), "--authority", "80", stdout=out)
    assert out.getvalue().splitlines()[0] == "9 rows: 9 created, 0 updated, 0 skipped"


def test_the_command_refuses_a_file_it_cannot_read(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "other.csv"
    path.write_text("colour,size\nred,large\n", encoding="utf-8")
    with pytest.raises(CommandError, match="neither the libraries dataset's columns"):
        call_command("import_safe_places", str(path))


def test_the_demo_loads_twice_without_change(demo_site):
    from safe_places.demo import load
    from safe_places.models import SafePlacesSettings

    load()
    count = Venue.objects.count()
    load()
    assert Venue.objects.count() == count == 9 + 4 + 1
    assert Venue.objects.filter(status="pending", manager__email="venue@example.org").count() == 1
    settings = SafePlacesSettings.objects.get()
    assert settings.easy_read_page.title == "Safe Places: easy read"
