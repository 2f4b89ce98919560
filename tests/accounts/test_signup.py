"""Creating an account: sign up, confirm the email address from the outbox's email, and be signed in (NW-012).

A coordinator or venue registers their own account (NW-012 step 4: "details and password"); the address
must be confirmed before they can sign in, and every email leaves through the outbox.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache

from core.models import OutboxMessage
from tests.accounts.conftest import NEW_PASSWORD, link_in

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Tomasz",
    "last_name": "Nowak",
    "email": "Tomasz.Nowak@Example.org",
    "password1": NEW_PASSWORD,
    "password2": NEW_PASSWORD,
}


def test_nw_012_sign_up_confirm_by_the_emailed_link_then_sign_in(client, sent_mail):
    response, emails = sent_mail(lambda: client.post("/accounts/signup/", SIGNUP))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(email="tomasz.nowak@example.org")
    assert (user.first_name, user.last_name) == ("Tomasz", "Nowak")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # not signed in before the address is confirmed

    [email] = emails
    assert email.to == ["tomasz.nowak@example.org"]
    assert email.subject == "Confirm your email address to finish creating your account"
    outbox = OutboxMessage.objects.get(purpose="accounts.email_confirmation_signup")
    assert outbox.status == OutboxMessage.Status.SENT

    page = client.get("/accounts/confirm-email/")
    assert b"Check your email" in page.content

    confirm_path = link_in(email, "/accounts/confirm-email/")
    confirm_page = client.get(confirm_path)
    assert confirm_page.status_code == 200
    assert b"tomasz.nowak@example.org" in confirm_page.content
    assert not EmailAddress.objects.get(user=user).verified  # opening the link is not enough: press the button

    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert EmailAddress.objects.get(user=user).verified
    assert int(client.session["_auth_user_id"]) == user.pk  # signed in on confirmation

    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": "tomasz.nowak@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert b"Your account" in client.get("/accounts/").content


def test_signing_in_before_confirming_sends_the_link_again_at_most_every_3_minutes(client, sent_mail):
    sent_mail(lambda: client.post("/accounts/signup/", SIGNUP))
    client.cookies.clear()
    sign_in = {"login": SIGNUP["email"], "password": NEW_PASSWORD}

    response, emails = sent_mail(lambda: client.post("/accounts/login/", sign_in))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert emails == []  # the link went out moments ago: no second email yet

    cache.clear()  # three minutes later
    response, emails = sent_mail(lambda: client.post("/accounts/login/", sign_in))
    assert response["Location"] == "/accounts/confirm-email/"
    assert [email.subject for email in emails] == ["Confirm your email address"]


def test_signing_up_again_with_a_taken_address_looks_the_same_and_emails_the_owner(client, account, sent_mail):
    """Enumeration: the form answers the same way; only the address's owner learns about the attempt."""
    response, emails = sent_mail(lambda: client.post("/accounts/signup/", {**SIGNUP, "email": account.email}))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert get_user_model().objects.filter(email=account.email).count() == 1
    [email] = emails
    assert email.to == [account.email]
    assert email.subject == "You already have an account"
    assert "/accounts/password/reset/" in email.body


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "Enter your first name"),
        ({"email": ""}, "email", "Enter your email address"),
        (
            {"email": "tomasz-at-example.org"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"password1": "", "password2": ""}, "password1", "Enter a password"),
        ({"password2": "something-else-entirely"}, "password2", "You must type the same password each time."),
        ({"password1": "short", "password2": "short"}, "password1", "This password is too short."),
    ],
    ids=["no-name", "no-email", "bad-email", "no-password", "passwords-differ", "short-password"],
)
def test_mistakes_are_explained_in_plain_english_next_to_the_field(client, change, field, message):
    response = client.post("/accounts/signup/", {**SIGNUP, **change})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert "<title>Error: Create an account" in html
    assert 'class="govuk-error-summary"' in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert f'id="id_{field}_error"' in html
    assert get_user_model().objects.count() == 0


def test_a_bot_filling_the_hidden_field_is_shown_success_and_nothing_is_made(client, sent_mail):
    response, emails = sent_mail(lambda: client.post("/accounts/signup/", {**SIGNUP, "website": "http://spam"}))

    assert response.status_code == 302
    assert get_user_model().objects.count() == 0
    assert emails == []
