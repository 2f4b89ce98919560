"""Who sees what (issue 7 permission matrix): only meeting staff see attendee lists and adjustments, check people
in or cancel a meeting; a resident sees only their own booking, through its signed link."""

import pytest

from meetings import services
from tests.factories import StaffFactory, UserFactory
from tests.meetings.factories import BookingFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "resident with an account": {"staff": False, "groups": []},
    "staff without a meetings role": {"staff": True, "groups": []},
    "case officer": {"staff": True, "groups": ["Case officers"]},
    "communications officer": {"staff": True, "groups": ["Communications officers"]},
    "partnership admin": {"staff": True, "groups": ["Partnership admins"]},
}
MEETING_STAFF = {"communications officer", "partnership admin"}

ACTIONS = {
    "see attendees": ("get", lambda m, b: f"/meetings/{m.pk}/attendees/"),
    "open the door list": ("get", lambda m, b: f"/meetings/{m.pk}/check-in/?q={b.code}"),
    "see a booking by its code": ("get", lambda m, b: f"/meetings/check-in/{b.code}/"),
    "check someone in": ("post", lambda m, b: f"/meetings/check-in/{b.code}/"),
    "cancel the meeting": ("post", lambda m, b: f"/meetings/{m.pk}/cancel/"),
    "triage questions": ("get", lambda m, b: f"/meetings/{m.pk}/questions/"),
    "open the meetings desk": ("get", lambda m, b: "/meetings/desk/"),
}


def sign_in(client, role):
    spec = ROLES[role]
    if spec is None:
        return None
    factory = StaffFactory if spec["staff"] else UserFactory
    user = factory(groups=spec["groups"])
    client.force_login(user)
    return user


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(client, meeting, role, action):
    booking = BookingFactory(meeting=meeting, adjustments=["bsl"], email="secret-attendee@example.org")
    sign_in(client, role)
    method, url = ACTIONS[action]
    response = getattr(client, method)(url(meeting, booking), {"reason": "Test"} if method == "post" else None)
    if role in MEETING_STAFF:
        assert response.status_code in (200, 302), f"{role} should be able to {action}"
        if action == "see attendees":
            body = response.content.decode()
            assert "secret-attendee@example.org" in body and "British Sign Language interpreter" in body
    elif role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response.url
    else:
        assert response.status_code == 403, f"{role} must not {action}"
    booking.refresh_from_db()
    meeting.refresh_from_db()
    if role not in MEETING_STAFF:
        assert booking.attended_at is None and meeting.status == "scheduled"


@pytest.mark.parametrize("role", ROLES)
def test_attendees_see_only_their_own_booking(client, meeting, role):
    mine = BookingFactory(meeting=meeting, name="Ann Mine")
    theirs = BookingFactory(meeting=meeting, name="Bob Theirs", adjustments=["large_print"])
    sign_in(client, role)
    body = client.get(f"/meetings/booking/{services.booking_token(mine)}/").content.decode()
    assert "Ann Mine" in body and "Bob Theirs" not in body and "Large print" not in body
    assert client.get(f"/meetings/booking/{theirs.code}/").status_code == 404


def test_public_meeting_page_names_no_attendee(client, meeting):
    BookingFactory(meeting=meeting, name="Ann Private", email="ann.private@example.org")
    body = client.get(meeting.url).content.decode()
    assert "Ann Private" not in body and "ann.private@example.org" not in body
