"""A new Safe Places venue manager creates an account with the keyboard, confirms it, and signs in (NW-012).

Every page on the way is checked by axe-core (AX-002) with the Content-Security-Policy on; the forms let
the browser fill in and paste the email address and password (AX-003, WCAG 2.2 3.3.8).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, MOBILE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "hana.kowalczyk@example.org"
PASSWORD = "teapot-lighthouse-meadow-7"


def press_and_follow(page, check, key="Enter"):
    """Press a key on whatever has focus, wait for the page it submits or opens, and check that page."""
    with page.expect_navigation():
        page.keyboard.press(key)
    check(page)


def type_into(page, label, text):
    """Move focus with Tab until it reaches the field labelled `label`, then type like a person would."""
    field = page.get_by_label(label, exact=True)
    for _ in range(30):
        if field.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"Tab never reached the field labelled {label!r}")
    page.keyboard.type(text)


def confirmation_link():
    [email] = [message for message in mail.outbox if message.to == [EMAIL]]
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", email.body).group(1)


def test_nw_012_venue_manager_signs_up_with_the_keyboard_confirms_and_signs_in(demo_site, page, visit, follow, check):
    visit(page, "/")
    follow(page, page.get_by_role("banner").get_by_role("link", name="Sign in"))
    expect(page).to_have_title(re.compile(r"^Sign in"))

    follow(page, page.get_by_role("link", name="Create an account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")

    # Sent empty: the error summary takes focus and names every field that needs an answer.
    page.get_by_role("button", name="Create account").focus()
    press_and_follow(page, check)
    expect(page).to_have_title(re.compile(r"^Error: Create an account"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Enter your first name",
            "Enter your last name",
            "Enter your email address",
            "Enter a password",
            "Enter the password again",
        ]
    )

    # Filled in with the keyboard alone, from the error summary onwards.
    type_into(page, "First name", "Hana")
    type_into(page, "Last name", "Kowalczyk")
    type_into(page, "Email address", EMAIL)
    type_into(page, "Create a password", PASSWORD)
    type_into(page, "Confirm your password", PASSWORD)
    expect(page.get_by_label("Create a password", exact=True)).to_have_attribute("autocomplete", "new-password")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Create account")).to_be_focused()
    press_and_follow(page, check)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    # The link from the email (sent through the outbox), then the button that confirms.
    visit(page, confirmation_link())
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("button", name="Confirm email address").focus()
    press_and_follow(page, check)
    expect(page).to_have_url(re.compile(r"/accounts/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")

    # Sign out, then sign in again as they will next time.
    follow(page, page.get_by_role("button", name="Sign out"))
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    visit(page, "/accounts/login/")
    expect(page.get_by_label("Email address")).to_have_attribute("autocomplete", "email")
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("autocomplete", "current-password")
    type_into(page, "Email address", EMAIL)
    type_into(page, "Password", PASSWORD)
    press_and_follow(page, check)
    expect(page).to_have_url(re.compile(r"/accounts/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_role("main")).to_contain_text("Hana Kowalczyk")
    expect(page.get_by_role("banner").get_by_role("link", name="Your account")).to_be_visible()


def test_a_wrong_password_is_explained_and_the_page_title_says_error(demo_site, page, visit, follow):
    visit(page, "/accounts/login/")
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    follow(page, page.get_by_role("button", name="Sign in"))

    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The email address or password is not right")


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile-375"])
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/not-a-real-key/",
    ],
)
def test_signed_out_account_pages_have_no_axe_violations(demo_site, page, visit, viewport, path):
    page.set_viewport_size(viewport)
    visit(page, path)
    expect(page.locator("h1")).to_have_count(1)


def test_signed_in_account_pages_have_no_axe_violations(demo_site, page, visit, follow):
    from tests.accounts.factories import PASSWORD as FACTORY_PASSWORD
    from tests.accounts.factories import AccountFactory

    account = AccountFactory(email="coordinator@example.org")
    visit(page, "/accounts/login/")
    page.get_by_label("Email address").fill(account.email)
    page.get_by_label("Password", exact=True).fill(FACTORY_PASSWORD)
    follow(page, page.get_by_role("button", name="Sign in"))

    for path in ["/accounts/", "/accounts/password/change/", "/accounts/email/", "/accounts/logout/"]:
        visit(page, path)
        expect(page.locator("h1")).to_have_count(1)

    # An error page too: the summary and the field errors must pass axe as well.
    visit(page, "/accounts/password/change/")
    follow(page, page.get_by_role("button", name="Change password"))
    expect(page).to_have_title(re.compile(r"^Error: Change your password"))


def test_signing_up_works_without_javascript(demo_site, new_context, visit, follow):
    page = new_context(java_script_enabled=False).new_page()
    visit(page, "/accounts/signup/")
    page.get_by_label("First name").fill("Ola")
    page.get_by_label("Last name").fill("Adeyemi")
    page.get_by_label("Email address").fill("ola@example.org")
    page.get_by_label("Create a password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    follow(page, page.get_by_role("button", name="Create account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
