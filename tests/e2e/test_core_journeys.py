"""Residents' and staff's journeys through the core site, in Chromium, with axe-core on every public page."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from core.demo.content import DEMO_PASSWORD
from tests.accounts.two_factor import pass_second_factor
from tests.e2e.conftest import DESKTOP, MOBILE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POSTCODE_ERROR = "Enter your full postcode, like MK9 3EJ, not just the first part."


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile-375"])
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/about/", 200),
        ("/accessibility-statement/", 200),
        ("/privacy/", 200),
        ("/privacy/what-we-keep/", 200),
        ("/no-such-page/", 404),
    ],
    ids=["home", "standard-page", "accessibility-statement", "privacy-notice", "what-we-keep", "not-found"],
)
def test_public_pages_have_no_axe_violations(demo_site, page, visit, viewport, path, status):
    page.set_viewport_size(viewport)
    visit(page, path, status=status)
    expect(page.locator("h1")).to_have_count(1)


def test_skip_link_moves_keyboard_focus_to_the_main_content(demo_site, page, visit):
    visit(page, "/")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_have_attribute("data-govuk-skip-link-init", "")  # GOV.UK Frontend's JS ran

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10, f"the focused skip link is not visible: {box}"

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    expect(page.locator("main#main-content")).to_be_focused()


def test_resident_sends_a_message_after_correcting_their_mistakes(demo_site, page, visit, follow):
    from core.models import ContactMessage

    visit(page, "/contact/")
    send = page.get_by_role("button", name="Send message")

    # Nothing filled in: the error summary takes focus and links to each field that needs an answer.
    follow(page, send)
    expect(page).to_have_title(re.compile(r"^Error: Contact us"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    links = summary.get_by_role("link")
    expect(links).to_have_text(["Enter your name", "Enter your email address", "Enter your message"])
    assert [link.get_attribute("href") for link in links.all()] == ["#id_name", "#id_email", "#id_message"]
    expect(page.locator("#id_email_error")).to_contain_text("Enter your email address")
    links.filter(has_text="Enter your email address").click()
    expect(page.locator("#id_email")).to_be_focused()

    # Everything filled in, but only half a postcode: a plain-English error beside the field.
    page.get_by_label("Your name").fill("Priya Shah")
    page.get_by_label("Email address").fill("priya@example.com")
    page.get_by_label("Postcode (optional)").fill("MK9")
    page.get_by_label("Your message").fill("The street light outside 12 Silbury Boulevard has been out for weeks.")
    follow(page, send)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([POSTCODE_ERROR])
    expect(page.locator("#id_postcode_error")).to_have_text(f"Error: {POSTCODE_ERROR}")
    expect(page.get_by_label("Postcode (optional)")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Your name")).to_have_value("Priya Shah")  # nothing typed is lost

    # Corrected and sent: the confirmation panel gives a reference.
    page.get_by_label("Postcode (optional)").fill("mk9 3ej")
    follow(page, send)
    expect(page).to_have_url(re.compile(r"/contact/sent/$"))
    panel = page.locator(".govuk-panel--confirmation")
    expect(panel.get_by_role("heading", name="Message sent")).to_be_visible()
    reference = panel.locator("strong").inner_text().strip()
    assert re.fullmatch(r"C-[0-9A-F]{8}", reference), reference

    message = ContactMessage.objects.get(reference=reference)
    assert (message.name, message.email) == ("Priya Shah", "priya@example.com")
    assert "Postcode: MK9 3EJ" in message.message
    assert ContactMessage.objects.count() == 1


def test_contact_form_works_without_javascript(demo_site, page_without_javascript, visit, follow):
    from core.models import ContactMessage

    page = page_without_javascript
    visit(page, "/contact/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"govuk-frontend-supported"))

    send = page.get_by_role("button", name="Send message")
    follow(page, send)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your name")

    page.get_by_label("Your name").fill("Tom Okafor")
    page.get_by_label("Email address").fill("tom@example.com")
    page.get_by_label("Your message").fill("When is the next neighbourhood meeting in Bletchley?")
    follow(page, send)
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Your reference is")
    reference = page.locator(".govuk-panel--confirmation strong").inner_text().strip()
    assert ContactMessage.objects.filter(reference=reference, email="tom@example.com").exists()


def test_main_navigation_marks_the_section_being_shown(demo_site, page, visit, follow):
    visit(page, "/")
    menu = page.get_by_role("navigation", name="Menu")
    about = menu.get_by_role("link", name="About the partnership")
    expect(about).to_be_visible()
    expect(about).not_to_have_attribute("aria-current", re.compile(".*"))

    follow(page, about)
    expect(page).to_have_url(re.compile(r"/about/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("About the partnership")
    expect(menu.get_by_role("link", name="About the partnership")).to_have_attribute("aria-current", "page")


def test_communications_officer_signs_in_and_opens_the_page_explorer(demo_site, page, visit, follow):
    visit(page, "/admin/", public=False)
    expect(page).to_have_url(re.compile(r"/admin/login/"))

    page.locator("input[name=username]").fill("comms@example.org")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    follow(page, page.get_by_role("button", name=re.compile("Sign in", re.I)), public=False)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/"))  # the password alone opens nothing
    pass_second_factor(page, "comms@example.org")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(settings.WAGTAIL_SITE_NAME)
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()

    page.get_by_role("button", name="Pages").click()
    explorer = page.locator(".c-page-explorer")
    expect(explorer).to_be_visible()
    follow(page, explorer.locator(f".c-page-explorer__item__link[href$='/pages/{demo_site.pk}/']"), public=False)
    expect(page).to_have_url(re.compile(rf"/admin/pages/{demo_site.pk}/$"))
    expect(page.get_by_role("link", name="About the partnership").first).to_be_visible()
