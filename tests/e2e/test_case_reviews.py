"""ASB Case Review in Chromium (issue 10): an applicant applies on someone's behalf with the keyboard, leaves,
comes back by the link and sends; the quick exit leaves at once (with and without JavaScript); a case officer
decides the threshold; a group names the other people affected without JavaScript. axe-core runs on every page
visited (CT-021, CT-022, CT-039, CT-061, CT-034)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


@pytest.fixture
def bodies(demo_site):
    from tests.case_reviews.factories import RelevantBodyFactory

    return [RelevantBodyFactory(name="Thames Valley Police", kind="police", email="asb@police.example.org")]


def limit_waiting(page):
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(20_000)


def press_enter_on(page, locator, check):
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)


def choose(page, label):
    """Select a radio or tick a box with the keyboard."""
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Space")


def type_into(page, label, text, exact=False):
    page.get_by_label(label, exact=exact).focus()
    page.keyboard.type(text)


def continue_(page, check):
    press_enter_on(page, page.get_by_role("button", name="Save and continue"), check)


def test_applicant_applies_for_someone_else_with_the_keyboard_leaves_resumes_and_sends(
    bodies, page, browser, live_server, visit, check
):
    from case_reviews.models import Application

    limit_waiting(page)
    visit(page, "/case-review/apply/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("(also known as the Community Trigger)")
    press_enter_on(page, page.get_by_role("button", name="Start now"), check)

    expect(page.get_by_role("heading", level=1)).to_have_text("Who is applying")
    choose(page, "I am applying for someone else, with their consent")
    continue_(page, check)

    # Nothing typed: the error summary says why a name is needed.
    continue_(page, check)
    expect(page).to_have_title(re.compile(r"^Error: Your details"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("we cannot accept an anonymous application")
    type_into(page, "Your full name", "Sam Carer")
    type_into(page, "Email address", "sam.carer@example.org")
    continue_(page, check)

    expect(page.get_by_role("heading", level=1)).to_have_text("The person affected")
    choose(page, "Carer")
    type_into(page, "Their full name", "Edna Carter")
    choose(page, "They have agreed to me applying for them")
    continue_(page, check)
    continue_(page, check)  # their home: optional

    choose(page, "Email")
    choose(page, "No")
    continue_(page, check)

    expect(page.get_by_role("heading", level=1)).to_have_text("Incidents and who you reported them to")
    today = timezone.localdate()
    for days_ago in (35, 21, 7):
        press_enter_on(page, page.get_by_role("link", name=re.compile(r"Add (an|another) incident")), check)
        happened = today - timedelta(days=days_ago)
        reported = happened + timedelta(days=1)
        day_boxes = page.get_by_label("Day")
        month_boxes = page.get_by_label("Month")
        year_boxes = page.get_by_label("Year")
        for index, when in ((0, happened), (1, reported)):
            day_boxes.nth(index).focus()
            page.keyboard.type(str(when.day))
            month_boxes.nth(index).focus()
            page.keyboard.type(str(when.month))
            year_boxes.nth(index).focus()
            page.keyboard.type(str(when.year))
        type_into(page, "What happened?", "Shouting and banging on her door late at night")
        choose(page, "No")
        page.get_by_label("Who did you report it to?").select_option("police")
        press_enter_on(page, page.get_by_role("button", name="Add this incident"), check)
    expect(page.locator("#pre-check")).to_contain_text("The threshold appears to be met")

    # Leave, and come back later by the link.
    press_enter_on(page, page.get_by_role("link", name="Save and come back later"), check)
    link = page.locator("#resume-link").inner_text()
    page.context.close()

    later = browser.new_page()
    limit_waiting(later)
    visit(later, "/" + link.split("/", 3)[3])
    expect(later.get_by_role("heading", level=1)).to_have_text("Your application")
    press_enter_on(later, later.get_by_role("link", name="The behaviour"), check)
    choose(later, "Anti-social behaviour")
    type_into(later, "Describe the behaviour", "A neighbour shouts abuse and bangs on her door most nights.")
    continue_(later, check)
    type_into(later, "How are the incidents affecting you?", "She is frightened to go out.")
    type_into(later, "What outcome would you like?", "For it to stop.")
    continue_(later, check)
    press_enter_on(later, later.get_by_role("link", name="Continue"), check)  # evidence: optional
    continue_(later, check)  # support: optional
    continue_(later, check)  # equality: optional
    choose(later, "The information I have given is correct to the best of my knowledge")
    later.get_by_label(re.compile("I agree to my details")).focus()
    later.keyboard.press("Space")
    continue_(later, check)

    expect(later.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    expect(later.locator("main")).to_contain_text("Edna Carter")
    press_enter_on(later, later.get_by_role("button", name="Send application"), check)
    application = Application.objects.get(applicant_name="Sam Carer")
    expect(later.locator(".govuk-panel")).to_contain_text(application.reference)
    assert application.status == "received" and application.notifications.count() == 1
    later.context.close()


def test_a_group_names_the_people_affected_without_javascript(bodies, page_without_javascript, visit, check):
    """CT-022: a group adds the other people affected one page at a time and removes one, with the keyboard and no
    JavaScript; where the area needs a number of them to agree, continuing with fewer is refused and says why."""
    from case_reviews import services
    from case_reviews.models import CaseReviewSettings
    from tests.case_reviews.factories import ApplicationFactory

    review_settings = CaseReviewSettings.load()
    review_settings.group_consents_needed = 2
    review_settings.save()
    application = ApplicationFactory(basis="group", applicant_name="Rosa Green")
    link = f"/case-review/apply/{services.application_token(application)}"
    page = page_without_javascript
    limit_waiting(page)
    visit(page, f"{link}/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Other people affected")
    expect(page.locator(".govuk-inset-text")).to_contain_text("at least 2 people in the group")

    press_enter_on(page, page.get_by_role("link", name="Add a person"), check)
    press_enter_on(page, page.get_by_role("button", name="Add this person"), check)
    expect(page).to_have_title(re.compile(r"^Error: Add a person affected"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the person affected")
    for name in ("Tom Hill", "Ann Lee"):
        type_into(page, "Their name", name)
        choose(page, "They have agreed to this application being made for them")
        press_enter_on(page, page.get_by_role("button", name="Add this person"), check)
        expect(page.locator("main")).to_contain_text(name)
        if name == "Tom Hill":
            press_enter_on(page, page.get_by_role("link", name="Add another person"), check)

    press_enter_on(page, page.get_by_role("button", name="Remove Ann Lee"), check)
    expect(page.locator("main")).not_to_contain_text("Ann Lee")
    press_enter_on(page, page.get_by_role("button", name="Continue"), check)
    expect(page).to_have_title(re.compile(r"^Error: Other people affected"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("add 1 more person who has agreed")

    press_enter_on(page, page.get_by_role("link", name="Add another person"), check)
    type_into(page, "Their name", "Ann Lee")
    choose(page, "They have agreed to this application being made for them")
    press_enter_on(page, page.get_by_role("button", name="Add this person"), check)
    press_enter_on(page, page.get_by_role("button", name="Continue"), check)
    expect(page.get_by_role("heading", level=1)).to_have_text("Their home")
    visit(page, f"{link}/check-your-answers/")
    expect(page.locator("main")).to_contain_text("Tom Hill")
    expect(page.locator("main")).to_contain_text("Ann Lee")


def test_the_quick_exit_leaves_at_once(bodies, page, visit, page_without_javascript):
    limit_waiting(page)
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><html lang=en><title>Weather</title></html>"))  # fmt: skip
    visit(page, "/case-review/apply/")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Exit this page")).click()
    assert page.url.startswith(NEUTRAL_SITE)

    # Pressing Shift three times leaves too (GOV.UK Frontend's keyboard shortcut).
    visit(page, "/case-review/apply/")
    page.locator("h1").click()
    with page.expect_navigation():
        for _ in range(3):
            page.keyboard.press("Shift")
    assert page.url.startswith(NEUTRAL_SITE)

    # Without JavaScript it is an ordinary link to the same neutral site.
    page_without_javascript.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><html lang=en><title>Weather</title></html>"))  # fmt: skip
    visit(page_without_javascript, "/case-review/apply/")
    with page_without_javascript.expect_navigation():
        page_without_javascript.get_by_role("button", name=re.compile("Exit this page")).click()
    assert page_without_javascript.url.startswith(NEUTRAL_SITE)


def sign_in_as(context, live_server, user):
    """A finished staff sign-in (second factor proved) in the browser: how staff sign in is tested elsewhere."""
    from django.conf import settings
    from django.test import Client

    from tests.permissions import sign_in

    client = Client()
    sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def test_a_case_officer_decides_the_threshold(bodies, page, live_server, visit, follow, check):
    from case_reviews import services
    from case_reviews.models import Application
    from core.models import User
    from tests.case_reviews.factories import ApplicationFactory, incidents_for

    limit_waiting(page)
    officer = User.objects.get(email="cases@example.org")
    application = ApplicationFactory(applicant_name="Edna Carter")
    incidents_for(application, 2)
    application = services.submit_application(application=application, now=timezone.now())
    services.acknowledge(application=application, user=officer, spoc=officer, now=timezone.now())
    sign_in_as(page.context, live_server, officer)

    visit(page, "/case-review/cases/")
    follow(page, page.get_by_role("link", name=application.reference))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {application.reference}")
    form = page.locator("form", has=page.locator("input[name=action][value=decide_threshold]"))
    form.get_by_role("group", name="Is the threshold met?").get_by_label("Not met", exact=True).check()
    form.get_by_label("Reasons (the applicant is told these)").fill("Two complaints in six months.")
    follow(page, form.get_by_role("button", name="Record the threshold decision"), status=400)
    expect(page.locator(".govuk-error-summary")).to_contain_text("persistence")
    form = page.locator("form", has=page.locator("input[name=action][value=decide_threshold]"))
    form.get_by_role("group", name="Is the threshold met?").get_by_label("Not met", exact=True).check()
    form.get_by_label("Reasons (the applicant is told these)").fill("Two complaints in six months.")
    form.get_by_label("Persistence of the behaviour").fill("Two incidents a fortnight apart.")
    form.get_by_label("Harm or potential harm").fill("Distress; no risk of injury identified.")
    form.get_by_label("Adequacy of the agencies' response").fill("Police visited the same day.")
    form.get_by_label("Signposting or onward referral (if not met)").fill("Referred to MK Mediation.")
    follow(page, form.get_by_role("button", name="Record the threshold decision"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Record the threshold decision: done")
    application.refresh_from_db()
    assert application.status == "threshold_not_met"
    assert Application.objects.get(pk=application.pk).signposting == "Referred to MK Mediation."


def test_the_information_procedures_and_statistics_pages_pass_axe_without_javascript(
    bodies, page, page_without_javascript, visit
):
    """CT-001..CT-016, CT-070..CT-072, CT-107: the editors' pages, the printable application form and the partners'
    "Do you know about the ASB Case Review?" page, with and without JavaScript."""
    from case_reviews import demo
    from case_reviews.models import CaseReviewPage, CaseReviewProcedurePage, CaseReviewStatisticsPage

    demo.load()
    urls = [CaseReviewPage.objects.get().url, CaseReviewStatisticsPage.objects.get().url]
    urls += [procedure.url for procedure in CaseReviewProcedurePage.objects.all()]
    urls += ["/case-review/application-form/", "/case-review/do-you-know/"]
    for browser_page in (page, page_without_javascript):
        limit_waiting(browser_page)
        for url in urls:
            visit(browser_page, url)
    expect(page_without_javascript.get_by_role("heading", level=1)).to_contain_text("ASB Case Review")


def test_a_case_officer_prints_a_letter_for_an_applicant_who_chose_post(bodies, page, live_server, visit, follow, axe):
    """Letters for applicants who said post is the safe way to reach them: listed, printed, marked as posted."""
    from case_reviews import services
    from core.models import User
    from tests.case_reviews.factories import ApplicationFactory

    limit_waiting(page)
    officer = User.objects.get(email="cases@example.org")
    application = ApplicationFactory(applicant_name="Harriet Post", contact_channel="letter")
    application = services.submit_application(application=application, now=timezone.now())
    sign_in_as(page.context, live_server, officer)

    visit(page, "/case-review/cases/")
    follow(page, page.get_by_role("link", name="Letters to post: 1"))
    # The print page is the letter alone, without the site's header: axe still runs on it.
    follow(page, page.get_by_role("link", name=re.compile("^Print: We have received")), public=False)
    axe(page)
    expect(page.get_by_role("main")).to_contain_text("Harriet Post")
    expect(page.get_by_role("main")).to_contain_text(application.reference)
    visit(page, "/case-review/cases/letters-to-post/")
    follow(page, page.get_by_role("button", name=re.compile("^Mark as posted")))
    expect(page.get_by_role("cell", name="No letters to post.")).to_be_visible()
