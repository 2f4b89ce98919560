"""Resetting a forgotten password: the same answer whether or not an account exists (no enumeration)."""

import pytest

from core.models import OutboxMessage
from tests.accounts.conftest import NEW_PASSWORD, link_in

pytestmark = pytest.mark.django_db


def ask_for_a_reset(client, email):
    return client.post("/accounts/password/reset/", {"email": email})


def test_a_known_and_an_unknown_address_get_the_same_response(client, account, sent_mail):
    known, known_emails = sent_mail(lambda: ask_for_a_reset(client, account.email))
    client.cookies.clear()
    unknown, unknown_emails = sent_mail(lambda: ask_for_a_reset(client, "nobody@example.org"))

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == "/accounts/password/reset/done/"
    done_known = client.get(known["Location"]).content
    done_unknown = client.get(unknown["Location"]).content
    assert done_known == done_unknown
    assert b"If there is an account with that email address" in done_known

    # Only the owner of each address learns anything, in their own inbox.
    assert [(email.to, email.subject) for email in known_emails] == [([account.email], "Reset your password")]
    assert [(email.to, email.subject) for email in unknown_emails] == [
        (["nobody@example.org"], "Someone tried to use this email address with us")
    ]


def test_the_emailed_link_sets_a_new_password_that_then_signs_in(client, account, password, sent_mail):
    _, [email] = sent_mail(lambda: ask_for_a_reset(client, account.email))
    assert OutboxMessage.objects.get(purpose="accounts.password_reset_key").status == OutboxMessage.Status.SENT

    link = link_in(email, "/accounts/password/reset/key/")
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    set_password_url = form_page.redirect_chain[-1][0]

    response, notifications = sent_mail(
        lambda: client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/key/done/"
    assert [message.subject for message in notifications] == ["Your password has been reset"]

    assert client.post("/accounts/login/", {"login": account.email, "password": password}).status_code == 200
    assert client.post("/accounts/login/", {"login": account.email, "password": NEW_PASSWORD}).status_code == 302


def test_a_used_link_says_so_in_plain_english(client, account, sent_mail):
    _, [email] = sent_mail(lambda: ask_for_a_reset(client, account.email))
    link = link_in(email, "/accounts/password/reset/key/")
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert b"This link does not work" in again.content
    assert b"has expired or has already been used" in again.content


def test_asking_again_and_again_for_one_address_is_rate_limited(client, account, sent_mail):
    responses, delivered = [], []
    for _ in range(5):
        response, emails = sent_mail(lambda: ask_for_a_reset(client, account.email))
        responses.append(response.status_code)
        delivered += emails

    assert len(delivered) == 3  # "3/m/key": nobody's inbox is flooded
    assert 429 in responses
