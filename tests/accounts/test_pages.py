"""Every allauth page a person meets, in the site's layout and GOV.UK markup (AX-002, AX-003).

WCAG 2.2 3.3.8 (AX-003): no cognitive test to sign in, paste allowed, and the autocomplete attributes
password managers need. The Content-Security-Policy forbids inline styles and scripts (the browser tests
check the rendered pages with axe-core and watch for CSP refusals).
"""

import re

import pytest

pytestmark = pytest.mark.django_db

SIGNED_OUT = {
    "/accounts/login/": "Sign in",
    "/accounts/signup/": "Create an account",
    "/accounts/password/reset/": "Reset your password",
    "/accounts/password/reset/done/": "Check your email",
    "/accounts/confirm-email/": "Check your email",
    "/accounts/confirm-email/not-a-real-key/": "This link does not work",
    "/accounts/password/reset/key/1-not-a-real-key/": "This link does not work",
}
SIGNED_IN = {
    "/accounts/": "Your account",
    "/accounts/logout/": "Sign out",
    "/accounts/password/change/": "Change your password",
    "/accounts/email/": "Change your email address",
}


def assert_our_layout(html, title):
    assert f"<title>{title} \N{EN DASH} " in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert re.search(rf'<h1 class="govuk-heading-l">\s*{re.escape(title)}\s*</h1>', html)
    assert 'class="govuk-template__header"' in html  # base.html, not allauth's bare layout
    assert " style=" not in html and "<style" not in html  # the CSP refuses inline styles
    assert "placeholder=" not in html  # GOV.UK: hints, not placeholders that vanish
    assert "allauth" not in html.lower()


@pytest.mark.parametrize(("path", "title"), SIGNED_OUT.items(), ids=list(SIGNED_OUT))
def test_signed_out_pages_use_the_site_layout(client, path, title):
    response = client.get(path)

    assert response.status_code == 200
    assert_our_layout(response.content.decode(), title)


@pytest.mark.parametrize(("path", "title"), SIGNED_IN.items(), ids=list(SIGNED_IN))
def test_signed_in_pages_use_the_site_layout(client, account, path, title):
    client.force_login(account)

    response = client.get(path)

    assert response.status_code == 200
    assert_our_layout(response.content.decode(), title)


def autocompletes(html):
    return dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*autocomplete="([\w-]+)"', html))


def test_ax_003_sign_in_lets_password_managers_fill_in_both_fields(client):
    html = client.get("/accounts/login/").content.decode()

    assert autocompletes(html) == {"login": "email", "password": "current-password"}
    assert 'type="email"' in html and 'type="password"' in html
    assert "onpaste" not in html  # pasting is never blocked


def test_ax_003_sign_up_asks_for_a_new_password_so_managers_can_suggest_one(client):
    fields = autocompletes(client.get("/accounts/signup/").content.decode())

    assert fields == {
        "first_name": "given-name",
        "last_name": "family-name",
        "email": "email",
        "password1": "new-password",
        "password2": "new-password",
        "website": "off",
    }


def test_the_honeypot_is_inside_a_hidden_block(client):
    html = client.get("/accounts/signup/").content.decode()

    assert re.search(r'<div hidden>\s*<div class="govuk-form-group">\s*<label[^>]*for="id_website"', html)


def test_ax_003_changing_a_password_tells_managers_which_is_old_and_which_is_new(client, account):
    client.force_login(account)

    fields = autocompletes(client.get("/accounts/password/change/").content.decode())

    assert fields == {"oldpassword": "current-password", "password1": "new-password", "password2": "new-password"}


def test_a_wrong_current_password_is_explained_next_to_the_field(client, account):
    client.force_login(account)

    response = client.post(
        "/accounts/password/change/", {"oldpassword": "wrong", "password1": "x" * 12, "password2": "x" * 12}
    )

    html = response.content.decode()
    assert "<title>Error: Change your password" in html
    assert 'href="#id_oldpassword"' in html
    assert 'id="id_oldpassword_error"' in html
    assert "Enter your current password correctly" in html


def test_changing_the_email_address_sends_a_link_to_the_new_address(client, account, sent_mail):
    client.force_login(account)

    response, emails = sent_mail(
        lambda: client.post("/accounts/email/", {"action_add": "", "email": "new.address@example.org"})
    )

    assert response.status_code == 302
    assert [(email.to, email.subject) for email in emails] == [
        (["new.address@example.org"], "Confirm your email address")
    ]
    page = client.get("/accounts/email/").content.decode()
    assert "new.address@example.org" in page
    assert "Not confirmed yet" in page


def test_too_many_attempts_get_a_page_in_the_site_layout(client, account):
    for _ in range(4):
        client.post("/accounts/password/reset/", {"email": account.email})

    response = client.post("/accounts/password/reset/", {"email": account.email})

    assert response.status_code == 429
    assert_our_layout(response.content.decode(), "You have tried too many times")
