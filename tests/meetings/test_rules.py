"""Who sees what around a meeting, beyond the role x route matrix (tests/meetings/permissions.py, run by
tests/trust/test_permissions.py): a refused staff action changes nothing."""

import pytest

from tests.factories import StaffFactory, UserFactory
from tests.meetings.factories import BookingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["resident", "case officer", "anonymous"])
def test_a_refused_check_in_or_cancellation_changes_nothing(client, meeting, who):
    booking = BookingFactory(meeting=meeting)
    if who == "resident":
        client.force_login(UserFactory())
    elif who == "case officer":
        client.force_login(StaffFactory(groups=["Case officers"]))
    client.post(f"/meetings/check-in/{booking.code}/")
    client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "Test"})
    booking.refresh_from_db()
    meeting.refresh_from_db()
    assert booking.attended_at is None and meeting.status == "scheduled"
