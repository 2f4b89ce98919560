"""Calendar files for meetings: one meeting for a resident's booking, and a feed of upcoming meetings.

Times are written in Europe/London with a VTIMEZONE, so a meeting on the evening the clocks change lands at the
right hour in every calendar.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vText

LONDON = ZoneInfo("Europe/London")


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Safer Neighbourhoods//Face the Public meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    return calendar


def _event(meeting, *, host, url, now):
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", meeting.starts_at.astimezone(LONDON))
    event.add("dtend", meeting.ends_at.astimezone(LONDON))
    event.add("summary", meeting.title)
    location = ", ".join(
        part for part in [meeting.venue_name, " ".join(meeting.venue_address.split()), meeting.venue_postcode] if part
    )
    event["location"] = vText(location)
    event.add("description", meeting.summary)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
    return event


def meeting_calendar(meeting, *, host, url="", now=None):
    calendar = _calendar(meeting.title)
    calendar.add_component(_event(meeting, host=host, url=url, now=now or timezone.now()))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def meetings_feed(meetings, *, host, name, now=None):
    now = now or timezone.now()
    calendar = _calendar(name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, host=host, url=meeting.full_url or "", now=now))
    calendar.add_missing_timezones()
    return calendar.to_ical()
