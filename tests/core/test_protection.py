"""Public-form protection, shown on the contact form: honeypot, rate limits, one record per submission."""

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from core.models import ContactMessage, SubmissionReceipt
from core.protection import issue_token, submit_once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def contact_post(**overrides):
    data = {
        "name": "Sam Resident",
        "email": "sam@example.org",
        "postcode": "mk9 3ej",
        "message": "The street lights on Silbury Boulevard have been out for a week.",
        "website": "",
        "submission_token": issue_token("contact"),
    }
    data.update(overrides)
    return data


def test_a_message_is_stored_and_the_resident_sees_a_reference(client, demo_site):
    response = client.post(reverse("core:contact"), contact_post(), follow=True)
    message = ContactMessage.objects.get()
    assert response.status_code == 200
    assert message.reference in response.content.decode()
    assert "Postcode: MK9 3EJ" in message.message


def test_posting_the_same_form_twice_creates_one_record(client, demo_site):
    data = contact_post()
    first = client.post(reverse("core:contact"), data)
    second = client.post(reverse("core:contact"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ContactMessage.objects.count() == 1
    assert SubmissionReceipt.objects.count() == 1


def test_the_honeypot_rejects_automated_posts_with_a_clear_message(client, demo_site):
    response = client.post(reverse("core:contact"), contact_post(website="http://spam.example"))
    assert response.status_code == 200
    assert "looked automated" in response.content.decode()
    assert ContactMessage.objects.count() == 0


@override_settings(PUBLIC_FORM_RATE_LIMITS={"ip": (3, 3600), "email": (100, 3600)})
def test_the_rate_limit_per_ip_address_rejects_with_a_clear_message(client, demo_site):
    for n in range(3):
        assert client.post(reverse("core:contact"), contact_post(email=f"r{n}@example.org")).status_code == 302
    response = client.post(reverse("core:contact"), contact_post(email="r9@example.org"))
    assert response.status_code == 429
    assert "too many times" in response.content.decode()
    assert ContactMessage.objects.count() == 3


@override_settings(PUBLIC_FORM_RATE_LIMITS={"ip": (100, 3600), "email": (2, 3600)})
def test_the_rate_limit_per_email_address_counts_across_addresses(client, demo_site):
    for ip in ("10.0.0.1", "10.0.0.2"):
        client.post(reverse("core:contact"), contact_post(), REMOTE_ADDR=ip)
    response = client.post(reverse("core:contact"), contact_post(email="SAM@example.org"), REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 429
    assert ContactMessage.objects.count() == 2


def test_a_malformed_postcode_gets_a_plain_english_error_next_to_the_field(client, demo_site):
    response = client.post(reverse("core:contact"), contact_post(postcode="MK9"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter your full postcode, like MK9 3EJ, not just the first part." in body
    assert 'href="#id_postcode"' in body  # the error summary links to the field
    assert ContactMessage.objects.count() == 0


def test_required_fields_say_what_to_enter(client, demo_site):
    body = client.post(reverse("core:contact"), contact_post(name="", message="")).content.decode()
    assert "Enter your name" in body
    assert "Enter your message" in body


def test_a_tampered_token_is_refused_and_a_fresh_one_offered(client, demo_site):
    response = client.post(reverse("core:contact"), contact_post(submission_token="forged"))
    assert "Something went wrong with this form" in response.content.decode()
    fresh = response.context["form"]["submission_token"].value()
    assert fresh != "forged"
    signing.loads(fresh, salt="submission:contact")  # a valid token the resident can send the corrected form with


def test_a_token_from_another_form_is_refused(client, demo_site):
    response = client.post(reverse("core:contact"), contact_post(submission_token=issue_token("booking")))
    assert response.status_code == 200
    assert ContactMessage.objects.count() == 0


def test_submit_once_runs_the_work_once_per_token(db):
    calls = []

    def create():
        calls.append(1)
        return ContactMessage.objects.create(name="A", email="a@example.org", message="m")

    first, created = submit_once(token="t1", form_name="contact", create=create)
    again, created_again = submit_once(token="t1", form_name="contact", create=create)
    assert created and not created_again
    assert again == first
    assert len(calls) == 1


def test_a_failed_submission_leaves_the_token_free_to_try_again(db):
    def fail():
        raise ValueError("no seats")

    with pytest.raises(ValueError):
        submit_once(token="t2", form_name="contact", create=fail)
    assert not SubmissionReceipt.objects.filter(token="t2").exists()
