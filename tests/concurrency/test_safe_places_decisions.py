"""Two admins deciding on one venue at once, and two workers sending renewal reminders at once (PostgreSQL).

Each service locks the venue row (`services.lock_venue`, SELECT ... FOR UPDATE) before reading its status. A
pause after the read makes the threads overlap every time; the control replaces the lock with a plain read and
shows the double decision and the double reminder the lock prevents.
"""

import time
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from core.models import OutboxMessage
from safe_places import services
from safe_places.exceptions import WrongVenueStatus
from safe_places.models import Venue
from tests.factories import StaffFactory
from tests.safe_places.factories import VenueFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAUSE = 0.3
locking_read = services.lock_venue


def slow_locked_read(venue):
    locked = locking_read(venue)
    time.sleep(PAUSE)
    return locked


def slow_plain_read(venue):
    """The naive version: read the status with no lock held, so a second admin reads the same one."""
    plain = Venue.objects.get(pk=venue.pk)
    time.sleep(PAUSE)
    return plain


def decide_at_once(together, venue, admins):
    decisions = [
        lambda: services.approve_venue(venue=venue, by=admins[0], now=timezone.now()),
        lambda: services.decline_venue(venue=venue, by=admins[1], reason="Not open to the public", now=timezone.now()),
    ]
    return together(2, lambda i: decisions[i]())


@pytest.fixture
def admins(db):
    return [StaffFactory(groups=["Partnership admins"]) for _ in range(2)]


def test_with_the_lock_one_decision_wins_and_the_other_is_told(together, admins, monkeypatch):
    monkeypatch.setattr(services, "lock_venue", slow_locked_read)
    venue = VenueFactory()
    results = decide_at_once(together, venue, admins)
    refused = [r for r in results if isinstance(r, WrongVenueStatus)]
    decided = [r for r in results if isinstance(r, Venue)]
    assert len(decided) == 1 and len(refused) == 1, results
    venue.refresh_from_db()
    assert venue.status == decided[0].status
    purposes = list(OutboxMessage.objects.filter(purpose__in=["safe_places.approved", "safe_places.declined"]))
    assert len(purposes) == 1  # the venue hears one decision, the one that stands


def test_without_the_lock_both_decisions_go_through(together, admins, monkeypatch):
    monkeypatch.setattr(services, "lock_venue", slow_plain_read)
    venue = VenueFactory()
    results = decide_at_once(together, venue, admins)
    assert all(isinstance(r, Venue) for r in results), results
    # The venue was told it was approved and declined; the record keeps whichever wrote last.
    assert OutboxMessage.objects.filter(purpose__in=["safe_places.approved", "safe_places.declined"]).count() == 2


def send_reminders_at_once(together, workers=4):
    now = datetime(2026, 11, 18, 9, tzinfo=UTC)
    return together(workers, lambda _i: services.send_renewal_reminders(now=now))


def test_with_the_lock_two_workers_send_each_reminder_once(together, monkeypatch):
    monkeypatch.setattr(services, "lock_venue", slow_locked_read)
    venue = VenueFactory(approved=True, next_check_due=date(2026, 12, 1))
    results = send_reminders_at_once(together)
    assert sorted(results) == [0, 0, 0, 1], results
    assert OutboxMessage.objects.filter(purpose="safe_places.renewal", to=venue.manager.email).count() == 1


def test_without_the_lock_workers_send_the_reminder_again_and_again(together, monkeypatch):
    monkeypatch.setattr(services, "lock_venue", slow_plain_read)
    venue = VenueFactory(approved=True, next_check_due=date(2026, 12, 1))
    send_reminders_at_once(together)
    assert OutboxMessage.objects.filter(purpose="safe_places.renewal", to=venue.manager.email).count() > 1
