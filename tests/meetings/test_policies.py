"""Pure rules: booking window, allocation, waiting-list promotion, reminders, codes (issue 7; FP-009)."""

from datetime import UTC, datetime, timedelta

from meetings import policies
from meetings.policies import BookingWindow, Outcome

START = datetime(2026, 3, 29, 18, 30, tzinfo=UTC)


def test_booking_window_states():
    window = policies.booking_window
    assert window(now=START - timedelta(days=1), status="scheduled", starts_at=START) == BookingWindow.OPEN
    assert window(now=START, status="scheduled", starts_at=START) == BookingWindow.CLOSED
    assert (
        window(now=START - timedelta(days=9), status="scheduled", starts_at=START, opens_at=START - timedelta(days=8))
        == BookingWindow.NOT_YET_OPEN
    )
    assert (
        window(now=START - timedelta(days=2), status="scheduled", starts_at=START, closes_at=START - timedelta(days=3))
        == BookingWindow.CLOSED
    )
    assert window(now=START - timedelta(days=1), status="cancelled", starts_at=START) == BookingWindow.CANCELLED
    assert window(now=START - timedelta(days=1), status="held", starts_at=START) == BookingWindow.HELD


def test_allocate_confirms_only_when_every_seat_fits_and_nobody_waits():
    assert policies.allocate(capacity=10, seats_taken=8, seats_wanted=2) == Outcome.CONFIRMED
    assert policies.allocate(capacity=10, seats_taken=9, seats_wanted=2) == Outcome.WAITING
    assert policies.allocate(capacity=10, seats_taken=5, seats_wanted=1, waiting_ahead=1) == Outcome.WAITING
    assert policies.allocate(capacity=10, seats_taken=12, seats_wanted=1) == Outcome.WAITING


def test_promotion_is_strictly_first_in_line():
    assert policies.to_promote(capacity=4, seats_taken=2, queue=[(1, 1), (2, 1), (3, 1)]) == [1, 2]
    assert policies.to_promote(capacity=4, seats_taken=3, queue=[(1, 3), (2, 1)]) == []
    assert policies.to_promote(capacity=4, seats_taken=4, queue=[(1, 1)]) == []


def test_reminder_due_from_its_moment_until_the_start():
    before = timedelta(days=2)
    assert not policies.reminder_due(now=START - before - timedelta(seconds=1), starts_at=START, before=before)
    assert policies.reminder_due(now=START - before, starts_at=START, before=before)
    assert not policies.reminder_due(now=START, starts_at=START, before=before)


def test_booking_codes_avoid_letters_read_wrongly_and_typing_is_forgiven():
    code = policies.new_booking_code()
    assert len(code) == 8 and not set(code) & set("01IO")
    assert policies.normalise_code(" abcd-2345 ") == "ABCD2345"


def test_attendance_rate():
    assert policies.Attendance(booked_seats=3, attended_seats=2, bookings=2, attended_bookings=1).rate == 67
    assert policies.Attendance(booked_seats=0, attended_seats=0, bookings=0, attended_bookings=0).rate == 0


def test_defaults_follow_fp_009():
    assert (policies.PUBLICITY_DAYS, policies.QUESTION_DEADLINE_DAYS) == (14, 8)
    assert (timedelta(days=2), timedelta(hours=2)) == policies.DEFAULT_REMINDERS
