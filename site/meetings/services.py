"""Every change to a meeting's bookings and questions happens here.

Seats are the scarce thing: `book_seat` and `cancel_booking` lock the meeting row (select_for_update) before
counting confirmed seats, so two residents can never both take the last seat, and a database constraint stops one
email holding two active bookings for one meeting. Emails are queued in the same transaction (core outbox).
"""

import logging

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from core.models import PartnershipSettings
from core.notifications import queue_email
from meetings import exceptions, policies
from meetings.models import Adjustment, Booking, MeetingPage, Question

logger = logging.getLogger(__name__)

# The concurrency test turns this off to show the overbooking the lock prevents; never off in production.
LOCK_MEETING = True

BOOKING_SALT = "meetings.booking"


def booking_token(booking):
    """The signed part of a resident's link to their booking: it names the booking and cannot be guessed."""
    return signing.Signer(salt=BOOKING_SALT).sign(booking.code)


def booking_from_token(token):
    """The booking a signed link points to, or None when the link was altered or the booking is gone."""
    try:
        code = signing.Signer(salt=BOOKING_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Booking.objects.select_related("meeting").filter(code=code).first()


def _site_for(meeting):
    """The site whose tree holds the meeting, read from the page path (not Wagtail's cached site list)."""
    steplen = meeting.steplen
    prefixes = [meeting.path[:end] for end in range(steplen, len(meeting.path) + 1, steplen)]
    return Site.objects.filter(root_page__path__in=prefixes).order_by("-root_page__depth", "-is_default_site").first()


def _email_context(booking):
    meeting = booking.meeting
    token = booking_token(booking)
    parts = meeting.get_url_parts()
    root_url, page_path = (parts[1], parts[2]) if parts else ("", "")
    return {
        "booking": booking,
        "meeting": meeting,
        "meeting_url": f"{root_url}{page_path}",
        "booking_url": f"{root_url}{reverse('meetings:booking', args=[token])}",
        "calendar_url": f"{root_url}{reverse('meetings:booking_ics', args=[token])}",
    }


def _calendar_attachment(booking, context):
    """The meeting as an .ics file, so a confirmed resident can add it to their calendar from the email."""
    from urllib.parse import urlsplit

    from meetings import calendar

    host = urlsplit(context["meeting_url"]).hostname or "localhost"
    body = calendar.meeting_calendar(booking.meeting, host=host, url=context["meeting_url"])
    return (f"meeting-{booking.code}.ics", "text/calendar", body.decode())


def _lock_meeting(meeting):
    queryset = MeetingPage.objects.filter(pk=meeting.pk)
    if LOCK_MEETING:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get()


# What decides a booking, re-read under the lock: the rest of the meeting (title, venue, address) only goes into
# the confirmation email, so the copy the caller loaded serves.
BOOKING_FIELDS = ("status", "starts_at", "booking_opens_at", "booking_closes_at", "capacity", "max_seats_per_booking")


def _lock_meeting_for_booking(meeting):
    """Lock the meeting row and refresh, on `meeting`, the fields that decide whether and how it can be booked."""
    queryset = MeetingPage.objects.filter(pk=meeting.pk)
    if LOCK_MEETING:
        queryset = queryset.select_for_update(of=("self",))
    for name, value in queryset.values(*BOOKING_FIELDS).get().items():
        setattr(meeting, name, value)
    return meeting


def _organiser_email(meeting):
    if meeting.organiser_email:
        return meeting.organiser_email
    site = _site_for(meeting)
    return PartnershipSettings.for_site(site).email if site else ""


def book_seat(
    *,
    meeting,
    name,
    email,
    seats=1,
    phone="",
    adjustments=(),
    adjustments_detail="",
    question="",
    now=None,
):
    """Book seats at a meeting, or join its waiting list when it is full (issue 7; FP-007 advance registration).

    The meeting row is locked before confirmed seats are counted: concurrent bookings queue on that lock, so
    confirmed seats never exceed capacity. Returns the Booking (confirmed or waiting).
    """
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        meeting = _lock_meeting_for_booking(meeting)
        window = meeting.booking_window(now)
        if window == policies.BookingWindow.CANCELLED:
            raise exceptions.MeetingCancelled()
        if window == policies.BookingWindow.NOT_YET_OPEN:
            opens = timezone.localtime(meeting.booking_opens_at)
            raise exceptions.BookingNotYetOpen(
                f"Booking for this meeting opens on {opens:%-d %B %Y} at {opens:%-I:%M%p}.".replace("AM", "am").replace(
                    "PM", "pm"
                )
            )
        if window != policies.BookingWindow.OPEN:
            raise exceptions.BookingClosed()
        if not 1 <= seats <= meeting.max_seats_per_booking:
            raise exceptions.TooManySeats(
                f"You can book between 1 and {meeting.max_seats_per_booking} seats for this meeting.", field="seats"
            )
        counts = Booking.objects.counts_for_booking(meeting, email)
        if counts.already_booked:
            raise exceptions.AlreadyBooked(field="email")
        outcome = policies.allocate(
            capacity=meeting.capacity,
            seats_taken=counts.seats_taken,
            seats_wanted=seats,
            waiting_ahead=counts.waiting,
        )
        confirmed = outcome == policies.Outcome.CONFIRMED
        # No savepoint of its own: the error leaves this transaction block at once, which rolls it back.
        try:
            booking = Booking.objects.create(
                meeting=meeting,
                code=policies.new_booking_code(),
                status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITING,
                name=name.strip(),
                email=email,
                phone=phone.strip(),
                seats=seats,
                adjustments=[a for a in adjustments if a in Adjustment.values],
                adjustments_detail=adjustments_detail.strip(),
                created_at=now,
                confirmed_at=now if confirmed else None,
            )
        except IntegrityError as exc:  # the same email won a concurrent race without the lock
            raise exceptions.AlreadyBooked(field="email") from exc
        if question.strip():
            Question.objects.create(
                meeting=meeting, booking=booking, name=booking.name, email=email, text=question.strip(), created_at=now
            )
        context = _email_context(booking)
        queue_email(
            to=email,
            template="meetings/emails/booking_confirmed" if confirmed else "meetings/emails/booking_waiting",
            context=context,
            purpose="meeting-booking",
            attachments=[_calendar_attachment(booking, context)] if confirmed else [],
        )
        if booking.adjustments or booking.adjustments_detail:
            _alert_organiser(booking, context)
    return booking


def _alert_organiser(booking, context):
    to = _organiser_email(booking.meeting)
    if not to:
        logger.warning(
            "No organiser email for meeting %s: adjustments for %s not sent", booking.meeting_id, booking.code
        )
        return
    queue_email(
        to=to,
        template="meetings/emails/organiser_adjustments",
        context=context,
        purpose="meeting-adjustments",
        reply_to=booking.email,
    )


def cancel_booking(*, booking, now=None):
    """A resident gives up their seats (or waiting place); freed seats go to the front of the waiting list in
    the same transaction, and those promoted are told."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock_meeting(booking.meeting)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            raise exceptions.BookingAlreadyCancelled()
        if meeting.starts_at <= now:
            raise exceptions.BookingClosed("This meeting has already started, so the booking cannot be cancelled.")
        was_confirmed = booking.status == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        booking.meeting = meeting
        queue_email(
            to=booking.email,
            template="meetings/emails/booking_cancelled",
            context=_email_context(booking),
            purpose="meeting-booking",
        )
        promoted = _promote_waiting(meeting, now) if was_confirmed else []
    return booking, promoted


def _promote_waiting(meeting, now):
    queue = list(Booking.objects.filter(meeting=meeting).waiting().values_list("pk", "seats"))
    ids = policies.to_promote(capacity=meeting.capacity, seats_taken=Booking.objects.seats_taken(meeting), queue=queue)
    promoted = list(Booking.objects.filter(pk__in=ids).order_by("created_at", "pk"))
    for booking in promoted:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.save(update_fields=["status", "confirmed_at"])
        booking.meeting = meeting
        queue_email(
            to=booking.email,
            template="meetings/emails/booking_promoted",
            context=_email_context(booking),
            purpose="meeting-booking",
        )
    return promoted


def cancel_meeting(*, meeting, reason, user, now=None):
    """Call a meeting off: it is published as cancelled and everyone booked or waiting is told (issue 7, 6)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock_meeting(meeting).specific
        if meeting.status == MeetingPage.Status.CANCELLED:
            raise exceptions.MeetingCancelled("This meeting is already cancelled.")
        meeting.status = MeetingPage.Status.CANCELLED
        meeting.cancellation_reason = reason.strip()
        # Who may cancel is the `meetings.cancel_meeting` rule, checked by the caller; the new status is published
        # as a revision so an editor's older draft cannot bring the meeting back by accident.
        meeting.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        bookings = list(Booking.objects.filter(meeting=meeting).active())
        for booking in bookings:
            booking.meeting = meeting
            queue_email(
                to=booking.email,
                template="meetings/emails/meeting_cancelled",
                context=_email_context(booking),
                purpose="meeting-cancelled",
            )
    return len(bookings)


REMINDERS = (
    ("first_reminder_sent_at", policies.DEFAULT_REMINDERS[0]),
    ("second_reminder_sent_at", policies.DEFAULT_REMINDERS[1]),
)


def send_due_reminders(*, now=None):
    """Queue each due reminder once. Bookings are locked (skipping any another worker holds) and their sent-at
    field set in the transaction that queues the email, so running this twice, or twice at once, sends one.

    A booking made after a reminder's moment does not get that reminder: its confirmation is more recent.
    """
    now = now or timezone.now()
    sent = 0
    for field, before in reversed(REMINDERS):
        with transaction.atomic():
            due = (
                Booking.objects.select_for_update(of=("self",), skip_locked=True)
                .select_related("meeting")
                .filter(
                    status=Booking.Status.CONFIRMED,
                    meeting__status=MeetingPage.Status.SCHEDULED,
                    meeting__starts_at__gt=now,
                    meeting__starts_at__lte=now + before,
                    created_at__lte=F("meeting__starts_at") - before,
                    **{f"{field}__isnull": True},
                )
            )
            for booking in due:
                updates = {field: now}
                if field == "second_reminder_sent_at" and booking.first_reminder_sent_at is None:
                    updates["first_reminder_sent_at"] = now  # one reminder is enough this close to the start
                Booking.objects.filter(pk=booking.pk).update(**updates)
                queue_email(
                    to=booking.email,
                    template="meetings/emails/reminder",
                    context=_email_context(booking),
                    purpose="meeting-reminder",
                )
                sent += 1
    return sent


def check_in(*, booking, user, now=None):
    """Mark a confirmed booking as arrived at the door. Scanning twice is harmless: the first time stands."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != Booking.Status.CONFIRMED:
            raise exceptions.DomainError(
                f"Booking {booking.code} is {booking.get_status_display().lower()}, so it cannot be checked in."
            )
        if booking.attended_at is None:
            booking.attended_at = now
            booking.checked_in_by = user
            booking.save(update_fields=["attended_at", "checked_in_by"])
    return booking


def ask_question(*, meeting, name, email, text, now=None):
    """A question for the panel sent without booking a seat (FP-008 advance questions)."""
    now = now or timezone.now()
    meeting = meeting.specific if hasattr(meeting, "specific") else meeting
    if not meeting.questions_open(now):
        raise exceptions.QuestionsClosed()
    with transaction.atomic():
        return Question.objects.create(
            meeting=meeting, name=name.strip(), email=email.strip().lower(), text=text.strip(), created_at=now
        )


def _triage(question, user, now, **changes):
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        for key, value in changes.items():
            setattr(question, key, value)
        question.triaged_at = now or timezone.now()
        question.triaged_by = user
        question.save()
    return question


def accept_question(*, question, user, priority=None, now=None):
    """Staff put a question to the panel, optionally linking it to one of the partnership's priorities."""
    if question.status not in (Question.Status.SUBMITTED, Question.Status.DECLINED):
        raise exceptions.TriageError("Only questions waiting for triage or declined can be accepted.")
    return _triage(question, user, now, status=Question.Status.ACCEPTED, priority=priority or question.priority)


def merge_question(*, question, into, user, now=None):
    """Several residents asked the same thing: one question is put, and the others point to it."""
    if into.pk == question.pk or into.meeting_id != question.meeting_id:
        raise exceptions.TriageError("Merge a question into a different question for the same meeting.")
    if into.status == Question.Status.MERGED:
        raise exceptions.TriageError("Merge into the original question, not into one already merged.")
    with transaction.atomic():
        merged = _triage(question, user, now, status=Question.Status.MERGED, duplicate_of=into)
        into = Question.objects.select_for_update().select_related("meeting").get(pk=into.pk)
        if into.status == Question.Status.ANSWERED:
            # Merged after the answer went out: this resident is told now, with the same answer.
            _tell_askers(into, [merged], now or timezone.now())
    return merged


def decline_question(*, question, reason, user, now=None):
    """A question the panel will not take (abusive, about one person's case, ...): the reason is recorded."""
    if not reason.strip():
        raise exceptions.TriageError("Give a reason for declining the question.", field="reason")
    return _triage(question, user, now, status=Question.Status.DECLINED, decline_reason=reason.strip())


def answer_question(*, question, answer, answered_by, user, follow_up="", now=None):
    """Publish the panel's answer once the meeting has taken place; a promised follow-up becomes a "You said, we
    did" item (FP-011). The resident who asked, and everyone whose question was merged into it, is emailed the
    answer once (issue 7, 5)."""
    from partnership.models import YouSaidWeDid
    from partnership.services import record_you_said_we_did

    now = now or timezone.now()
    if question.status not in (Question.Status.ACCEPTED, Question.Status.ANSWERED):
        raise exceptions.TriageError("Accept a question before publishing its answer.")
    if not answer.strip():
        raise exceptions.TriageError("Write the panel's answer.", field="answer")
    with transaction.atomic():
        question = Question.objects.select_for_update().select_related("meeting").get(pk=question.pk)
        meeting = question.meeting
        if meeting.status == MeetingPage.Status.SCHEDULED and meeting.starts_at > now:
            raise exceptions.TriageError(
                "Answers are published after the meeting. Come back once it has started, or mark it held."
            )
        question.status = Question.Status.ANSWERED
        question.answer = answer.strip()
        question.answered_by = answered_by.strip()
        if follow_up.strip() and question.follow_up_id is None:
            question.follow_up = record_you_said_we_did(
                you_said=question.text,
                we_did=follow_up.strip(),
                date=timezone.localdate(now),
                source=YouSaidWeDid.Source.MEETING,
                source_page=question.meeting,
                source_reference=f"Question {question.pk}",
                priority=question.priority,
                wards=list(question.meeting.wards.all()),
            )
        question.triaged_by = user
        question.triaged_at = question.triaged_at or now
        question.save()
        merged = Question.objects.select_for_update().filter(duplicate_of=question, status=Question.Status.MERGED)
        _tell_askers(question, [question, *merged], now)
    return question


def _tell_askers(answered, askers, now):
    """Email each resident who asked (`askers`: the answered question and those merged into it) that the panel's
    answer is published, once: a question already told is skipped, so correcting an answer sends nothing more.
    Someone who asked twice gets one email. Runs inside the caller's transaction with the questions locked."""
    parts = answered.meeting.get_url_parts()
    meeting_url = f"{parts[1]}{parts[2]}" if parts else ""
    told = set()
    for asked in askers:
        if asked.answer_emailed_at is not None:
            continue
        if asked.email not in told:
            queue_email(
                to=asked.email,
                template="meetings/emails/question_answered",
                context={
                    "asked": asked,
                    "question": answered,
                    "meeting": answered.meeting,
                    "meeting_url": meeting_url,
                    "merged": asked.pk != answered.pk,
                },
                purpose="meeting-answer",
            )
            told.add(asked.email)
        Question.objects.filter(pk=asked.pk).update(answer_emailed_at=now)
        asked.answer_emailed_at = now
    return len(told)
