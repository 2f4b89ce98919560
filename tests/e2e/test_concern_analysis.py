"""An officer reads residents' concerns in the admin's Concerns view and filters it by ward and theme; residents
read the published word cloud on the results page. axe-core runs on every page (AX-002), with JavaScript on and
off for the public page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def survey(demo_site):
    """The demo survey, its concern themes, and its concerns analysed and published (as `load_demo_data` does)."""
    from surveys import demo
    from surveys.analysis import demo as concern_demo

    survey = demo.load()
    concern_demo.load()
    return survey


def sign_in_as(page, site_url, email):
    """A signed-in staff session with the second factor proved (the sign-in pages are tested elsewhere)."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from core.models import User
    from tests.accounts.two_factor import authenticator_for

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": site_url}])


def test_an_officer_filters_the_concerns_by_ward_and_theme(survey, page, visit, follow, live_server):
    from surveys.models import Response

    sign_in_as(page, live_server.url, "comms@example.org")
    visit(page, "/admin/concerns/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What residents are concerned about")
    cloud = page.locator(".app-concern-cloud__image")
    expect(cloud).to_be_visible()
    expect(cloud).to_have_attribute("alt", re.compile(r"Largest: .+\(\d+\)"))
    total = Response.objects.filter(survey=survey).exclude(answers__question="concerns", answers__value="").count()
    assert total > 0

    ward = Response.objects.filter(survey=survey).values_list("ward__name", flat=True).first()
    page.get_by_label("Ward", exact=True).select_option(label=ward)
    page.get_by_label("Theme", exact=True).select_option(label="Speeding and parking")
    follow(page, page.get_by_role("button", name="Apply filters"))

    expect(page.get_by_text("match these filters")).to_be_visible()
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    terms = page.locator("#concern-terms tbody th")
    expect(terms.first).to_be_visible()
    themes = page.locator("#concern-themes tbody th")
    expect(themes.first).to_have_text("Speeding and parking")
    expect(page.locator(".app-concern-cloud__image")).to_be_visible()


def test_the_published_results_page_shows_the_cloud_accessibly(survey, page, page_without_javascript, visit):
    for browser_page in (page, page_without_javascript):
        visit(browser_page, survey.results_url)
        expect(browser_page.get_by_role("heading", name="What concerns residents")).to_be_visible()
        image = browser_page.locator(".app-concern-cloud__image")
        expect(image).to_be_visible()
        assert browser_page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle())
        expect(browser_page.locator("#concern-terms tbody tr").first).to_be_visible()
        expect(browser_page.locator("#concern-themes")).to_be_visible()
