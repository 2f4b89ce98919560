"""Calendar files parse with icalendar and carry Europe/London times across the clock change (issue 7)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from meetings import calendar, services
from tests.meetings.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def events(body):
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_meeting_after_the_clocks_go_forward_is_at_its_local_hour():
    # 29 March 2026: clocks go forward at 1am. A 7pm meeting that evening is 18:00 UTC.
    meeting = MeetingPageFactory(
        starts_at=datetime(2026, 3, 29, 18, 0, tzinfo=UTC), ends_at=datetime(2026, 3, 29, 20, 0, tzinfo=UTC)
    )
    body = calendar.meeting_calendar(meeting, host="example.org")
    (event,) = events(body)
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (19, 0, "Europe/London")
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 18, 0, tzinfo=UTC)
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Europe/London" in body
    assert event["summary"] == meeting.title


def test_feed_holds_meetings_either_side_of_the_autumn_change():
    before = MeetingPageFactory(starts_at=datetime(2026, 10, 24, 18, 0, tzinfo=UTC))  # 7pm BST
    after = MeetingPageFactory(starts_at=datetime(2026, 10, 25, 19, 0, tzinfo=UTC))  # 7pm GMT
    body = calendar.meetings_feed([before, after], host="example.org", name="Face the Public meetings")
    starts = [e.decoded("dtstart") for e in events(body)]
    assert [s.hour for s in starts] == [19, 19]
    assert [s.utcoffset() for s in starts] == [timedelta(hours=1), timedelta(0)]


def test_feed_and_booking_ics_are_served(client):
    meeting = MeetingPageFactory()
    booking = services.book_seat(meeting=meeting, name="Ann", email="ann@example.org")
    feed = client.get("/meetings/calendar.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    assert [e["summary"] for e in events(feed.content)] == [meeting.title]
    ics = client.get(f"/meetings/booking/{services.booking_token(booking)}/calendar.ics")
    assert ics.status_code == 200 and "attachment" in ics["Content-Disposition"]
    (event,) = events(ics.content)
    assert event.decoded("dtstart").astimezone(UTC) == meeting.starts_at.astimezone(UTC)


def test_cancelled_meeting_is_marked_cancelled_in_calendars():
    meeting = MeetingPageFactory(status="cancelled")
    (event,) = events(calendar.meeting_calendar(meeting, host="example.org"))
    assert event["status"] == "CANCELLED"
