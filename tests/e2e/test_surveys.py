"""A resident answers the Safer neighbourhoods survey with the keyboard only; officers read the results.

axe-core runs on every survey page the journey reaches, on the public results page and on the officer's
results page (with its charts drawn).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def survey(demo_site):
    from surveys import demo

    return demo.load()


def tab_to(page, locator, *, limit=60, backwards=False):
    """Press Tab until `locator` has the keyboard focus (proving it is reachable by keyboard)."""
    target = locator.element_handle()
    for _ in range(limit):
        if page.evaluate("(element) => document.activeElement === element", target):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"could not reach {locator} with the Tab key")


def choose(page, question, answer):
    """Answer a radio question from the keyboard: Tab into the group, Space, then arrow keys to the answer."""
    group = page.get_by_role("group", name=question)
    radios = group.get_by_role("radio")
    tab_to(page, radios.first)
    page.keyboard.press("Space")
    target = group.get_by_role("radio", name=answer, exact=True)
    for _ in range(radios.count()):
        if target.is_checked():
            return
        page.keyboard.press("ArrowDown")
    expect(target).to_be_checked()


def press_and_follow(page, key, check):
    with page.expect_navigation():
        page.keyboard.press(key)
    check(page)


def test_resident_completes_the_survey_with_the_keyboard_only(survey, page, visit, check):
    from surveys.models import Response

    before = Response.objects.count()
    visit(page, survey.url)
    tab_to(page, page.get_by_role("button", name="Start now"))
    press_and_follow(page, "Enter", check)

    # Where you live: a ward from the list (arrow keys on the select), a radio (space).
    expect(page.get_by_role("heading", level=1)).to_have_text("Where you live")
    ward = page.get_by_label("Which ward do you live in?")
    tab_to(page, ward)
    page.keyboard.press("ArrowDown")
    expect(ward).not_to_have_value("")
    choose(page, "How are you connected to Milton Keynes?", "I live here")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_follow(page, "Enter", check)

    # Crime and safety: the resident forgets the first question, so the error summary takes focus.
    expect(page.get_by_role("heading", level=1)).to_have_text("Crime and safety")
    choose(page, "I feel safe walking alone in my neighbourhood after dark", "Agree")
    choose(page, "Have you been a victim of crime in Milton Keynes in the last 12 months?", "Yes")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_follow(page, "Enter", check)
    expect(page).to_have_title(re.compile(r"^Error: Crime and safety"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    error_link = summary.get_by_role("link")
    expect(error_link).to_have_text([re.compile(r"^Select an answer to “In the last year, do you think crime")])
    tab_to(page, error_link)
    page.keyboard.press("Enter")
    expect(page.locator("#id_crime-perception_0")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="Yes")).to_be_checked()  # what they had answered is kept
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_follow(page, "Enter", check)

    # The conditional section appears because they said they were a victim of crime.
    expect(page.get_by_role("heading", level=1)).to_have_text("Reporting crime")
    choose(page, "Did you report it to the police?", "No")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_follow(page, "Enter", check)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your concerns")
    tab_to(page, page.get_by_label(re.compile("cause you concern")))
    page.keyboard.type("Speeding cars on the grid roads and fly tipping behind the shops.")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press_and_follow(page, "Enter", check)

    # The optional equality-monitoring section can be skipped.
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    tab_to(page, page.get_by_role("link", name="Skip these questions"))
    press_and_follow(page, "Enter", check)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    expect(page.locator(".govuk-summary-list")).to_contain_text(["Increased a lot"])
    expect(page.locator("main")).to_contain_text("Did you report it to the police?")
    tab_to(page, page.get_by_role("button", name="Send answers"))
    press_and_follow(page, "Enter", check)

    expect(page.get_by_role("heading", level=1)).to_have_text("Answers sent")
    response = Response.objects.order_by("-pk").first()
    assert Response.objects.count() == before + 1
    expect(page.locator(".govuk-panel__body")).to_contain_text(response.reference)
    assert response.answers.get(question="reported").value == "No"


def sign_in_as(page, site_url, email):
    """Give the browser a signed-in session (the admin's own sign-in page is Wagtail's, tested elsewhere)."""
    from django.conf import settings
    from django.test import Client

    from core.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
            }
        ]
    )


def test_the_published_and_officer_results_pages_are_accessible(survey, page, visit, follow, live_server):
    visit(page, survey.results_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("What residents told us")
    expect(page.locator(".app-chart canvas").first).to_be_visible()  # drawn from the table with JavaScript

    sign_in_as(page, live_server.url, "comms@example.org")
    visit(page, f"/surveys/results/{survey.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey results")
    expect(page.locator(".app-chart canvas")).to_have_count(page.locator("table[data-chart]").count())

    page.get_by_label("Ward").select_option(index=1)
    follow(page, page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()


def test_a_resident_votes_in_the_quick_poll_and_sees_the_results(survey, page, visit, check):
    visit(page, survey.url)
    poll = page.locator(".app-poll")
    expect(poll.get_by_role("heading", name="Quick poll")).to_be_visible()
    tab_to(page, poll.get_by_role("radio").first)
    page.keyboard.press("Space")
    tab_to(page, poll.get_by_role("button", name="Vote"))
    press_and_follow(page, "Enter", check)
    expect(page.locator(".app-poll table")).to_be_visible()
    expect(page.locator(".app-poll")).to_contain_text("1 vote, including yours")


def test_the_survey_works_without_javascript(survey, page_without_javascript, visit, follow):
    """Sections, the error summary and the results table all work with JavaScript turned off."""
    page = page_without_javascript
    visit(page, survey.url)
    follow(page, page.get_by_role("button", name="Start now"))
    page.get_by_label("Which ward do you live in?").select_option(index=2)
    page.get_by_role("group", name="How are you connected to Milton Keynes?").get_by_label("Other", exact=True).check()
    follow(page, page.get_by_role("button", name="Continue"))
    expect(page).to_have_title(re.compile(r"^Error: Where you live"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what you mean by “Other”")
    page.get_by_label("If you chose “Other”, say what").fill("I study here")
    follow(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Crime and safety")

    visit(page, survey.results_url)
    expect(page.locator("table[data-chart]").first).to_be_visible()
    expect(page.locator(".app-chart")).to_have_count(0)
