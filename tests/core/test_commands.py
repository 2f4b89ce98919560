from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.importers import ImportFileError, import_postcodes, import_wards
from core.models import HomePage, LocalAuthority, Postcode, StandardPage, User, Ward
from tests.factories import WardFactory

pytestmark = pytest.mark.django_db

ONSPD_SAMPLE = """pcd,pcd2,pcds,dointr,doterm,osward,lat,long
MK9 3EJ,MK9  3EJ,MK9 3EJ,198001,,E05009401,52.041790,-0.756370
MK93HL,MK9  3HL,MK9 3HL,198001,,E05009401,52.042800,-0.761100
MK2 2RA,MK2  2RA,MK2 2RA,198001,,E05999999,51.996400,-0.735300
MK1 1ZZ,MK1  1ZZ,MK1 1ZZ,198001,200112,E05009401,52.010000,-0.740000
MK9 9ZZ,MK9  9ZZ,MK9 9ZZ,198001,,E05009401,99.999999,0.000000
NOTAPOSTCODE,,NOTAPOSTCODE,198001,,E05009401,52.0,-0.7
"""


def test_import_wards_loads_the_19_wards_of_milton_keynes_from_shared_data():
    report = import_wards(local_authority_code="E06000042")
    assert report.created == 19
    assert Ward.objects.filter(local_authority__code="E06000042").count() == 19
    assert LocalAuthority.objects.get(code="E06000042").name == "Milton Keynes"
    assert Ward.objects.filter(name="Central Milton Keynes").exists()
    again = import_wards(local_authority_code="E06000042")
    assert (again.created, again.updated) == (0, 19)


def test_import_wards_command_reports_an_unknown_authority():
    with pytest.raises(CommandError, match="No wards for local authority E09999999"):
        call_command("import_wards", "E09999999", stdout=StringIO())


def test_import_postcodes_reads_an_onspd_extract(tmp_path):
    WardFactory(code="E05009401", name="Central Milton Keynes")
    path = tmp_path / "onspd.csv"
    path.write_text(ONSPD_SAMPLE)
    report = import_postcodes(path=path, batch_size=2)
    assert (report.created, report.skipped) == (3, 3)  # terminated, no grid reference, malformed
    assert report.problems == ["Row 7: That postcode is too long. Enter a postcode like MK9 3EJ."]
    central = Postcode.objects.lookup("MK9 3HL")
    assert central.ward.name == "Central Milton Keynes"
    assert str(central.latitude) == "52.042800"
    assert Postcode.objects.lookup("MK2 2RA").ward is None  # a ward we have not loaded
    assert Postcode.objects.lookup("MK1 1ZZ") is None

    path.write_text(ONSPD_SAMPLE.replace("52.041790", "52.041800"))
    again = import_postcodes(path=path)
    assert (again.created, again.updated) == (0, 3)
    assert str(Postcode.objects.lookup("MK9 3EJ").latitude) == "52.041800"


def test_import_postcodes_names_the_missing_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("postcode,lat\nMK9 3EJ,52.0\n")
    with pytest.raises(ImportFileError, match="no longitude column"):
        import_postcodes(path=path)


def test_the_core_demo_is_idempotent():
    from core.demo.loader import load_demo_data

    load_demo_data()
    counts = (HomePage.objects.count(), StandardPage.objects.count(), User.objects.count(), Ward.objects.count())
    load_demo_data()
    assert counts == (
        HomePage.objects.count(),
        StandardPage.objects.count(),
        User.objects.count(),
        Ward.objects.count(),
    )
    assert counts == (2, 4, 3, 19)  # English and Polish home and About pages
    assert Postcode.objects.filter(postcode="MK9 3HL").exists()  # Milton Keynes Central Library


def test_the_demo_command_loads_every_app_once():
    from wagtail.models import Page

    call_command("load_demo_data", stdout=StringIO())
    counts = (Page.objects.count(), User.objects.count())
    call_command("load_demo_data", stdout=StringIO())
    assert (Page.objects.count(), User.objects.count()) == counts


def test_demo_users_can_sign_in_with_the_documented_password(client):
    from core.demo.content import DEMO_PASSWORD, STAFF
    from core.demo.loader import load_demo_data

    load_demo_data()
    for email, *_ in STAFF:
        assert client.login(username=email, password=DEMO_PASSWORD), email
        client.logout()


@override_settings(DEMO_DATA_ALLOWED=False)
def test_demo_data_is_refused_where_it_is_not_allowed():
    with pytest.raises(CommandError, match="not allowed here"):
        call_command("load_demo_data", stdout=StringIO())
    assert not User.objects.exists()
