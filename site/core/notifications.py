"""The outbox: every email the site sends goes through here, so none is lost and none is sent twice.

`queue_email` writes an OutboxMessage inside the caller's transaction and asks for it to be sent only after
that transaction commits: a rolled-back booking leaves no message behind, and a committed one always has its
message. `deliver` sends one message while holding its row lock, so two workers can never both send it; a
failure keeps the message pending with a later `next_attempt_at`, backing off until MAX_ATTEMPTS.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


def retry_delay(attempts):
    """How long to wait after the given number of failed tries: 1, 4, 16, 64 minutes ... at most 6 hours."""
    return min(FIRST_RETRY * (4 ** (attempts - 1)), LONGEST_WAIT)


def one_click_unsubscribe(url):
    """The headers that let a mail program show its own Unsubscribe button (RFC 2369 and RFC 8058).

    Large mailbox providers expect them on alerts and newsletters, and may file mail without them as spam. The
    mail program POSTs `List-Unsubscribe=One-Click` to the link with no cookies, so the view behind it must accept
    that POST on the strength of the signed token in the link alone.
    """
    if any(char in url for char in "\r\n<>"):
        raise ValueError("An unsubscribe link cannot hold line breaks or angle brackets.")
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def queue_email(*, to, template, context, purpose, reply_to="", attachments=(), headers=None):
    """Queue an email rendered from `<template>_subject.txt` and `<template>.txt`.

    `attachments` are text files as (filename, mimetype, content), e.g. a meeting's .ics file; they are stored
    with the message so a retry sends exactly what was queued, as are extra `headers` (see one_click_unsubscribe).
    """
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body_text = render_to_string(f"{template}.txt", context)
    message = OutboxMessage.objects.create(
        to=to,
        subject=subject,
        body_text=body_text,
        reply_to=reply_to,
        purpose=purpose,
        attachments=[
            {"filename": filename, "mimetype": mimetype, "content": content}
            for filename, mimetype, content in attachments
        ],
        headers=dict(headers or {}),
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(message_id, run_after=None):
    from core.tasks import send_outbox_message

    try:
        task = send_outbox_message.using(run_after=run_after) if run_after else send_outbox_message
        task.enqueue(message_id)
    except Exception:
        # The queue itself is down: the message is safe in the outbox and the periodic sweep will send it.
        logger.exception("Could not enqueue outbox message %s; the sweep will send it", message_id)


def deliver(message_id, *, now=None):
    """Send one message if it is pending and due. Safe to call any number of times, from any worker."""
    now = now or timezone.now()
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).due(now).filter(pk=message_id).first()
        if message is None:
            return None
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            reply_to=[message.reply_to] if message.reply_to else None,
            headers=message.headers or None,
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        for attachment in message.attachments:
            email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        message.attempts += 1
        try:
            email.send()
        except Exception as exc:
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
                message.next_attempt_at = None
                logger.error("Outbox message %s failed for good: %s", message.pk, message.last_error)
            else:
                message.next_attempt_at = now + retry_delay(message.attempts)
                logger.warning("Outbox message %s will be retried: %s", message.pk, message.last_error)
        else:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = now
            message.next_attempt_at = None
            message.last_error = ""
            status = getattr(email, "anymail_status", None)
            message.provider_message_id = _provider_id(getattr(status, "message_id", None))
        message.save()
    if message.status == OutboxMessage.Status.PENDING:
        transaction.on_commit(lambda: _schedule_retry(message.pk, message.next_attempt_at))
    return message


def _provider_id(message_id):
    """The provider's id as text, whatever shape it came in (a string, a number, a set for several recipients).

    It is recorded after the email has left: if recording it failed, the row would stay pending and the email
    would be sent again.
    """
    if not message_id:
        return ""
    if isinstance(message_id, set | frozenset | list | tuple):
        message_id = " ".join(sorted(str(part) for part in message_id))
    return str(message_id)[:255]


def _schedule_retry(message_id, when):
    from django_tasks import default_task_backend

    if default_task_backend.supports_defer:
        _enqueue(message_id, run_after=when)


def send_due_messages(*, now=None, limit=500):
    """The sweep: send every pending message whose time has come. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for message_id in OutboxMessage.objects.due(now).order_by("created_at").values_list("pk", flat=True)[:limit]:
        message = deliver(message_id, now=now)
        if message is not None and message.status == OutboxMessage.Status.SENT:
            sent += 1
    return sent


def record_delivery_event(*, provider_message_id, event_type):
    """Store the latest delivery event an email provider reported through Anymail's tracking webhook."""
    if provider_message_id:
        OutboxMessage.objects.filter(provider_message_id=provider_message_id).update(delivery_status=event_type)
