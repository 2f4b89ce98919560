"""Builds the demo partnership: real Milton Keynes wards, a home page, the pages every site needs, staff users.

Every step looks for what it would create first, so running it twice changes nothing.
"""

import csv
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from core.demo import content
from core.demo.translations import translate_demo_pages
from core.importers import SHARED_DATA, import_wards
from core.models import HomePage, PartnershipSettings, Postcode, StandardPage, User
from core.postcodes import normalise_postcode

MILTON_KEYNES = "E06000042"
MILTON_KEYNES_LIBRARY_AUTHORITY = "80"  # authority_id in the Libraries Taskforce dataset


@transaction.atomic
def load_demo_data(*, stdout=None):
    say = stdout.write if stdout else (lambda _msg: None)
    wards = import_wards(local_authority_code=MILTON_KEYNES)
    say(f"Milton Keynes wards: {wards}")
    say(f"Postcodes of Milton Keynes libraries: {load_library_postcodes()} added")
    home = ensure_home_page()
    pages = {
        spec["slug"]: ensure_standard_page(home, spec)
        for spec in (content.ABOUT, content.ACCESSIBILITY, content.PRIVACY)
    }
    ensure_settings(home, pages)
    for email, first, last, group in content.STAFF:
        ensure_staff_user(email, first, last, group)
    say(f"Staff users ready; password for all: {content.DEMO_PASSWORD}")
    translate_demo_pages(home, stdout=stdout)
    return home


def load_library_postcodes():
    """Real postcodes with their coordinates, from the libraries of Milton Keynes (OGL v3.0).

    The dataset gives no ward, so these postcodes have none until the ONS Postcode Directory is imported.
    """
    added = 0
    with open(SHARED_DATA / "england_public_libraries.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["authority_id"] != MILTON_KEYNES_LIBRARY_AUTHORITY or not row["lat"] or row["closed"]:
                continue
            _, created = Postcode.objects.get_or_create(
                postcode=normalise_postcode(row["postcode"]),
                defaults={
                    "latitude": Decimal(row["lat"]).quantize(Decimal("0.000001")),
                    "longitude": Decimal(row["lng"]).quantize(Decimal("0.000001")),
                },
            )
            added += created
    return added


def ensure_home_page():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's "Welcome to your new Wagtail site!" placeholder holds the slug "home".
        for placeholder in root.get_children().filter(content_type__model="page", numchild=0):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Safer neighbourhoods in Milton Keynes",
                slug="home",
                intro=content.HOME_INTRO,
                body=content.HOME_BODY,
                seo_title="SaferMK Partnership",
            )
        )
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "site_name": "SaferMK", "hostname": "localhost", "port": 80},
    )
    return home


def ensure_standard_page(home, spec):
    page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    if page is None:
        page = home.add_child(
            instance=StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                body=spec["body"],
                show_in_menus=spec["slug"] == "about",
            )
        )
        page.save_revision().publish()
    return page


def ensure_settings(home, pages):
    site = Site.objects.get(is_default_site=True)
    settings = PartnershipSettings.for_site(site)
    for field, value in content.PARTNERSHIP.items():
        setattr(settings, field, value)
    settings.accessibility_statement_page = pages["accessibility-statement"]
    settings.privacy_notice_page = pages["privacy"]
    settings.save()


def ensure_staff_user(email, first_name, last_name, group_name):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=content.DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
        )
    user.groups.add(Group.objects.get(name=group_name))
    return user
