"""Accounts made outside the sign-up form (demo data, admins) can sign in once their address is confirmed."""

import pytest
from allauth.account.models import EmailAddress

from accounts.services import mark_email_confirmed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_confirmed_account_made_by_code_signs_in_straight_away(client):
    user = UserFactory(email="demo.venue@example.org")
    assert (
        client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})["Location"]
        == "/accounts/confirm-email/"
    )  # held until the address is confirmed

    mark_email_confirmed(user=user)

    response = client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    assert response["Location"] == "/accounts/"


def test_confirming_twice_or_after_signing_up_keeps_one_confirmed_primary_address():
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=False)

    mark_email_confirmed(user=user)
    mark_email_confirmed(user=user)

    [address] = EmailAddress.objects.filter(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)
