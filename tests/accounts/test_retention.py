"""Sign-ups that never confirm their email address are deleted after 30 days; nobody else is."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core import retention
from tests.accounts.factories import AccountFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_unconfirmed_sign_ups_are_deleted_30_days_after_signing_up_and_no_one_else():
    now = timezone.now()
    old = now - timedelta(days=31)
    recent = now - timedelta(days=29)
    expired = AccountFactory(confirmed_email=False, date_joined=old)
    keep = {
        "recent unconfirmed": AccountFactory(confirmed_email=False, date_joined=recent),
        "confirmed": AccountFactory(date_joined=old),
        "made by an admin, no address record": UserFactory(date_joined=old),
        "staff": StaffFactory(date_joined=old),
    }

    deleted = retention.apply_all(now=now)

    assert deleted["accounts-never-confirmed"] == 2  # the account and its unconfirmed address record
    users = get_user_model().objects
    assert not users.filter(pk=expired.pk).exists()
    for name, user in keep.items():
        assert users.filter(pk=user.pk).exists(), f"{name} must be kept"


def test_the_rule_is_listed_with_the_others_for_the_privacy_notice():
    rule = next(rule for rule in retention.rules() if rule.name == "accounts-never-confirmed")
    assert "30 days" in rule.description
