"""A booking surge on PostgreSQL: 500 requests for 100 seats (issue 7 acceptance; DESIGN section 4).

Forty worker threads, each with its own database connection as a web worker would have, take the 500 requests
from a queue. With the meeting row locked before counting, exactly 100 are confirmed and 400 wait; with the lock
switched off, the same surge confirms more than 100 (the control shows the test can fail).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from meetings import services
from meetings.models import Booking
from tests.meetings.factories import MeetingPageFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REQUESTS = 500
SEATS = 100
WORKERS = 40


def surge(meeting, requests=REQUESTS, email=lambda i: f"resident{i}@example.org"):
    def book(i):
        try:
            return services.book_seat(meeting=meeting, name=f"Resident {i}", email=email(i)).status
        except Exception as exc:  # counted, never hidden
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(book, range(requests)))


def test_500_requests_for_100_seats_confirm_exactly_100(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = MeetingPageFactory(capacity=SEATS, max_seats_per_booking=1)
    results = surge(meeting)
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert results.count(Booking.Status.CONFIRMED) == SEATS
    assert results.count(Booking.Status.WAITING) == REQUESTS - SEATS
    assert Booking.objects.seats_taken(meeting) == SEATS
    assert Booking.objects.filter(meeting=meeting, status="waiting").count() == REQUESTS - SEATS


def test_without_the_lock_the_same_surge_oversells(monkeypatch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(services, "LOCK_MEETING", False)
    meeting = MeetingPageFactory(capacity=SEATS, max_seats_per_booking=1)
    surge(meeting)
    assert Booking.objects.seats_taken(meeting) > SEATS


def test_one_email_racing_itself_holds_one_booking(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = MeetingPageFactory(capacity=SEATS)
    results = surge(meeting, requests=40, email=lambda i: "same.person@example.org")
    assert results.count(Booking.Status.CONFIRMED) == 1
    assert all(type(r).__name__ == "AlreadyBooked" for r in results if r != Booking.Status.CONFIRMED)
    assert Booking.objects.filter(meeting=meeting).count() == 1


def test_without_the_lock_the_database_constraint_still_stops_the_double_booking(monkeypatch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(services, "LOCK_MEETING", False)
    meeting = MeetingPageFactory(capacity=SEATS)
    results = surge(meeting, requests=40, email=lambda i: "same.person@example.org")
    assert results.count(Booking.Status.CONFIRMED) == 1
    assert Booking.objects.filter(meeting=meeting).count() == 1
