"""Get involved in Chromium (issue 4 acceptance): a resident filters the hub to open co-produce activities in one
ward, subscribes to alerts (and confirms by the emailed link), and asks to join a task-and-finish group. axe-core
runs on every page visited: the hub, an activity, a group page, the forms; the hub also works without JavaScript."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def get_involved(demo_site):
    from consultations.demo import load
    from consultations.models import GetInvolvedPage

    load()
    return GetInvolvedPage.objects.get()


def sign_in_as(context, live_server, user):
    """Put a signed-in session for `user` into the browser (signing in is the accounts app's own journey)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def test_a_resident_filters_to_open_co_produce_in_bletchley_subscribes_and_asks_to_join(
    get_involved, page, live_server, visit, follow, check
):
    from consultations.models import AlertSubscription, GroupMembership
    from tests.accounts.factories import AccountFactory

    visit(page, get_involved.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Get involved")
    page.get_by_label("Rung of the ladder").select_option(label="Co-produce")
    page.get_by_label("Status").select_option(label="Open now")
    page.get_by_label("Ward").select_option(label="Bletchley East")
    follow(page, page.get_by_role("button", name="Show activities"))
    expect(page.get_by_role("heading", name="Activities matching your filters")).to_be_visible()
    results = page.locator(".app-activity")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Forward Together: Bletchley underpasses")
    expect(page.get_by_label("Ward")).to_have_value("E05009406")

    follow(page, page.locator(".app-activity").get_by_role("link", name="Forward Together: Bletchley underpasses"))
    expect(page.locator("main")).to_contain_text("Your say: Co-produce")
    follow(page, page.get_by_role("link", name="Bletchley underpasses task and finish group"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bletchley underpasses task and finish group")
    expect(page.locator("main")).to_contain_text("What we walked and what we found")

    # Alerts: the form, the email, the confirmation link.
    visit(page, get_involved.url)
    follow(page, page.get_by_role("link", name="Get an email when there is something new in your area"))
    follow(page, page.get_by_role("button", name="Send me a link to confirm"))  # sent empty
    expect(page).to_have_title(re.compile(r"^Error: Get alerts"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    page.get_by_label("Email address").fill("asha@example.org")
    page.get_by_label("Bletchley East").check()
    page.get_by_label("Underpasses").check()
    follow(page, page.get_by_role("button", name="Send me a link to confirm"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    confirmation = next(message for message in mail.outbox if message.to == ["asha@example.org"])
    confirm_url = re.search(r"https?://\S+/alerts/confirm/\S+", confirmation.body).group(0)
    visit(page, confirm_url[confirm_url.index("/get-involved/") :])
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alerts are on")
    subscription = AlertSubscription.objects.get(email="asha@example.org")
    assert subscription.confirmed_at is not None
    assert {ward.name for ward in subscription.wards.all()} == {"Bletchley East"}

    # Asking to join needs an account: a resident signs in and asks.
    resident = AccountFactory(email="jo.resident@example.org", first_name="Jo", last_name="Resident")
    sign_in_as(page.context, live_server, resident)
    group = GroupMembership._meta.get_field("group").related_model.objects.get()
    visit(page, group.url)
    follow(page, page.get_by_role("button", name="Ask to join this group"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask to join this group")
    page.get_by_label("Why would you like to join? (optional)").fill("I walk through the underpass every evening.")
    follow(page, page.get_by_role("button", name="Ask to join"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("You have asked to join")
    membership = GroupMembership.objects.get(user=resident)
    assert membership.status == "requested"
    assert any(message.to == ["comms@example.org"] for message in mail.outbox), "the group's lead is told"


def test_hub_activity_group_and_report_without_javascript(get_involved, page_without_javascript, visit, follow):
    page = page_without_javascript
    visit(page, get_involved.url + "?level=co-produce&status=open&ward=E05009406")
    expect(page.locator(".app-activity")).to_have_count(1)
    follow(page, page.locator(".app-activity").get_by_role("link", name="Forward Together: Bletchley underpasses"))
    follow(page, page.get_by_role("link", name="Bletchley underpasses task and finish group"))
    visit(page, "/get-involved/ladder-report/")
    expect(page.get_by_role("img", name=re.compile("Engagement activities per rung"))).to_be_visible()
    expect(page.locator("#ladder-table")).to_contain_text("All activities")
