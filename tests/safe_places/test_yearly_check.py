"""The yearly clock as operators run it, and what the scheme forgets (SP-050, retention)."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from core import retention
from safe_places import tasks
from safe_places.models import Venue, VenueConcern
from tests.safe_places.factories import VenueConcernFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_the_daily_command_reminds_and_expires(demo_site):
    from django.utils import timezone

    today = timezone.now().date()
    VenueFactory(approved=True, next_check_due=today + timedelta(days=20))
    VenueFactory(approved=True, next_check_due=today - timedelta(days=60))
    out = StringIO()
    call_command("safe_places_yearly_check", stdout=out)
    assert out.getvalue().strip() == "Renewal reminders sent: 1. Venues expired: 1."
    out = StringIO()
    call_command("safe_places_yearly_check", stdout=out)
    assert out.getvalue().strip() == "Renewal reminders sent: 0. Venues expired: 0."


def test_the_tasks_are_safe_to_run_twice(demo_site):
    from django.utils import timezone

    VenueFactory(approved=True, next_check_due=timezone.now().date() - timedelta(days=60))
    assert tasks.expire_overdue_venues.enqueue().return_value == 1
    assert tasks.expire_overdue_venues.enqueue().return_value == 0


def test_concerns_are_forgotten_after_a_year():
    concern = VenueConcernFactory()
    rule = next(r for r in retention.rules() if r.name == "safe-places-concerns")
    assert not rule.expired(concern.created_at + timedelta(days=364)).exists()
    assert list(rule.expired(concern.created_at + timedelta(days=366))) == [concern]


def test_venues_that_left_are_forgotten_two_years_on_and_live_ones_never():
    gone = VenueFactory(status=Venue.Status.WITHDRAWN)
    live = VenueFactory(approved=True, next_check_due=date(2099, 1, 1))
    rule = next(r for r in retention.rules() if r.name == "safe-places-venues")
    later = datetime.now(UTC) + timedelta(days=365 * 2 + 1)
    assert list(rule.expired(later)) == [gone]
    assert live not in rule.expired(later)
    assert VenueConcern.objects.count() == 0
