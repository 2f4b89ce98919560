"""FP-003 (reg 12(4)(a) SI 2007/1830): one or more Face the Public meetings in each reporting year, checked on the
meetings desk and on the admin dashboard."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from meetings import policies
from meetings.policies import YearCheck
from meetings.querysets import accountability_check
from tests.meetings.factories import MeetingPageFactory

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def row(pk, starts_at, status):
    return (pk, starts_at, starts_at + timedelta(hours=2), status)


def test_the_reporting_year_runs_april_to_march():
    year = policies.reporting_year(date(2027, 3, 31))
    assert (year.start, year.end) == (date(2026, 4, 1), date(2027, 4, 1))
    assert policies.reporting_year(date(2027, 4, 1)).start == date(2027, 4, 1)
    assert year.label == "April 2026 to March 2027"


def test_a_held_meeting_meets_the_duty_and_outranks_a_scheduled_one():
    meetings = [row(1, NOW + timedelta(days=30), "scheduled"), row(2, NOW - timedelta(days=60), "held")]
    check = policies.accountability_check(today=TODAY, now=NOW, meetings=meetings)
    assert (check.outcome, check.meeting_id, check.met) == (YearCheck.HELD, 2, True)


def test_a_scheduled_meeting_later_in_the_year_counts():
    check = policies.accountability_check(
        today=TODAY, now=NOW, meetings=[row(3, NOW + timedelta(days=30), "scheduled")]
    )
    assert (check.outcome, check.meeting_id, check.met) == (YearCheck.SCHEDULED, 3, True)


def test_a_past_meeting_still_marked_scheduled_is_to_confirm():
    check = policies.accountability_check(today=TODAY, now=NOW, meetings=[row(4, NOW - timedelta(days=3), "scheduled")])
    assert (check.outcome, check.meeting_id) == (YearCheck.TO_CONFIRM, 4)


def test_cancelled_meetings_do_not_count_and_nothing_is_missing():
    check = policies.accountability_check(today=TODAY, now=NOW, meetings=[row(5, NOW, "cancelled")])
    assert (check.outcome, check.met, check.meeting_id) == (YearCheck.MISSING, False, None)
    assert check.days_left == (date(2027, 4, 1) - TODAY).days


@pytest.mark.django_db
def test_only_live_meetings_starting_in_this_reporting_year_count():
    now = timezone.now()
    this_year = policies.reporting_year(timezone.localdate(now))
    last_year_start = timezone.make_aware(datetime.combine(this_year.start, datetime.min.time())) - timedelta(days=2)
    MeetingPageFactory(starts_at=last_year_start, status="held")  # last reporting year
    assert accountability_check(now).outcome == YearCheck.MISSING
    draft = MeetingPageFactory(starts_at=now - timedelta(hours=3), status="held")
    draft.unpublish()
    assert accountability_check(now).outcome == YearCheck.MISSING
    held = MeetingPageFactory(starts_at=now - timedelta(hours=3), status="held")
    check = accountability_check(now)
    assert (check.outcome, check.meeting_id) == (YearCheck.HELD, held.pk)


@pytest.mark.django_db
def test_the_desk_warns_when_the_year_has_no_meeting_and_links_to_adding_one(client, partnership_admin):
    client.force_login(partnership_admin)
    body = client.get("/meetings/desk/").content.decode()
    assert "govuk-warning-text" in body
    assert "No Face the Public meeting is held or scheduled for" in body
    # The listing exists once a meeting has been added: then the warning links to adding one under it.
    from tests.meetings.factories import meeting_index

    index = meeting_index()
    body = client.get("/meetings/desk/").content.decode()
    assert f"/admin/pages/add/meetings/meetingpage/{index.pk}/" in body


@pytest.mark.django_db
def test_the_desk_says_the_year_is_met_by_a_scheduled_meeting(client, comms_officer):
    meeting = MeetingPageFactory()  # ten days from now
    client.force_login(comms_officer)
    with freeze_time(meeting.starts_at - timedelta(days=10)):
        body = client.get("/meetings/desk/").content.decode()
    assert "Scheduled for" in body and meeting.title in body
    assert "govuk-warning-text" not in body


@pytest.mark.django_db
@freeze_time(NOW)
def test_the_admin_dashboard_shows_the_check_to_meeting_staff_only(client, comms_officer, case_officer):
    MeetingPageFactory(title="Face the Public: Wolverton", starts_at=NOW - timedelta(days=40), status="held")
    client.force_login(comms_officer)
    body = client.get("/admin/").content.decode()
    assert "Face the Public this year (FP-003)" in body
    assert "Met for April 2026 to March 2027." in body and "Face the Public: Wolverton" in body
    client.force_login(case_officer)
    assert "Face the Public this year" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_admin_dashboard_warns_when_nothing_is_held_or_scheduled(client, partnership_admin):
    client.force_login(partnership_admin)
    body = client.get("/admin/").content.decode()
    assert "No Face the Public meeting is held or scheduled for" in body
    assert "help-warning" in body
