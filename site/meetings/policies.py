"""Pure rules for Face the Public meetings: when booking is open, who gets a seat, who is promoted, when to remind.

No ORM and no clock: callers pass the facts and the time (FP-003, FP-007, FP-009).
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

# FP-009: advertise at least 14 days ahead; written questions close 8 days before by default.
PUBLICITY_DAYS = 14
QUESTION_DEADLINE_DAYS = 8
# Issue 7: reminders two days and two hours before the meeting.
DEFAULT_REMINDERS = (timedelta(days=2), timedelta(hours=2))

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud at the door
CODE_LENGTH = 8


class BookingWindow(StrEnum):
    OPEN = "open"
    NOT_YET_OPEN = "not-yet-open"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    HELD = "held"


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"


def booking_window(*, now, status, starts_at, opens_at=None, closes_at=None):
    """Whether residents can book now. Booking closes at `closes_at`, or when the meeting starts."""
    if status == "cancelled":
        return BookingWindow.CANCELLED
    if status == "held":
        return BookingWindow.HELD
    if opens_at and now < opens_at:
        return BookingWindow.NOT_YET_OPEN
    if now >= (closes_at or starts_at):
        return BookingWindow.CLOSED
    return BookingWindow.OPEN


def seats_left(*, capacity, seats_taken):
    return max(capacity - seats_taken, 0)


def allocate(*, capacity, seats_taken, seats_wanted, waiting_ahead=0):
    """A new booking is confirmed when all its seats fit and nobody is already waiting; otherwise it waits.

    Nobody jumps the queue: while someone waits, a seat freed later goes to them first.
    """
    if waiting_ahead == 0 and seats_wanted <= seats_left(capacity=capacity, seats_taken=seats_taken):
        return Outcome.CONFIRMED
    return Outcome.WAITING


def to_promote(*, capacity, seats_taken, queue):
    """Which waiting bookings take freed seats: from the front of the queue, while the first in line fits.

    `queue` is [(booking id, seats)] oldest first. Strict order: a party of three at the front is not passed by a
    single person behind them.
    """
    free = seats_left(capacity=capacity, seats_taken=seats_taken)
    promoted = []
    for booking_id, seats in queue:
        if seats > free:
            break
        promoted.append(booking_id)
        free -= seats
    return promoted


def reminder_due(*, now, starts_at, before):
    """A reminder `before` the start is due from that moment until the meeting starts."""
    return starts_at - before <= now < starts_at


def questions_open(*, now, starts_at, deadline=None):
    return now < (deadline or starts_at)


def new_booking_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw):
    """What people type at the door: spaces, dashes and lower case are forgiven."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


@dataclass(frozen=True)
class Attendance:
    booked_seats: int
    attended_seats: int
    bookings: int
    attended_bookings: int

    @property
    def rate(self):
        """Share of booked seats that turned up, as a whole percentage."""
        return round(100 * self.attended_seats / self.booked_seats) if self.booked_seats else 0
