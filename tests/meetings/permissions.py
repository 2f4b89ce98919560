"""Face the Public meetings: who may see attendees, check people in, triage questions or cancel a meeting
(issue 7 permission matrix).

Only meeting staff (communications officers and partnership admins) see attendee lists and access needs; a
resident reaches their own booking only through the signed link in their email, whoever is signed in.
"""

from meetings import services
from meetings.models import MeetingPage
from tests.meetings.factories import BookingFactory, MeetingPageFactory
from tests.permissions import ANYONE, Matrix, Route, World, page_route_key

MEETING_STAFF = {"communications officer", "partnership admin"}
SECRET_EMAIL = "secret-attendee@example.org"


def world():
    meeting = MeetingPageFactory()
    booking = BookingFactory(meeting=meeting, adjustments=["bsl"], email=SECRET_EMAIL, name="Ann Mine")
    other = BookingFactory(meeting=meeting, name="Bob Theirs", adjustments=["large_print"])
    return World(objects={"meeting": meeting, "booking": booking, "other": other})


def shows_the_attendees_only_to_staff(response, world, role, allowed):
    body = response.content.decode()
    shown = SECRET_EMAIL in body and "British Sign Language interpreter" in body
    assert shown == allowed, "attendee details shown" if shown else "attendee details missing"


def shows_only_that_booking(response, world, role, allowed):
    body = response.content.decode()
    assert "Ann Mine" in body and "Bob Theirs" not in body and "Large print" not in body


def names_no_attendee(response, world, role, allowed):
    body = response.content.decode()
    assert "Ann Mine" not in body and SECRET_EMAIL not in body


def token(w):
    return services.booking_token(w["booking"])


def m(w):
    return w["meeting"].pk


MATRIX = Matrix(
    app="meetings",
    world=world,
    routes=[
        Route(page_route_key(MeetingPage, "serve"), "read the meeting's page", lambda w: w["meeting"].url, ANYONE,
              check=names_no_attendee),
        Route("meetings:feed", "subscribe to the meetings calendar", lambda w: "/meetings/calendar.ics", ANYONE,
              check=names_no_attendee),
        Route("meetings:book", "open the booking form", lambda w: f"/meetings/{m(w)}/book/", ANYONE),
        Route("meetings:ask", "open the question form", lambda w: f"/meetings/{m(w)}/ask/", ANYONE),
        Route("meetings:booking", "see a booking through its signed link", lambda w: f"/meetings/booking/{token(w)}/",
              ANYONE, check=shows_only_that_booking),
        Route("meetings:booking", "see a booking by its bare code", lambda w: f"/meetings/booking/{w['other'].code}/",
              set()),
        Route("meetings:cancel", "open the cancel page through the signed link",
              lambda w: f"/meetings/booking/{token(w)}/cancel/", ANYONE),
        Route("meetings:cancel", "cancel someone else's booking by its code", lambda w: f"/meetings/booking/{w['other'].code}/cancel/",
              set(), method="post"),
        Route("meetings:booking_ics", "download the booking's calendar file",
              lambda w: f"/meetings/booking/{token(w)}/calendar.ics", ANYONE),
        Route("meetings:attendees", "see attendees", lambda w: f"/meetings/{m(w)}/attendees/", MEETING_STAFF,
              check=shows_the_attendees_only_to_staff),
        Route("meetings:check_in", "open the door list", lambda w: f"/meetings/{m(w)}/check-in/?q={w['booking'].code}",
              MEETING_STAFF),
        Route("meetings:check_in_booking", "see a booking by its code at the door",
              lambda w: f"/meetings/check-in/{w['booking'].code}/", MEETING_STAFF),
        Route("meetings:check_in_booking", "check someone in", lambda w: f"/meetings/check-in/{w['booking'].code}/",
              MEETING_STAFF, method="post"),
        Route("meetings:cancel_meeting", "cancel the meeting", lambda w: f"/meetings/{m(w)}/cancel/", MEETING_STAFF,
              method="post", data={"reason": "The hall is flooded."}),
        Route("meetings:questions", "triage questions", lambda w: f"/meetings/{m(w)}/questions/", MEETING_STAFF),
        Route("meetings:desk", "open the meetings desk", lambda w: "/meetings/desk/", MEETING_STAFF),
    ],
)  # fmt: skip
