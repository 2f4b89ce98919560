"""Safe Places journeys in Chromium, axe-core on every public page: a resident finds an open venue by postcode
with the keyboard (without JavaScript and with it); a venue registers and a partnership admin approves it."""

import re

import pytest
from playwright.sync_api import expect

from core.demo.content import DEMO_PASSWORD
from tests.accounts.two_factor import pass_second_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ALWAYS_OPEN = [[["00:00", "00:00"]]] * 7
CENTRAL_LIBRARY = (52.0436467, -0.7595714)  # MK9 3HL, a postcode the demo knows


@pytest.fixture
def safe_places_demo(demo_site, settings):
    """The demo partnership and its Safe Places, plus one venue open around the clock near MK9 3HL.

    Map tiles come from this test server (they 404): the tests never reach the internet.
    """
    from safe_places.demo import load
    from tests.safe_places.factories import VenueFactory, VenueTypeFactory

    settings.MAP_TILE_URL = "/test-tiles/{z}/{x}/{y}.png"
    # The admin's avatars come from gravatar.com, which the CSP refuses (reported for the shared settings).
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    load()
    return VenueFactory(
        name="All Hours Pharmacy", venue_type=VenueTypeFactory(name="Pharmacy", slug="pharmacy"), approved=True,
        latitude=CENTRAL_LIBRARY[0] + 0.002, longitude=CENTRAL_LIBRARY[1], postcode="MK9 3HL",
        opening_hours=ALWAYS_OPEN, step_free=True,
    )  # fmt: skip


def limit_waiting(page):
    """Fail within seconds rather than wait for ever on a page that never arrives."""
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(20_000)


def search_with_the_keyboard(page, follow_enter):
    page.get_by_label("Only show places open now").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Only show places open now")).to_be_checked()
    page.get_by_label("Postcode").focus()
    page.keyboard.type("mk9 3hl")
    follow_enter(lambda: page.keyboard.press("Enter"))


def test_a_resident_finds_an_open_venue_by_postcode_without_javascript(
    safe_places_demo, page_without_javascript, visit, check
):
    page = page_without_javascript
    limit_waiting(page)
    visit(page, "/safe-places/")
    expect(page.get_by_role("button", name="Use my location")).to_have_count(0)  # only added by JavaScript

    # A mistake first: the error is next to the field and in the summary, in plain English.
    page.get_by_label("Postcode").focus()
    page.keyboard.type("MK9")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)
    expect(page).to_have_title(re.compile(r"^Error: Find a Safe Place"))
    expect(page.locator("#id_postcode_error")).to_contain_text("not just the first part")

    page.get_by_label("Postcode").fill("")

    def enter(action):
        with page.expect_navigation():
            action()
        check(page)

    search_with_the_keyboard(page, enter)
    results = page.locator("[data-safe-places-list]")
    expect(results).to_contain_text("All Hours Pharmacy")
    expect(results.locator("li").first).to_contain_text("Open now")
    expect(page.locator("[data-safe-places-map]")).to_be_hidden()  # the list is the whole answer

    link = results.get_by_role("link", name="All Hours Pharmacy")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("All Hours Pharmacy")
    expect(page.locator("main")).to_contain_text("Open now")


def test_a_resident_finds_an_open_venue_with_javascript_and_sees_the_map(safe_places_demo, page, visit, check):
    limit_waiting(page)
    visit(page, "/safe-places/")
    expect(page.get_by_role("button", name="Use my location")).to_be_visible()

    def enter(action):
        with page.expect_navigation():
            action()
        check(page)

    search_with_the_keyboard(page, enter)
    expect(page.locator("[data-safe-places-list]")).to_contain_text("All Hours Pharmacy")
    expect(page.locator("[data-safe-places-map].leaflet-container")).to_be_visible()
    expect(page.locator("[data-safe-places-map] path.leaflet-interactive").first).to_be_attached()


def test_use_my_location_fills_in_the_point_and_searches(safe_places_demo, browser, live_server, browser_checks):
    context = browser.new_context(
        geolocation={"latitude": CENTRAL_LIBRARY[0], "longitude": CENTRAL_LIBRARY[1]}, permissions=["geolocation"]
    )
    page = context.new_page()
    limit_waiting(page)
    browser_checks.visit(page, "/safe-places/")
    with page.expect_navigation():
        page.get_by_role("button", name="Use my location").click()
    browser_checks.check(page)
    expect(page.get_by_role("heading", level=2, name=re.compile("near your location"))).to_be_visible()
    expect(page.locator("[data-safe-places-list]")).to_contain_text("All Hours Pharmacy")
    context.close()


def sign_in_as(context, live_server, user):
    """Put a signed-in session for `user` into the browser (how they signed in is the accounts app's journey)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def test_a_venue_registers_and_a_partnership_admin_approves_it(safe_places_demo, page, live_server, visit, follow):
    from safe_places.models import Venue
    from tests.factories import UserFactory

    limit_waiting(page)
    manager = UserFactory(email="owner@example.org")
    sign_in_as(page.context, live_server, manager)
    visit(page, "/safe-places/register/")
    send = page.get_by_role("button", name="Send application")
    follow(page, send)  # nothing filled in: every problem is listed
    expect(page).to_have_title(re.compile(r"^Error: Register your venue"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the venue")

    page.get_by_label("Name of the venue").fill("Fenny Stratford Bakery")
    page.get_by_label("Type of venue").select_option(label="Shop")
    page.get_by_label("Address").fill("21 Aylesbury Street, Fenny Stratford")
    page.get_by_label("Postcode").fill("MK2 2RA")
    page.get_by_label("Contact person").fill("Alex Green")
    page.get_by_label("Monday: opens").fill("08:00")
    page.get_by_label("Monday: closes").fill("16:00")
    page.get_by_label("Step-free access").check()
    page.get_by_label("How many of your staff are trained").fill("2")
    for label in (
        "The venue is open to the public",
        "The venue has live public liability insurance",
        "The premises are accessible to disabled people",
        "Our staff will follow the Safe Place procedure",
    ):
        page.get_by_label(label).check()
    follow(page, send)
    expect(page).to_have_url(re.compile(r"/safe-places/your-venues/$"))
    expect(page.locator("main")).to_contain_text("Fenny Stratford Bakery")
    expect(page.locator("main")).to_contain_text("Waiting for approval")
    venue = Venue.objects.get(name="Fenny Stratford Bakery")
    assert venue.status == "pending" and venue.manager == manager

    admin_page = page.context.browser.new_context().new_page()
    limit_waiting(admin_page)
    visit(admin_page, "/admin/login/", public=False)
    admin_page.locator("input[name=username]").fill("admin@example.org")
    admin_page.locator("input[name=password]").fill(DEMO_PASSWORD)
    follow(admin_page, admin_page.get_by_role("button", name=re.compile("Sign in", re.I)), public=False)
    pass_second_factor(admin_page, "admin@example.org")
    visit(admin_page, "/admin/snippets/safe_places/venue/?status=pending", public=False)
    row = admin_page.locator("tr", has_text="Fenny Stratford Bakery")
    follow(admin_page, row.get_by_role("link", name="Decide"), public=False)
    admin_page.get_by_label("Approve: the venue goes live in the finder").check()
    follow(admin_page, admin_page.get_by_role("button", name="Record the decision"), public=False)
    expect(admin_page.locator("body")).to_contain_text("Fenny Stratford Bakery")

    venue.refresh_from_db()
    assert venue.status == "approved" and venue.next_check_due is not None
    visit(page, venue.get_absolute_url())
    expect(page.locator("main")).not_to_contain_text("This is a preview")
    visit(page, "/safe-places/your-venues/")
    expect(page.locator("main")).to_contain_text("Approved")
