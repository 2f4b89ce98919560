"""Neighbourhood Watch journeys in Chromium, axe-core on every page visited (issue 8 acceptance):
a resident with no scheme nearby starts one with the keyboard; a coordinator accepts a member and sends a
message; a member unsubscribes in one click. Map tiles come from this test server: no internet."""

import re

import pytest
from playwright.sync_api import expect

from core.demo.content import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def watch_demo(demo_site, settings):
    from watch_schemes.demo import load

    settings.MAP_TILE_URL = "/test-tiles/{z}/{x}/{y}.png"
    load()


def sign_in_as(context, live_server, user):
    """Put a signed-in session for `user` into the browser (signing in is the accounts app's own journey)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def press(page, check, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)
    check(page)


def test_a_resident_with_no_scheme_nearby_starts_one_with_the_keyboard_nw050_nw012(
    watch_demo, page, live_server, visit, check
):
    from tests.factories import UserFactory
    from watch_schemes.models import WatchScheme

    resident = UserFactory(email="new.coordinator@example.net")
    sign_in_as(page.context, live_server, resident)
    visit(page, "/neighbourhood-watch/")
    page.get_by_label("Postcode").focus()
    page.keyboard.type("mk4 4dd")
    press(page, check)
    expect(page.locator("#results")).to_have_text("No scheme covers MK4 4DD yet")
    expect(page.locator("[data-watch-list]")).to_contain_text("km away")  # the nearest schemes instead

    start = page.get_by_role("link", name="Start a scheme for MK4 4DD")
    start.focus()
    press(page, check)
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a Neighbourhood Watch scheme")
    expect(page.get_by_label("Postcodes the scheme covers")).to_have_value("MK4 4DD")

    # Submitting without agreeing first: errors in plain English, in the summary and next to the fields.
    page.get_by_label("Name of the scheme").focus()
    page.keyboard.type("Barnsdale Drive Home Watch")
    page.get_by_role("button", name="Register the scheme").focus()
    press(page, check)
    expect(page).to_have_title(re.compile(r"^Error: Start a Neighbourhood Watch scheme"))
    expect(page.locator("#id_accepts_code_of_conduct_error")).to_contain_text("Agree to the code of ethics")

    page.get_by_label("I agree to the Neighbourhood Watch code of ethics and standards").focus()
    page.keyboard.press("Space")
    page.get_by_label("I will follow the data-protection rules for members' details").focus()
    page.keyboard.press("Space")
    page.get_by_label("Streets the scheme covers (optional)").focus()
    page.keyboard.type("Barnsdale Drive")
    page.get_by_role("button", name="Register the scheme").focus()
    press(page, check)

    expect(page.get_by_role("heading", level=1)).to_have_text("Barnsdale Drive Home Watch")
    expect(page.locator("main")).to_contain_text("Waiting for approval")
    scheme = WatchScheme.objects.get(name="Barnsdale Drive Home Watch")
    assert (scheme.status, scheme.postcodes) == ("pending", ["MK4 4DD"])
    assert scheme.coordinator_roles.get().user == resident


def test_a_coordinator_accepts_a_member_and_sends_a_message_nw061_nw075(
    watch_demo, page, live_server, visit, follow, check
):
    from core.models import OutboxMessage, User
    from watch_schemes.models import Member

    coordinator = User.objects.get(email="coordinator@example.org")
    assert coordinator.check_password(DEMO_PASSWORD)
    sign_in_as(page.context, live_server, coordinator)
    visit(page, "/neighbourhood-watch/your-schemes/")
    follow(page, page.get_by_role("link", name="Westfield Road Home Watch"))
    expect(page.locator("main")).to_contain_text("grace.okafor@example.net")

    follow(page, page.get_by_role("button", name="Accept Grace Okafor"))
    expect(page.locator("main")).to_contain_text("Grace Okafor is now a member")
    assert Member.objects.get(email="grace.okafor@example.net").status == "accepted"

    follow(page, page.get_by_role("link", name="Send a message to members"))
    follow(page, page.get_by_role("button", name="Send the message"))  # empty: errors first
    expect(page).to_have_title(re.compile(r"^Error: Send a message"))
    page.get_by_label("Subject").fill("Bin day changes")
    page.get_by_label("Message").fill("From next week bins go out on Tuesday. Keep side gates locked.")
    follow(page, page.get_by_role("button", name="Send the message"))
    expect(page.locator("main")).to_contain_text("Your message is on its way to 3 member(s)")

    sent = OutboxMessage.objects.filter(purpose="watch_schemes.message", subject__contains="Bin day changes")
    assert sorted(m.to for m in sent) == ["grace.okafor@example.net", "priya.shah@example.net", "tom.baker@example.net"]
    for mail in sent:
        assert "call 999" in mail.body_text and "call 101" in mail.body_text

    # Grace unsubscribes in one click from the link in her message.
    link = re.search(
        r"http://testserver(/neighbourhood-watch/membership/\S+/)", sent.get(to="grace.okafor@example.net").body_text
    )
    visit(page, link.group(1))
    follow(page, page.get_by_role("button", name="Unsubscribe"))
    expect(page.locator("main")).to_contain_text("You are unsubscribed")
    assert not Member.objects.get(email="grace.okafor@example.net").receives_messages


def test_the_finder_and_a_scheme_page_without_javascript(watch_demo, page_without_javascript, visit, check):
    page = page_without_javascript
    visit(page, "/neighbourhood-watch/?postcode=MK2+2RA")
    expect(page.locator("#results")).to_have_text("Schemes covering MK2 2RA")
    expect(page.locator("[data-watch-map]")).to_be_hidden()
    with page.expect_navigation():
        page.get_by_role("link", name="Westfield Road Home Watch").click()
    check(page)
    expect(page.locator("main")).to_contain_text("Westfield Road")
    with page.expect_navigation():
        page.get_by_role("link", name="Ask to join Westfield Road Home Watch").click()
    check(page)
