"""What residents' submissions survive: a failing mail provider, a stopped task worker, a database error.

Issue 11, "Failure tests": with the mail provider failing for 100 submissions, 100 are stored and 100 sent after
recovery with 0 duplicates; with the task worker stopped nothing is lost and work resumes; a database error
mid-submission leaves no half record. Each test drives the real public contact form (core.views.ContactView),
whose service stores the message and queues two emails through the outbox (core.notifications): the partnership's
copy and the resident's acknowledgement.
"""

from collections import Counter
from datetime import timedelta
from unittest import mock

import pytest
from anymail.backends.test import EmailBackend as AnymailTestBackend
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend
from freezegun import freeze_time

from core.models import ContactMessage, OutboxMessage, SubmissionReceipt
from core.protection import issue_token

pytestmark = pytest.mark.django_db

SUBMISSIONS = 100
WORKING_PROVIDER = "tests.trust.test_failures.ProviderUp"


class ProviderDown(BaseEmailBackend):
    """An email provider that cannot be reached: every send raises, as Anymail does when the API is down."""

    attempts = 0

    def send_messages(self, email_messages):
        ProviderDown.attempts += len(email_messages)
        raise ConnectionError("the email provider did not answer")


class ProviderUp(AnymailTestBackend):
    """A working provider. Anymail's test backend numbers messages (0, 1, 2 ...); real providers answer with a
    text id, which the outbox stores, so this one does too."""

    def get_esp_message_id(self, message):
        return f"test-{super().get_esp_message_id(message)}"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    ProviderDown.attempts = 0
    yield
    cache.clear()


def contact_form_data(number):
    return {
        "name": f"Resident {number}",
        "email": f"resident{number}@example.org",
        "postcode": "MK9 3EJ",
        "message": f"Motorbikes on the redway behind the shops, night {number}.",
        "website": "",
        "submission_token": issue_token("contact"),
    }


def submit(number, capture):
    """One resident sends the contact form from their own address; the request's transaction then commits."""
    client = Client(REMOTE_ADDR=f"10.0.{number // 250}.{number % 250 + 1}")
    with capture(execute=True):
        response = client.post(reverse("core:contact"), contact_form_data(number))
    assert response.status_code == 302, response
    return response


def acknowledgements():
    return [message for message in mail.outbox if message.subject and "resident" in message.to[0]]


def test_with_the_mail_provider_failing_100_submissions_are_kept_and_each_sent_once_on_recovery(
    demo_site, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.trust.test_failures.ProviderDown"
    mail.outbox = []
    for number in range(SUBMISSIONS):
        submit(number, django_capture_on_commit_callbacks)

    # Stored: every message, and both of its emails, waiting in the outbox for a later try.
    assert ContactMessage.objects.count() == SUBMISSIONS
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 2 * SUBMISSIONS
    assert ProviderDown.attempts == 2 * SUBMISSIONS  # each was tried once, at once, and failed
    assert not mail.outbox
    assert all(message.next_attempt_at > timezone.now() for message in OutboxMessage.objects.all())

    # The provider recovers; the sweep (cron: manage.py send_outbox) runs after the back-off, then again.
    settings.EMAIL_BACKEND = WORKING_PROVIDER
    with freeze_time(timezone.now() + timedelta(minutes=2)):
        call_command("send_outbox")
        call_command("send_outbox")
        # A late task for the same messages (the retry a queue would have run) sends nothing again.
        from core.notifications import deliver

        for pk in OutboxMessage.objects.values_list("pk", flat=True):
            deliver(pk)

    sent_to_residents = Counter(message.to[0] for message in acknowledgements())
    assert len(sent_to_residents) == SUBMISSIONS  # 100 residents heard back
    assert set(sent_to_residents.values()) == {1}  # 0 duplicates
    assert len(mail.outbox) == 2 * SUBMISSIONS  # and the partnership got each message once
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2 * SUBMISSIONS
    print(
        f"{SUBMISSIONS} submissions: {ContactMessage.objects.count()} stored, {len(sent_to_residents)} sent after recovery, "
        f"{sum(sent_to_residents.values()) - len(sent_to_residents)} duplicates"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker commits and closes connections
def test_with_the_task_worker_stopped_nothing_is_lost_and_the_worker_picks_the_work_up(
    demo_site, settings, django_capture_on_commit_callbacks
):
    """The database task queue with no worker running: the emails wait as tasks; a worker started later sends them."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    # (django_tasks rebuilds its backends when TASKS changes, and again when the test puts it back)
    mail.outbox = []
    for number in range(10):
        submit(number, django_capture_on_commit_callbacks)

    assert ContactMessage.objects.count() == 10
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 20
    assert DBTaskResult.objects.filter(status="READY").count() == 20
    assert not mail.outbox

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default")

    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 20
    assert len(mail.outbox) == 20
    assert len({message.to[0] for message in acknowledgements()}) == 10
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_with_the_task_queue_unreachable_the_outbox_sweep_still_sends_everything(
    demo_site, django_capture_on_commit_callbacks
):
    """Enqueueing itself fails (Redis down): the submission still succeeds and the sweep sends its emails once."""
    mail.outbox = []
    queue_down = ConnectionError("the task queue did not answer")
    with mock.patch.object(ImmediateBackend, "enqueue", side_effect=queue_down) as enqueue:
        for number in range(5):
            submit(number, django_capture_on_commit_callbacks)

    assert enqueue.call_count == 10  # each email was offered to the queue, which was down
    assert ContactMessage.objects.count() == 5
    assert not mail.outbox
    call_command("send_outbox")
    call_command("send_outbox")
    assert len(mail.outbox) == 10
    assert Counter(message.to[0] for message in acknowledgements()).most_common(1)[0][1] == 1


def test_a_database_error_mid_submission_leaves_no_half_record(demo_site, django_capture_on_commit_callbacks):
    """The message is stored and the partnership's email queued, then the database fails on the acknowledgement."""
    real_create = OutboxMessage.objects.create
    calls = {"count": 0}

    def fail_on_the_second_email(**kwargs):
        calls["count"] += 1
        if calls["count"] == 2:
            raise OperationalError("could not write to the database: the disk is full")
        return real_create(**kwargs)

    data = contact_form_data(1)
    client = Client(raise_request_exception=False)
    mail.outbox = []
    with (
        mock.patch.object(OutboxMessage.objects, "create", side_effect=fail_on_the_second_email),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client.post(reverse("core:contact"), data)

    assert response.status_code == 500
    assert calls["count"] == 2  # the failure really came after the first writes
    assert ContactMessage.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert SubmissionReceipt.objects.count() == 0  # so the same form can be sent again
    assert not callbacks and not mail.outbox  # no email or task for work that never committed

    with django_capture_on_commit_callbacks(execute=True):
        retry = client.post(reverse("core:contact"), data)
    assert retry.status_code == 302
    assert ContactMessage.objects.count() == 1
    assert OutboxMessage.objects.count() == 2
    assert len(mail.outbox) == 2
