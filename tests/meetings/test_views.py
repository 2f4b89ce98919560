"""Public meeting pages and forms, signed booking links, staff door list (issue 7)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from freezegun import freeze_time

from core.models import OutboxMessage
from meetings import services
from meetings.models import Booking, Question
from tests.factories import WardFactory
from tests.helpers import assert_queries_do_not_grow
from tests.meetings.factories import BookingFactory, MeetingPageFactory, meeting_index

pytestmark = pytest.mark.django_db


def form_data(client, url, **fields):
    body = client.get(url).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', body).group(1)
    data = {"submission_token": token, "name": "Jo Bloggs", "email": "jo@example.org", "seats": "1", "consent": "on"}
    data.update(fields)
    return data


def test_meeting_page_shows_panel_venue_and_booking(client, meeting):
    body = client.get(meeting.url).content.decode()
    assert meeting.title in body and "Bletchley Leisure Centre" in body
    assert "100 of 100 seats left" in body
    assert f"/meetings/{meeting.pk}/book/" in body


def test_listing_filters_by_ward_and_does_not_grow_in_queries(client):
    bletchley, wolverton = WardFactory(name="Bletchley East"), WardFactory(name="Wolverton")
    MeetingPageFactory(title="East meeting", wards=[bletchley])
    MeetingPageFactory(title="Wolverton meeting", wards=[wolverton])
    index = meeting_index()
    body = client.get(index.url, {"ward": wolverton.code}).content.decode()
    assert "Wolverton meeting" in body and "East meeting" not in body
    assert_queries_do_not_grow(client, index.url, lambda: MeetingPageFactory(wards=[bletchley]), at_most=40)


def test_booking_by_form_confirms_and_emails_the_code(client, meeting, django_capture_on_commit_callbacks):
    url = f"/meetings/{meeting.pk}/book/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(client, url, adjustments=["hearing_loop"], question="Street lights?"))
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == f"/meetings/booking/{services.booking_token(booking)}/"
    page = client.get(response.url).content.decode()
    assert "Your seat is booked" in page and booking.code in page and "Hearing loop" in page
    assert 'src="data:image/svg+xml' in page
    assert sorted(m.to[0] for m in mail.outbox) == ["jo@example.org", "organiser@example.org"]
    assert booking.code in mail.outbox[0].body or booking.code in mail.outbox[1].body
    assert Question.objects.get().text == "Street lights?"


def test_booking_form_errors_are_plain_english_next_to_the_field(client, meeting):
    url = f"/meetings/{meeting.pk}/book/"
    response = client.post(url, form_data(client, url, name="", email="not-an-email", consent=""))
    body = response.content.decode()
    assert body.count("<title>Error: ") == 1
    assert "Enter your name" in body
    assert "Enter an email address in the correct format, like name@example.com" in body
    assert "Tick the box to agree that we keep your details to run the meeting" in body
    assert not Booking.objects.exists()


def test_duplicate_booking_is_shown_next_to_the_email(client, meeting):
    BookingFactory(meeting=meeting, email="jo@example.org")
    url = f"/meetings/{meeting.pk}/book/"
    body = client.post(url, form_data(client, url)).content.decode()
    assert "You have already booked for this meeting with this email address" in body
    assert 'id="id_email_error"' in body


def test_full_meeting_offers_the_waiting_list(client):
    meeting = MeetingPageFactory(capacity=1)
    BookingFactory(meeting=meeting)
    assert "Join the waiting list" in client.get(meeting.url).content.decode()
    url = f"/meetings/{meeting.pk}/book/"
    response = client.post(url, form_data(client, url), follow=True)
    assert "You are on the waiting list" in response.content.decode()


def test_closed_booking_says_so(client):
    from datetime import timedelta

    from django.utils import timezone

    meeting = MeetingPageFactory(booking_closes_at=timezone.now() - timedelta(hours=1))
    assert "Booking for this meeting has closed." in client.get(f"/meetings/{meeting.pk}/book/").content.decode()


def test_cancel_by_the_signed_link_promotes_the_waiting_list(client):
    meeting = MeetingPageFactory(capacity=1)
    booking = services.book_seat(meeting=meeting, name="Ann", email="ann@example.org")
    waiting = services.book_seat(meeting=meeting, name="Ben", email="ben@example.org")
    token = services.booking_token(booking)
    assert "Yes, cancel my booking" in client.get(f"/meetings/booking/{token}/cancel/").content.decode()
    response = client.post(f"/meetings/booking/{token}/cancel/", follow=True)
    assert "Your booking is cancelled" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    again = client.post(f"/meetings/booking/{token}/cancel/")
    assert again.status_code == 400 and "This booking has already been cancelled." in again.content.decode()


@pytest.mark.parametrize("suffix", ["", "cancel/", "calendar.ics"])
def test_tampered_link_is_refused_in_plain_english(client, meeting, suffix):
    booking = services.book_seat(meeting=meeting, name="Ann", email="ann@example.org")
    token = services.booking_token(booking)
    code, signature = token.split(":")
    other = BookingFactory(meeting=meeting)
    for bad in (f"{other.code}:{signature}", token[:-2], code):
        response = client.get(f"/meetings/booking/{bad}/{suffix}")
        assert response.status_code == 404
        assert "The link to your booking is not complete or has been changed." in response.content.decode()
    assert client.post(f"/meetings/booking/{other.code}:{signature}/cancel/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_question_on_its_own(client, meeting):
    url = f"/meetings/{meeting.pk}/ask/"
    data = form_data(client, url, text="Why is the underpass so dark?")
    response = client.post(url, data, follow=True)
    assert "your question has been sent" in response.content.decode()
    assert Question.objects.get().booking is None


def test_staff_check_in_by_search_and_by_qr_link(client, meeting, comms_officer):
    booking = BookingFactory(meeting=meeting, name="Priya Shah", code="PQRS2345", adjustments=["step_free"])
    client.force_login(comms_officer)
    body = client.get(f"/meetings/{meeting.pk}/check-in/", {"q": "pqrs 2345"}).content.decode()
    assert "Priya Shah" in body and "Step-free access" in body
    assert "Check in Priya Shah" in client.get("/meetings/check-in/PQRS2345/").content.decode()
    response = client.post("/meetings/check-in/PQRS2345/", follow=True)
    assert "Priya Shah is checked in" in response.content.decode()
    booking.refresh_from_db()
    assert booking.attended_at and booking.checked_in_by == comms_officer
    assert "1 seat (1 booking), 100%" in response.content.decode()


def test_staff_cancel_the_meeting_and_everyone_is_told(client, meeting, comms_officer):
    BookingFactory(meeting=meeting)
    client.force_login(comms_officer)
    response = client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "Venue flooded."}, follow=True)
    assert "1 people booked or waiting are being told" in response.content.decode()
    assert OutboxMessage.objects.filter(purpose="meeting-cancelled").count() == 1
    assert "This meeting has been cancelled." in client.get(meeting.url).content.decode()


def test_staff_triage_questions_and_publish_answers(client, meeting, comms_officer):
    from partnership.models import YouSaidWeDid
    from tests.meetings.factories import QuestionFactory

    first = QuestionFactory(meeting=meeting, text="Speeding on Buckingham Road?")
    repeat = QuestionFactory(meeting=meeting, text="Cars racing on Buckingham Road")
    rude = QuestionFactory(meeting=meeting, text="My neighbour at number 4")
    client.force_login(comms_officer)
    url = f"/meetings/{meeting.pk}/questions/"
    assert "Speeding on Buckingham Road?" in client.get(url).content.decode()
    client.post(url, {"question": first.pk, "action": "accept"})
    client.post(url, {"question": repeat.pk, "action": "merge", f"q{repeat.pk}-merge-into": first.pk})
    refused = client.post(url, {"question": rude.pk, "action": "decline", f"q{rude.pk}-decline-reason": ""})
    assert refused.status_code == 400
    assert "Give a reason for declining the question" in refused.content.decode()
    assert "<title>Error: " in refused.content.decode()
    client.post(url, {"question": rude.pk, "action": "decline", f"q{rude.pk}-decline-reason": "About one household."})
    answer = {
        "question": first.pk,
        "action": "answer",
        f"q{first.pk}-answer-answer": "Speed checks every week in March.",
        f"q{first.pk}-answer-answered_by": "Chief Inspector, Thames Valley Police",
        f"q{first.pk}-answer-follow_up": "Twelve speed checks held.",
    }
    early = client.post(url, answer)
    assert early.status_code == 400
    assert "Answers are published after the meeting" in early.content.decode()
    with freeze_time(meeting.ends_at + timedelta(hours=1)):
        client.post(url, answer)
    # Both questions came from one resident: one email with the answer (the merged question is told too).
    assert OutboxMessage.objects.filter(purpose="meeting-answer", to="asha@example.org").count() == 1
    statuses = {q.pk: q.status for q in Question.objects.all()}
    assert statuses == {first.pk: "answered", repeat.pk: "merged", rude.pk: "declined"}
    assert YouSaidWeDid.objects.get().we_did == "Twelve speed checks held."
    page = client.get(meeting.url).content.decode()
    assert "Speed checks every week in March." in page and "My neighbour" not in page


def test_meetings_desk_counts_do_not_grow_in_queries(client, comms_officer):
    client.force_login(comms_officer)
    meeting = MeetingPageFactory()
    BookingFactory(meeting=meeting)
    body = client.get("/meetings/desk/").content.decode()
    assert "1 of 100" in body

    def more():
        other = MeetingPageFactory()
        BookingFactory(meeting=other)
        BookingFactory(meeting=other, status="waiting")

    assert_queries_do_not_grow(client, "/meetings/desk/", more, at_most=30)


def test_reminder_command_runs_twice_and_sends_once(meeting):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from freezegun import freeze_time

    BookingFactory(meeting=meeting, created_at=meeting.starts_at - timedelta(days=9))
    with freeze_time(meeting.starts_at - timedelta(hours=1)):
        out = StringIO()
        call_command("send_meeting_reminders", stdout=out)
        call_command("send_meeting_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["1 reminder queued", "0 reminders queued"]
    assert OutboxMessage.objects.filter(purpose="meeting-reminder").count() == 1


def test_the_venue_map_is_data_attributes_only_beside_the_address_and_link(client):
    """Issue 7, 1: a map of the venue, drawn by maps.js from data- attributes (no inline script or style); the
    address and the OpenStreetMap link are there without JavaScript. Longitude 0 (Greenwich) is a real place."""
    meeting = MeetingPageFactory(venue_name="Royal Observatory", latitude=51.4769, longitude=0.0)
    body = client.get(meeting.url).content.decode()
    venue_map = re.search(r"<div [^>]*data-place-map[^>]*>", body).group(0)
    assert 'data-lat="51.476900"' in venue_map and 'data-lng="0.000000"' in venue_map
    assert 'data-name="Royal Observatory"' in venue_map and 'aria-label="Map of Royal Observatory"' in venue_map
    assert "data-tile-url=" in venue_map and "data-attribution=" in venue_map and " hidden" in venue_map
    assert "style=" not in venue_map
    assert "Princes Way, Bletchley, Milton Keynes" in body
    assert "https://www.openstreetmap.org/?mlat=51.47690&amp;mlon=0.00000" in body


def test_no_map_where_the_venue_has_no_position(client, meeting):
    body = client.get(meeting.url).content.decode()
    assert "data-place-map" not in body and "openstreetmap.org/?mlat" not in body
    assert "Bletchley Leisure Centre" in body
