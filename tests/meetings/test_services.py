"""Booking, waiting list, cancellation, reminders, check-in and question triage (issue 7; FP-003, FP-007, FP-011)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutboxMessage
from meetings import exceptions, services
from meetings.models import Adjustment, Booking, MeetingPage, Question
from tests.meetings.factories import BookingFactory, MeetingPageFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def book(meeting, n=0, **kwargs):
    defaults = {"name": f"Resident {n}", "email": f"resident{n}@example.org", "seats": 1}
    return services.book_seat(meeting=meeting, **{**defaults, **kwargs})


def test_booking_is_confirmed_with_a_code_and_an_email_with_signed_link(meeting):
    booking = book(meeting, email="Jo.Bloggs@Example.org")
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.email == "jo.bloggs@example.org"
    assert len(booking.code) == 8
    message = OutboxMessage.objects.get(to="jo.bloggs@example.org")
    assert booking.code in message.subject
    assert services.booking_token(booking) in message.body_text
    assert "/meetings/booking/" in message.body_text and ".ics" in message.body_text


def test_booking_closed_is_refused_in_plain_english(meeting):
    with pytest.raises(exceptions.BookingClosed) as error:
        book(meeting, now=meeting.starts_at + timedelta(minutes=1))
    assert error.value.message.startswith("Booking for this meeting has closed")


def test_booking_before_the_window_opens_says_when_it_opens(meeting):
    meeting.booking_opens_at = meeting.starts_at - timedelta(days=5)
    meeting.save()
    with pytest.raises(exceptions.BookingNotYetOpen) as error:
        book(meeting)
    assert "Booking for this meeting opens on" in error.value.message


def test_cancelled_meeting_takes_no_bookings(meeting):
    meeting.status = MeetingPage.Status.CANCELLED
    meeting.save()
    with pytest.raises(exceptions.MeetingCancelled):
        book(meeting)


def test_too_many_seats_is_refused_next_to_the_seats_field(meeting):
    with pytest.raises(exceptions.TooManySeats) as error:
        book(meeting, seats=5)
    assert error.value.field == "seats"
    assert error.value.message == "You can book between 1 and 4 seats for this meeting."


def test_meeting_full_puts_the_resident_on_the_waiting_list():
    meeting = MeetingPageFactory(capacity=2)
    assert book(meeting, 1, seats=2).status == Booking.Status.CONFIRMED
    waiting = book(meeting, 2)
    assert waiting.status == Booking.Status.WAITING
    assert "waiting list" in OutboxMessage.objects.get(to="resident2@example.org").subject
    assert Booking.objects.seats_taken(meeting) == 2


def test_nobody_jumps_the_waiting_list():
    meeting = MeetingPageFactory(capacity=3)
    book(meeting, 1, seats=2)
    assert book(meeting, 2, seats=2).status == Booking.Status.WAITING
    assert book(meeting, 3, seats=1).status == Booking.Status.WAITING


def test_the_locked_meeting_is_read_afresh_not_from_the_callers_copy():
    """Capacity and the window come from the locked row: a page loaded before an editor cut the seats cannot
    confirm seats that are no longer there (FP-007)."""
    meeting = MeetingPageFactory(capacity=2)
    loaded_earlier = MeetingPage.objects.get(pk=meeting.pk)
    MeetingPage.objects.filter(pk=meeting.pk).update(capacity=1)
    assert services.book_seat(meeting=loaded_earlier, name="A", email="a@example.org").status == "confirmed"
    assert services.book_seat(meeting=loaded_earlier, name="B", email="b@example.org").status == "waiting"


def test_a_booking_costs_the_same_queries_however_many_are_booked():
    meeting = MeetingPageFactory(capacity=5)
    book(meeting, 0)
    with CaptureQueriesContext(connection) as first:
        book(meeting, 1)
    for n in range(2, 30):
        book(meeting, n)
    with CaptureQueriesContext(connection) as later:
        book(meeting, 30)
    assert len(later.captured_queries) == len(first.captured_queries)


def test_duplicate_booking_by_the_same_email_is_refused(meeting):
    book(meeting, email="sam@example.org")
    with pytest.raises(exceptions.AlreadyBooked) as error:
        book(meeting, 2, email="SAM@example.org ")
    assert error.value.field == "email"
    assert "already booked for this meeting" in error.value.message


def test_database_refuses_two_active_bookings_for_one_email(meeting):
    BookingFactory(meeting=meeting, email="twice@example.org")
    with pytest.raises(IntegrityError):
        BookingFactory(meeting=meeting, email="twice@example.org")


def test_a_cancelled_booking_does_not_block_booking_again(meeting):
    first = book(meeting, email="back@example.org")
    services.cancel_booking(booking=first)
    assert book(meeting, email="back@example.org").status == Booking.Status.CONFIRMED


def test_cancellation_promotes_the_first_in_line_and_tells_them():
    meeting = MeetingPageFactory(capacity=1)
    first = book(meeting, 1)
    second = book(meeting, 2)
    third = book(meeting, 3)
    _, promoted = services.cancel_booking(booking=first)
    assert [b.pk for b in promoted] == [second.pk]
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Booking.Status.CONFIRMED and second.confirmed_at
    assert third.status == Booking.Status.WAITING
    assert (
        "A seat came free"
        in OutboxMessage.objects.get(
            to="resident2@example.org", purpose="meeting-booking", subject__startswith="A seat"
        ).subject
    )
    assert OutboxMessage.objects.filter(to="resident1@example.org", subject__startswith="Booking cancelled").exists()


def test_cancelling_twice_says_it_is_already_cancelled(meeting):
    booking = book(meeting)
    services.cancel_booking(booking=booking)
    with pytest.raises(exceptions.BookingAlreadyCancelled) as error:
        services.cancel_booking(booking=booking)
    assert error.value.message == "This booking has already been cancelled."


def test_cancelling_a_waiting_place_promotes_nobody():
    meeting = MeetingPageFactory(capacity=1)
    book(meeting, 1)
    waiting = book(meeting, 2)
    third = book(meeting, 3)
    _, promoted = services.cancel_booking(booking=waiting)
    assert promoted == []
    third.refresh_from_db()
    assert third.status == Booking.Status.WAITING


def test_adjustments_alert_the_organiser(meeting):
    booking = book(meeting, adjustments=[Adjustment.HEARING_LOOP, "nonsense"], adjustments_detail="Front row")
    assert booking.adjustments == ["hearing_loop"]
    alert = OutboxMessage.objects.get(to="organiser@example.org")
    assert "Hearing loop" in alert.body_text and "Front row" in alert.body_text
    assert alert.reply_to == booking.email


def test_no_adjustments_no_organiser_alert(meeting):
    book(meeting)
    assert not OutboxMessage.objects.filter(to="organiser@example.org").exists()


def test_question_sent_with_a_booking_is_recorded_for_triage(meeting):
    booking = book(meeting, question="Why are the streetlights off on Queensway?")
    question = Question.objects.get(booking=booking)
    assert question.status == Question.Status.SUBMITTED


def test_reminders_are_sent_once_even_if_the_task_runs_twice(meeting):
    booking = BookingFactory(meeting=meeting, created_at=meeting.starts_at - timedelta(days=9))
    two_days_before = meeting.starts_at - timedelta(days=2) + timedelta(minutes=5)
    assert services.send_due_reminders(now=two_days_before) == 1
    assert services.send_due_reminders(now=two_days_before) == 0
    two_hours_before = meeting.starts_at - timedelta(hours=2) + timedelta(minutes=5)
    assert services.send_due_reminders(now=two_hours_before) == 1
    assert services.send_due_reminders(now=two_hours_before) == 0
    assert OutboxMessage.objects.filter(to=booking.email, purpose="meeting-reminder").count() == 2


def test_no_reminder_before_it_is_due_or_for_cancelled_and_waiting_bookings(meeting):
    created = meeting.starts_at - timedelta(days=9)
    BookingFactory(meeting=meeting, created_at=created, status=Booking.Status.CANCELLED)
    BookingFactory(meeting=meeting, created_at=created, status=Booking.Status.WAITING)
    assert services.send_due_reminders(now=meeting.starts_at - timedelta(days=3)) == 0
    assert services.send_due_reminders(now=meeting.starts_at - timedelta(hours=1)) == 0


def test_a_late_booking_gets_only_the_reminders_after_it_was_made(meeting):
    BookingFactory(meeting=meeting, created_at=meeting.starts_at - timedelta(days=1))
    assert services.send_due_reminders(now=meeting.starts_at - timedelta(hours=20)) == 0
    assert services.send_due_reminders(now=meeting.starts_at - timedelta(hours=1)) == 1


def test_cancelling_a_meeting_tells_everyone_booked_and_waiting(comms_officer):
    meeting = MeetingPageFactory(capacity=1)
    book(meeting, 1)
    book(meeting, 2)
    cancelled = book(meeting, 3)
    services.cancel_booking(booking=cancelled)
    told = services.cancel_meeting(meeting=meeting, reason="The venue has flooded.", user=comms_officer)
    assert told == 2
    meeting.refresh_from_db()
    assert meeting.status == MeetingPage.Status.CANCELLED
    messages = OutboxMessage.objects.filter(purpose="meeting-cancelled")
    assert sorted(m.to for m in messages) == ["resident1@example.org", "resident2@example.org"]
    assert "The venue has flooded." in messages[0].body_text


def test_check_in_marks_attendance_once_and_counts_it(meeting, comms_officer):
    booking = BookingFactory(meeting=meeting, seats=2)
    BookingFactory(meeting=meeting)
    first = services.check_in(booking=booking, user=comms_officer)
    again = services.check_in(booking=booking, user=comms_officer, now=timezone.now() + timedelta(minutes=5))
    assert again.attended_at == first.attended_at
    figures = Booking.objects.attendance(meeting)
    assert (figures.booked_seats, figures.attended_seats, figures.bookings, figures.attended_bookings) == (3, 2, 2, 1)
    assert figures.rate == 67


def test_waiting_list_bookings_cannot_be_checked_in(meeting, comms_officer):
    booking = BookingFactory(meeting=meeting, status=Booking.Status.WAITING)
    with pytest.raises(exceptions.DomainError) as error:
        services.check_in(booking=booking, user=comms_officer)
    assert "on the waiting list" in error.value.message


def test_find_for_check_in_by_code_or_name(meeting):
    booking = BookingFactory(meeting=meeting, name="Priya Shah", code="ABCD2345")
    assert list(Booking.objects.find_for_check_in(meeting, "abcd 2345")) == [booking]
    assert list(Booking.objects.find_for_check_in(meeting, "shah")) == [booking]
    assert list(Booking.objects.find_for_check_in(meeting, "")) == []


def test_question_on_its_own_and_closed_questions(meeting):
    question = services.ask_question(meeting=meeting, name="Ann", email="ANN@example.org", text=" Litter? ")
    assert (question.email, question.text) == ("ann@example.org", "Litter?")
    with pytest.raises(exceptions.QuestionsClosed):
        services.ask_question(meeting=meeting, name="Ann", email="a@example.org", text="x", now=meeting.starts_at)


def test_triage_accept_merge_decline(meeting, comms_officer):
    original = QuestionFactory(meeting=meeting)
    duplicate = QuestionFactory(meeting=meeting)
    rude = QuestionFactory(meeting=meeting, text="About my neighbour at number 4")
    assert services.accept_question(question=original, user=comms_officer).status == Question.Status.ACCEPTED
    merged = services.merge_question(question=duplicate, into=original, user=comms_officer)
    assert merged.duplicate_of == original
    with pytest.raises(exceptions.TriageError):
        services.merge_question(question=original, into=original, user=comms_officer)
    with pytest.raises(exceptions.TriageError) as error:
        services.decline_question(question=rude, reason=" ", user=comms_officer)
    assert error.value.message == "Give a reason for declining the question."
    declined = services.decline_question(question=rude, reason="It is about one household.", user=comms_officer)
    assert declined.status == Question.Status.DECLINED


def test_answer_publishes_and_follow_up_becomes_you_said_we_did(meeting, comms_officer):
    from partnership.models import YouSaidWeDid

    question = services.accept_question(question=QuestionFactory(meeting=meeting), user=comms_officer)
    answered = services.answer_question(
        question=question,
        answer="The police will run speed checks in March.",
        answered_by="Chief Inspector, Thames Valley Police",
        follow_up="Twelve speed checks on Buckingham Road; 43 drivers stopped.",
        user=comms_officer,
        now=meeting.ends_at,
    )
    assert answered.status == Question.Status.ANSWERED
    item = YouSaidWeDid.objects.get()
    assert item.source == YouSaidWeDid.Source.MEETING and item.source_page_id == meeting.pk
    assert item.you_said == question.text
    assert list(Question.objects.published_for(meeting)) == [answered]


def test_an_unaccepted_question_cannot_be_answered(meeting, comms_officer):
    with pytest.raises(exceptions.TriageError):
        services.answer_question(
            question=QuestionFactory(meeting=meeting), answer="x", answered_by="", user=comms_officer
        )


def test_the_confirmation_email_carries_the_meeting_as_an_ics_file(meeting, django_capture_on_commit_callbacks):
    """The resident can add the meeting to their calendar straight from the confirmation email."""
    from django.core import mail
    from icalendar import Calendar

    with django_capture_on_commit_callbacks(execute=True):
        booking = services.book_seat(meeting=meeting, name="Sam Resident", email="sam@example.org", seats=1)
    message = OutboxMessage.objects.get(purpose="meeting-booking")
    assert [a["filename"] for a in message.attachments] == [f"meeting-{booking.code}.ics"]
    sent = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    filename, content, mimetype = sent.attachments[0]
    assert (filename, mimetype) == (f"meeting-{booking.code}.ics", "text/calendar")
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    assert str(event["summary"]) == meeting.title


def answer(question, user, now, text="The police will run speed checks in March."):
    return services.answer_question(
        question=question, answer=text, answered_by="Chief Inspector, Thames Valley Police", user=user, now=now
    )


def test_the_resident_is_emailed_the_published_answer_once(meeting, comms_officer):
    """Issue 7, 5: when the answer is published after the meeting, the resident who asked is told, once only."""
    question = services.accept_question(
        question=QuestionFactory(meeting=meeting, name="Asha Patel", email="asha@example.org"), user=comms_officer
    )
    answer(question, comms_officer, meeting.ends_at)
    sent = OutboxMessage.objects.get(purpose="meeting-answer")
    assert sent.to == "asha@example.org"
    assert sent.subject == f"The panel's answer to your question: {meeting.title}"
    assert "Dear Asha Patel" in sent.body_text
    assert question.text in sent.body_text and "speed checks in March" in sent.body_text
    assert meeting.full_url in sent.body_text  # where every answer and the minutes are
    question.refresh_from_db()
    assert question.answer_emailed_at == meeting.ends_at

    # Correcting the answer later republishes it on the page but sends nothing more.
    answer(question, comms_officer, meeting.ends_at + timedelta(days=1), text="Speed checks every week in March.")
    assert OutboxMessage.objects.filter(purpose="meeting-answer").count() == 1


def test_residents_whose_questions_were_merged_are_told_too(meeting, comms_officer):
    original = QuestionFactory(meeting=meeting, email="asha@example.org", text="Speeding on Buckingham Road?")
    duplicate = QuestionFactory(meeting=meeting, email="tom@example.org", text="Cars racing on Buckingham Road")
    original = services.accept_question(question=original, user=comms_officer)
    services.merge_question(question=duplicate, into=original, user=comms_officer)
    answer(original, comms_officer, meeting.ends_at)
    sent = {m.to: m for m in OutboxMessage.objects.filter(purpose="meeting-answer")}
    assert set(sent) == {"asha@example.org", "tom@example.org"}
    assert "Cars racing on Buckingham Road" in sent["tom@example.org"].body_text
    assert "answered these questions together" in sent["tom@example.org"].body_text
    assert "Speeding on Buckingham Road?" in sent["tom@example.org"].body_text

    # A question merged after the answer went out is told at once, with the same answer; and only once.
    late = QuestionFactory(meeting=meeting, email="priya@example.org", text="Speed cameras on Buckingham Road?")
    services.merge_question(question=late, into=original, user=comms_officer, now=meeting.ends_at)
    answer(original, comms_officer, meeting.ends_at, text="Speed checks every week in March.")
    told = list(OutboxMessage.objects.filter(purpose="meeting-answer").values_list("to", flat=True))
    assert sorted(told) == ["asha@example.org", "priya@example.org", "tom@example.org"]


def test_someone_who_asked_twice_gets_one_email(meeting, comms_officer):
    first = QuestionFactory(meeting=meeting, email="asha@example.org")
    second = QuestionFactory(meeting=meeting, email="asha@example.org", text="And speeding on Walton Road?")
    first = services.accept_question(question=first, user=comms_officer)
    services.merge_question(question=second, into=first, user=comms_officer)
    answer(first, comms_officer, meeting.ends_at)
    assert OutboxMessage.objects.filter(purpose="meeting-answer").count() == 1
    assert not Question.objects.filter(answer_emailed_at__isnull=True).exists()


def test_answers_are_published_after_the_meeting_only(meeting, comms_officer):
    question = services.accept_question(question=QuestionFactory(meeting=meeting), user=comms_officer)
    with pytest.raises(exceptions.TriageError) as error:
        answer(question, comms_officer, meeting.starts_at - timedelta(minutes=1))
    assert error.value.message.startswith("Answers are published after the meeting.")
    assert not OutboxMessage.objects.filter(purpose="meeting-answer").exists()
    question.refresh_from_db()
    assert question.status == Question.Status.ACCEPTED and question.answer == ""
    # Marked held (say it was brought forward): answers may go up, and the resident is told.
    meeting.status = MeetingPage.Status.HELD
    meeting.save_revision().publish()
    answer(question, comms_officer, meeting.starts_at - timedelta(minutes=1))
    assert OutboxMessage.objects.filter(purpose="meeting-answer").count() == 1
