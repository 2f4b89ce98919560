"""Pure rules for Face the Public meetings: when booking is open, who gets a seat, who is promoted, when to remind.

No ORM and no clock: callers pass the facts and the time (FP-003, FP-007, FP-009).
"""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
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
class BookingCounts:
    """A meeting's bookings as a new booking sees them: seats confirmed, bookings waiting, and whether the
    resident booking already holds an active booking."""

    seats_taken: int
    waiting: int
    already_booked: bool


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


# FP-003 (reg 12(4)(a) SI 2007/1830): one or more Face the Public meetings in each year. The partnership reports
# April to March, like its plan and the case review statistics (CT-016).
REPORTING_YEAR_START_MONTH = 4


@dataclass(frozen=True)
class ReportingYear:
    start: date  # first day
    end: date  # first day of the next reporting year

    @property
    def label(self):
        last = self.end - timedelta(days=1)
        return f"{self.start:%B %Y} to {last:%B %Y}"


def reporting_year(day, start_month=REPORTING_YEAR_START_MONTH):
    """The reporting year holding `day`."""
    year = day.year if day.month >= start_month else day.year - 1
    return ReportingYear(start=date(year, start_month, 1), end=date(year + 1, start_month, 1))


class YearCheck(StrEnum):
    """Where the reporting year stands against FP-003, best first."""

    HELD = "held"  # a meeting this year is marked held: the duty is met
    TO_CONFIRM = "to-confirm"  # a meeting's time has passed but nobody has marked it held yet
    SCHEDULED = "scheduled"  # a meeting is coming up later this year
    MISSING = "missing"  # nothing held or planned: the partnership is not meeting FP-003


@dataclass(frozen=True)
class AccountabilityCheck:
    year: ReportingYear
    outcome: YearCheck
    meeting_id: int | None = None  # the meeting the outcome rests on
    days_left: int = 0

    @property
    def met(self):
        return self.outcome != YearCheck.MISSING


def accountability_check(*, today, now, meetings, start_month=REPORTING_YEAR_START_MONTH):
    """Whether this reporting year has a Face the Public meeting held or scheduled (FP-003).

    `meetings` are (id, starts_at, ends_at, status) for the live meetings starting in the year; `today` is the
    local date and `now` the moment. Cancelled meetings do not count. A meeting whose end has passed but is still
    marked scheduled counts only as "to confirm": the duty is to hold the meeting, and the page says it is held
    once the minutes are in.
    """
    year = reporting_year(today, start_month)
    days_left = (year.end - today).days
    best = None
    rank = {YearCheck.HELD: 0, YearCheck.TO_CONFIRM: 1, YearCheck.SCHEDULED: 2}
    for meeting_id, _starts_at, ends_at, status in sorted(meetings, key=lambda row: row[1]):
        if status == "held":
            outcome = YearCheck.HELD
        elif status == "scheduled":
            outcome = YearCheck.TO_CONFIRM if ends_at < now else YearCheck.SCHEDULED
        else:
            continue
        if best is None or rank[outcome] < rank[best[0]]:
            best = (outcome, meeting_id)
    if best is None:
        return AccountabilityCheck(year=year, outcome=YearCheck.MISSING, days_left=days_left)
    return AccountabilityCheck(year=year, outcome=best[0], meeting_id=best[1], days_left=days_left)
