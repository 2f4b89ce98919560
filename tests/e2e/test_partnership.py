"""Partnership content in the browser: every page type is accessible, a priority is approved by a second
officer before residents see it, and a resident switches language without losing their place."""

import re

import pytest
from playwright.sync_api import expect

from core.demo.content import DEMO_PASSWORD
from tests.accounts.two_factor import pass_second_factor
from tests.e2e.conftest import MOBILE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def partnership_site(demo_site):
    from partnership.demo import load

    load()
    return demo_site


PAGE_TYPES = {
    "plan": "/plan/",
    "priority": "/plan/community-engagement/",
    "news index": "/news/",
    "news index by tag": "/news/?tag=burglary",
    "news story": "/news/safe-places-launch/",
    "advice index": "/advice/",
    "advice page": "/advice/report-anti-social-behaviour/",
    "you said we did": "/you-said-we-did/",
    "search results": "/search/?q=community+trigger",
    "polish home": "/pl/",
    "polish priority": "/pl/plan/community-engagement/",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_partnership_page_type_has_no_axe_violations(partnership_site, page, visit, path):
    visit(page, path)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#app-priorities-heading")).to_be_visible()


def test_you_said_we_did_filters_work_without_javascript(partnership_site, page_without_javascript, visit, follow):
    page = page_without_javascript
    visit(page, "/you-said-we-did/")
    page.get_by_label("Ward").select_option(label="Bletchley Park")
    follow(page, page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_role("status")).to_have_text("1 answer")
    expect(page.get_by_text("Street lights out in the underpasses")).to_be_visible()


def test_a_resident_switches_language_and_keeps_the_page(partnership_site, page, visit, follow):
    page.set_viewport_size(MOBILE)
    visit(page, "/plan/community-engagement/")
    follow(page, page.get_by_role("link", name="Polski"))
    expect(page).to_have_url(re.compile(r"/pl/plan/community-engagement/$"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("h1")).to_have_text("Zaangażowanie społeczności")
    expect(page.get_by_role("heading", name="Nasze priorytety")).to_be_visible()
    follow(page, page.get_by_role("link", name="English"))
    expect(page).to_have_url(re.compile(r"/plan/community-engagement/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")


def sign_in(page, visit, email):
    visit(page, "/admin/login/", public=False)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/"))
    pass_second_factor(page, email)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_priority_reaches_every_page_only_after_a_second_officer_approves(
    partnership_site, browser, visit, check, live_server
):
    from partnership.models import PlanPage, PriorityPage
    from tests.factories import StaffFactory

    plan = PlanPage.objects.get(slug="plan", locale__language_code="en-gb")
    StaffFactory(email="second.officer@example.org", password=DEMO_PASSWORD, groups=["Communications officers"])

    # The first officer drafts the priority in the admin and submits it for approval.
    author = browser.new_context().new_page()
    sign_in(author, visit, "comms@example.org")
    visit(author, f"/admin/pages/add/partnership/prioritypage/{plan.pk}/", public=False)
    author.locator("#id_title").fill("Tackle fly-tipping together")
    author.locator("#id_summary").fill("Clear fly-tipping hotspots with residents and catch those who dump waste.")
    why = author.locator("[data-contentpath='why_it_matters'] .public-DraftEditor-content")
    why.click()
    why.press_sequentially("Fly-tipping was the third most common concern in the 2016 survey.")
    expect(why).to_contain_text("third most common concern")
    author.wait_for_timeout(800)  # Draftail saves its state into the form field a moment after typing stops
    author.locator(
        "footer [data-w-dropdown-target='toggle'], .footer__container [aria-label='More actions']"
    ).first.click()
    author.get_by_role("button", name=re.compile(r"Submit to Second officer approval")).click()
    author.wait_for_load_state("load")
    errors = author.evaluate(
        "() => [...document.querySelectorAll('.w-field--error, .error')].map(e => e.closest('[data-contentpath]')?.dataset.contentpath || e.id)"
    )
    assert not errors, errors
    expect(author.locator(".messages")).to_contain_text("submitted")

    priority = PriorityPage.objects.get(title="Tackle fly-tipping together")
    assert not priority.live

    # Residents do not see it yet.
    resident = browser.new_context().new_page()
    visit(resident, "/about/")
    expect(resident.locator(".app-priorities")).not_to_contain_text("Tackle fly-tipping together")

    # The author cannot approve their own work: no approve action is offered to them.
    visit(author, f"/admin/pages/{priority.pk}/edit/", public=False)
    expect(author.get_by_role("button", name="Approve", exact=True)).to_have_count(0)

    # A second officer approves it, and it is published.
    reviewer = browser.new_context().new_page()
    sign_in(reviewer, visit, "second.officer@example.org")
    visit(reviewer, f"/admin/pages/{priority.pk}/edit/", public=False)
    reviewer.locator(
        "footer [data-w-dropdown-target='toggle'], .footer__container [aria-label='More actions']"
    ).first.click()
    reviewer.get_by_role("button", name="Approve", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("has been updated")

    priority.refresh_from_db()
    assert priority.live
    for path in ("/", "/about/", "/news/", "/contact/"):
        visit(resident, path)
        expect(resident.locator(".app-priorities")).to_contain_text("Tackle fly-tipping together")
        expect(resident.locator(".app-priorities")).to_contain_text("No actions have been set yet.")
