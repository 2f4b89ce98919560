"""Twenty identical posts at once create one record; without the receipt's unique token they create many.

PostgreSQL only: SQLite serialises every writer, so it cannot show the race.
"""

import threading

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from core.models import ContactMessage, SubmissionReceipt
from core.protection import issue_token, submit_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONCURRENT_POSTS = 20


@override_settings(PUBLIC_FORM_RATE_LIMITS={"ip": (1000, 3600), "email": (1000, 3600)})
def test_twenty_identical_concurrent_posts_create_one_record(together, demo_site):
    cache.clear()
    data = {
        "name": "Sam Resident",
        "email": "sam@example.org",
        "postcode": "MK9 3EJ",
        "message": "Cars race along the estate road every night.",
        "website": "",
        "submission_token": issue_token("contact"),
    }
    responses = together(CONCURRENT_POSTS, lambda _i: Client().post(reverse("core:contact"), data))
    assert all(getattr(r, "status_code", r) == 302 for r in responses), responses
    assert ContactMessage.objects.count() == 1
    assert SubmissionReceipt.objects.count() == 1


def test_the_race_exists_without_the_unique_receipt(together, db):
    """Check-then-create, as a form without a receipt would do it: every post sees no record and makes one."""
    checked = threading.Barrier(CONCURRENT_POSTS)

    def naive_submit(_i):
        exists = ContactMessage.objects.filter(email="sam@example.org").exists()
        checked.wait(timeout=10)
        if not exists:
            ContactMessage.objects.create(name="Sam", email="sam@example.org", message="m")

    together(CONCURRENT_POSTS, naive_submit)
    assert ContactMessage.objects.count() == CONCURRENT_POSTS


def test_with_the_unique_receipt_the_same_race_creates_one(together, db):
    def guarded_submit(_i):
        return submit_once(
            token="same-token",
            form_name="contact",
            create=lambda: ContactMessage.objects.create(name="Sam", email="sam@example.org", message="m"),
        )

    results = together(CONCURRENT_POSTS, guarded_submit)
    assert ContactMessage.objects.count() == 1
    assert sum(1 for _record, created in results if created) == 1
    assert len({record.pk for record, _created in results}) == 1
