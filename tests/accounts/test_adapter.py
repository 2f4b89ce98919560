"""allauth's emails leave through the outbox: stored in the transaction, sent after commit, never lost."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import RequestFactory

from accounts.adapter import AccountAdapter, email_purpose
from core.models import OutboxMessage, PartnershipSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def adapter(rf: RequestFactory):
    from allauth.core import context

    request = rf.get("/accounts/signup/")
    with context.request_context(request):
        yield AccountAdapter(request)


def send_confirmation(adapter):
    adapter.send_mail(
        "account/email/email_confirmation_signup",
        "new.coordinator@example.org",
        {"activate_url": "https://example.org/accounts/confirm-email/KEY/", "user": None},
    )


def test_the_purpose_names_the_allauth_email():
    assert email_purpose("account/email/password_reset_key") == "accounts.password_reset_key"


def test_an_allauth_email_is_queued_and_sent_only_after_commit(adapter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_confirmation(adapter)
        message = OutboxMessage.objects.get()
        assert message.status == OutboxMessage.Status.PENDING
        assert mail.outbox == []

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.purpose == "accounts.email_confirmation_signup"
    [sent] = mail.outbox
    assert sent.to == ["new.coordinator@example.org"]
    assert sent.subject == "Confirm your email address to finish creating your account"
    assert "https://example.org/accounts/confirm-email/KEY/" in sent.body
    assert "&amp;" not in sent.body and "&#x27;" not in sent.body  # plain text, never HTML-escaped


def test_a_rolled_back_sign_up_leaves_no_email(adapter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_confirmation(adapter)
        raise RuntimeError("the sign-up failed")

    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_emails_are_signed_with_the_partnerships_name_and_numbers(adapter, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    settings = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "SaferMK"
    settings.non_emergency_number = "101"
    settings.save()

    with django_capture_on_commit_callbacks(execute=True):
        send_confirmation(adapter)

    body = mail.outbox[0].body
    assert "Thank you for creating an account with SaferMK." in body
    assert body.rstrip().splitlines()[-3] == "SaferMK"
    assert "call 101" in body
