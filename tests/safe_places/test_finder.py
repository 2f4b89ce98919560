"""The finder's reads: nearest first, open now, accessibility, public only (SP-031, SP-050)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safe_places.models import HoursException, Venue
from safe_places.querysets import find_nearest
from tests.safe_places.factories import MK_CENTRE, VenueFactory

pytestmark = pytest.mark.django_db

WEDNESDAY_NOON = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
WEDNESDAY_NIGHT = datetime(2026, 11, 18, 22, 0, tzinfo=UTC)
TODAY = date(2026, 11, 18)


def north_of_centre(km, **kwargs):
    kwargs.setdefault("approved", True)
    return VenueFactory(latitude=MK_CENTRE[0] + km / 111.2, longitude=MK_CENTRE[1], **kwargs)


def find(**kwargs):
    kwargs.setdefault("at", WEDNESDAY_NOON)
    return find_nearest(Venue.objects.public(today=TODAY), latitude=MK_CENTRE[0], longitude=MK_CENTRE[1], **kwargs)


def test_nearest_first_with_distances_sp031():
    far, near, middle = north_of_centre(3.0), north_of_centre(0.3), north_of_centre(1.0)
    matches = find()
    assert [m.venue for m in matches] == [near, middle, far]
    assert matches[0].distance_km == pytest.approx(0.3, abs=0.01)
    assert matches[0].walkable and not matches[2].walkable


def test_venues_beyond_the_radius_are_left_out():
    north_of_centre(0.5)
    north_of_centre(12.0)
    assert len(find(radius_km=10)) == 1


def test_open_now_leaves_out_closed_venues_sp031():
    open_one = north_of_centre(1.0)
    north_of_centre(0.5, opening_hours=[[["18:00", "23:00"]]] * 7)  # evening only
    closed_today = north_of_centre(0.2)
    HoursException.objects.create(venue=closed_today, date=TODAY)
    assert [m.venue for m in find(open_now=True)] == [open_one]
    assert len(find()) == 3  # without the filter, closed ones are listed too (marked closed)


def test_open_now_at_night_finds_the_late_opener():
    north_of_centre(0.2)
    late = north_of_centre(2.0, opening_hours=[[["20:00", "02:00"]]] * 7)
    matches = find(open_now=True, at=WEDNESDAY_NIGHT)
    assert [m.venue for m in matches] == [late]
    assert str(matches[0].state.closes) == "02:00:00"


def test_accessibility_filters_need_every_feature_asked_for():
    north_of_centre(0.2, step_free=True)
    both = north_of_centre(0.4, step_free=True, hearing_loop=True)
    assert [m.venue for m in find(features=["step_free", "hearing_loop"])] == [both]


def test_only_approved_venues_in_date_are_public_sp050():
    north_of_centre(0.1, approved=False)  # pending
    overdue = north_of_centre(0.2)
    overdue.next_check_due = TODAY - timedelta(days=29)
    overdue.save()
    in_grace = north_of_centre(0.3)
    in_grace.next_check_due = TODAY - timedelta(days=28)
    in_grace.save()
    assert [m.venue for m in find()] == [in_grace]


def test_finder_queries_do_not_grow_with_venues():
    north_of_centre(0.5)
    with CaptureQueriesContext(connection) as few:
        find(open_now=True)
    for km in range(1, 40):
        north_of_centre(km / 10)
    with CaptureQueriesContext(connection) as many:
        assert len(find(open_now=True)) == 20
    assert len(many.captured_queries) == len(few.captured_queries) == 1


def test_special_hours_today_decide_opening_sp024():
    shut_until_evening = north_of_centre(0.2)
    HoursException.objects.create(venue=shut_until_evening, date=TODAY, opens=time(18), closes=time(21))
    opening_early = north_of_centre(0.4, opening_hours=[[["18:00", "23:00"]]] * 7)
    HoursException.objects.create(venue=opening_early, date=TODAY, opens=time(11), closes=time(13))
    matches = find(open_now=True)
    assert [m.venue for m in matches] == [opening_early]
    assert str(matches[0].state.closes) == "13:00:00"


def test_special_hours_yesterday_past_midnight_count_sp024():
    north_of_centre(0.2)  # nine to five: closed at 1am
    late_party = north_of_centre(0.6)
    HoursException.objects.create(venue=late_party, date=TODAY - timedelta(days=1), opens=time(20), closes=time(2))
    one_am_wednesday = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)
    assert [m.venue for m in find(open_now=True, at=one_am_wednesday)] == [late_party]


def test_the_list_shows_each_venue_without_further_queries():
    venue = north_of_centre(0.3, phone="01908 000000", step_free=True, hearing_loop=True)
    (match,) = find()
    with CaptureQueriesContext(connection) as shown:
        assert match.venue.name == venue.name and match.venue.phone == "01908 000000"
        assert match.venue.venue_type.name == venue.venue_type.name
        assert match.venue.features == ["Step-free access", "Hearing loop"]
        assert match.venue.get_absolute_url() == venue.get_absolute_url()
        assert (match.venue.address, match.venue.postcode) == (venue.address, venue.postcode)
        assert match.venue.weekly_hours == venue.weekly_hours
    assert len(shown.captured_queries) == 0


def test_open_at_filters_a_queryset():
    open_one = north_of_centre(1.0)
    north_of_centre(0.5, opening_hours=[[]] * 7)
    assert Venue.objects.public(today=TODAY).open_at(WEDNESDAY_NOON) == [open_one]
