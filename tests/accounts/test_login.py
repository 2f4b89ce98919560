"""Signing in and out: plain-English errors, allauth's rate limit, sign-out only by POST, staff unaffected."""

import pytest

pytestmark = pytest.mark.django_db

WRONG = "The email address or password is not right. Check them and try again, or reset your password."
TOO_MANY = "You have tried to sign in too many times. Wait 5 minutes and try again, or reset your password."


def sign_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_a_confirmed_account_signs_in_whatever_the_letter_case_and_lands_on_your_account(client, account, password):
    response = sign_in(client, "Venue.Manager@EXAMPLE.org", password)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert int(client.session["_auth_user_id"]) == account.pk


def test_a_wrong_password_gets_the_plain_message_and_an_error_title(client, account):
    response = sign_in(client, account.email, "not-my-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG]
    html = response.content.decode()
    assert "<title>Error: Sign in" in html
    assert 'class="govuk-error-summary"' in html
    assert WRONG in html
    assert "_auth_user_id" not in client.session


def test_an_unknown_email_gets_exactly_the_same_message_as_a_wrong_password(client, account):
    unknown = sign_in(client, "nobody@example.org", "not-my-password")

    assert unknown.context["form"].non_field_errors() == [WRONG]


def test_empty_fields_are_named_in_the_error_summary(client):
    response = client.post("/accounts/login/", {"login": "", "password": ""})

    assert response.context["form"].errors == {
        "login": ["Enter your email address"],
        "password": ["Enter your password"],
    }
    html = response.content.decode()
    assert 'href="#id_login"' in html
    assert 'href="#id_password"' in html


def test_allauths_rate_limit_stops_guessing_after_5_failures_even_with_the_right_password(client, account, password):
    for _ in range(5):
        assert sign_in(client, account.email, "guess").context["form"].non_field_errors() == [WRONG]

    response = sign_in(client, account.email, password)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [TOO_MANY]
    assert "_auth_user_id" not in client.session


def test_the_rate_limit_counts_per_email_address_so_others_can_still_sign_in(client, account, password):
    from tests.accounts.factories import AccountFactory

    other = AccountFactory(email="coordinator@example.org")
    for _ in range(5):
        sign_in(client, account.email, "guess")

    assert sign_in(client, other.email, password).status_code == 302


def test_signing_out_asks_first_on_get_and_happens_only_on_post(client, account):
    client.force_login(account)

    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert b"Are you sure you want to sign out?" in page.content
    assert "_auth_user_id" in client.session  # a GET (a link, a prefetch) never signs anyone out

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_staff_still_sign_in_to_the_admin_at_admin_login_then_prove_the_second_factor(client, demo_site):
    from core.demo.content import DEMO_PASSWORD
    from core.models import User
    from tests.accounts.two_factor import current_code

    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    response = client.post("/admin/login/", {"username": "comms@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/")
    code = current_code(User.objects.get(email="comms@example.org"))
    assert client.post("/admin/two-factor/", {"code": code, "next": "/admin/"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_front_end_pages_that_need_an_account_send_people_to_the_front_end_sign_in(client):
    response = client.get("/accounts/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/"
