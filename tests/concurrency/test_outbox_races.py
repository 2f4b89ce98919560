"""Two workers picking up the same outbox message at once send it once (PostgreSQL row locks)."""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings

from core.models import OutboxMessage
from core.notifications import deliver

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORKERS = 6
sends = []
_sends_lock = threading.Lock()


class SlowProviderBackend(EmailBackend):
    """A provider that takes a moment to answer, so concurrent workers overlap."""

    def send_messages(self, messages):
        time.sleep(0.3)
        with _sends_lock:
            sends.extend(messages)
        return len(messages)


@pytest.fixture(autouse=True)
def reset_sends():
    sends.clear()
    mail.outbox = []


@override_settings(EMAIL_BACKEND="tests.concurrency.test_outbox_races.SlowProviderBackend")
def test_concurrent_workers_send_a_message_once(together):
    message = OutboxMessage.objects.create(to="a@example.org", subject="s", body_text="b", purpose="test")
    together(WORKERS, lambda _i: deliver(message.pk))
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 1
    assert len(sends) == 1


@override_settings(EMAIL_BACKEND="tests.concurrency.test_outbox_races.SlowProviderBackend")
def test_without_the_row_lock_concurrent_workers_send_it_again_and_again(together):
    """The race the lock prevents: read 'pending', send, then mark sent, with nothing held in between."""
    from django.core.mail import EmailMessage

    message = OutboxMessage.objects.create(to="a@example.org", subject="s", body_text="b", purpose="test")

    def unlocked_deliver(_i):
        pending = OutboxMessage.objects.filter(pk=message.pk, status="pending").first()
        if pending:
            EmailMessage(pending.subject, pending.body_text, to=[pending.to]).send()
            OutboxMessage.objects.filter(pk=pending.pk).update(status="sent")

    together(WORKERS, unlocked_deliver)
    assert len(sends) == WORKERS
