"""What the registry forgets and when (GD-021, NW-064), and the daily review job (NW-025, NW-026)."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from core import retention
from tests.watch_schemes.factories import MemberFactory, WatchSchemeFactory
from watch_schemes.models import Member, WatchScheme
from watch_schemes.tasks import run_yearly_review

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=ZoneInfo("Europe/London"))


def expired(name, now):
    return next(rule for rule in retention.rules() if rule.name == name).expired(now)


def test_unanswered_requests_are_forgotten_after_90_days():
    old = MemberFactory(created_at=NOW - timedelta(days=91))
    MemberFactory(created_at=NOW - timedelta(days=89))
    MemberFactory(accepted=True, created_at=NOW - timedelta(days=400))
    assert list(expired("watch-join-requests", NOW)) == [old]


def test_members_are_kept_two_years_after_their_scheme_last_confirmed_gd021():
    stale = WatchSchemeFactory(active=True, last_confirmed_on=date(2024, 11, 1))
    fresh = WatchSchemeFactory(active=True, last_confirmed_on=date(2025, 12, 1))
    gone = MemberFactory(scheme=stale, accepted=True)
    MemberFactory(scheme=fresh, accepted=True)
    assert list(expired("watch-members", NOW)) == [gone]


def test_closed_schemes_are_deleted_two_years_on():
    WatchSchemeFactory(status="closed")
    WatchSchemeFactory(active=True)
    assert not expired("watch-closed-schemes", NOW).exists()
    assert expired("watch-closed-schemes", NOW + timedelta(days=731)).count() == 1
    retention.apply_all(now=NOW + timedelta(days=731))
    assert list(WatchScheme.objects.values_list("status", flat=True)) == ["active"]


def test_the_daily_task_and_command_flag_overdue_schemes_once():
    scheme = WatchSchemeFactory(active=True, review_due=date(2020, 1, 1))
    assert run_yearly_review.enqueue().return_value == {"reminded": 0, "flagged_inactive": 1}
    out = StringIO()
    call_command("watch_yearly_review", stdout=out)
    assert "0 scheme(s) flagged inactive" in out.getvalue()
    scheme.refresh_from_db()
    assert scheme.status == "inactive"
    assert Member.objects.count() == 0
