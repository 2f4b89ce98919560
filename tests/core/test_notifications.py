"""The outbox: nothing sent for a rolled-back transaction; retried while the provider is down; sent once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from core import notifications
from core.models import OutboxMessage
from core.notifications import deliver, queue_email, send_due_messages

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.core.mail_backends.ProviderDownBackend"


def queue_test_email():
    return queue_email(
        to="resident@example.org",
        template="core/emails/contact_acknowledgement",
        context={"contact": {"name": "Sam", "reference": "C-1234"}, "partnership": None},
        purpose="test",
    )


def test_the_message_is_sent_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_test_email()
        assert len(mail.outbox) == 0  # nothing leaves before commit
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "We have received your message (C-1234)"


def test_nothing_is_sent_for_a_rolled_back_transaction(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_test_email()
        raise RuntimeError("the booking failed")
    assert callbacks == []
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND=FAILING_BACKEND)
def test_while_the_provider_is_down_the_message_stays_queued_and_backs_off(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_test_email()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "provider is down" in message.last_error
    assert message.next_attempt_at > timezone.now()
    # Not due yet: a sweep now leaves it alone.
    assert send_due_messages() == 0
    message.refresh_from_db()
    assert message.attempts == 1


def test_after_recovery_the_message_is_sent_exactly_once(django_capture_on_commit_callbacks):
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue_test_email()
        later = timezone.now() + timedelta(minutes=2)
        assert send_due_messages(now=later) == 0  # retried, still down
    message.refresh_from_db()
    assert message.attempts == 2
    assert mail.outbox == []

    recovered = message.next_attempt_at + timedelta(seconds=1)
    assert send_due_messages(now=recovered) == 1
    assert send_due_messages(now=recovered + timedelta(hours=1)) == 0
    assert deliver(message.pk, now=recovered + timedelta(hours=2)) is None
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 3
    assert message.last_error == ""
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND=FAILING_BACKEND)
def test_a_message_fails_for_good_after_the_last_attempt(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_test_email()
    now = timezone.now()
    for _ in range(notifications.MAX_ATTEMPTS):
        now += notifications.LONGEST_WAIT
        send_due_messages(now=now)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == notifications.MAX_ATTEMPTS
    assert OutboxMessage.objects.due(now + timedelta(days=1)).count() == 0


def test_retry_delays_grow_and_are_capped():
    delays = [notifications.retry_delay(n) for n in range(1, 9)]
    assert delays[0] == timedelta(minutes=1)
    assert delays == sorted(delays)
    assert max(delays) == notifications.LONGEST_WAIT


def test_a_delivery_event_from_the_provider_is_recorded():
    from anymail.signals import AnymailTrackingEvent, tracking

    message = OutboxMessage.objects.create(
        to="a@example.org", subject="s", body_text="b", purpose="t", provider_message_id="esp-123"
    )
    event = AnymailTrackingEvent(event_type="bounced", message_id="esp-123")
    tracking.send(sender=object, event=event, esp_name="Test")
    message.refresh_from_db()
    assert message.delivery_status == "bounced"


@pytest.mark.parametrize(
    ("given", "recorded"),
    [("esp-1", "esp-1"), (42, "42"), ({"b-2", "a-1"}, "a-1 b-2"), (None, ""), ("x" * 300, "x" * 255)],
)
def test_the_providers_id_is_recorded_whatever_its_shape_so_a_sent_email_is_never_sent_again(given, recorded):
    assert notifications._provider_id(given) == recorded


def test_one_click_unsubscribe_headers_leave_with_the_email_and_survive_a_retry(django_capture_on_commit_callbacks):
    """Alerts carry RFC 2369/8058 headers so a mail program can offer its own Unsubscribe button; a retry after the
    provider was down sends exactly the same headers."""
    link = "https://safer.example.org/get-involved/alerts/unsubscribe/abc/"
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND), django_capture_on_commit_callbacks(execute=True):
        message = queue_email(
            to="resident@example.org",
            template="core/emails/contact_acknowledgement",
            context={"contact": {"name": "Sam", "reference": "C-1234"}, "partnership": None},
            purpose="test",
            headers=notifications.one_click_unsubscribe(link),
        )
    assert mail.outbox == []
    deliver(message.pk, now=timezone.now() + timedelta(hours=1))
    sent = mail.outbox[0].message()
    assert sent["List-Unsubscribe"] == f"<{link}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize("link", ["https://a.example/x\r\nBcc: x@example.org", "https://a.example/<x>"])
def test_an_unsubscribe_link_cannot_smuggle_a_header(link):
    with pytest.raises(ValueError):
        notifications.one_click_unsubscribe(link)
