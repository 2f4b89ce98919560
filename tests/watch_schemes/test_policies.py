"""The pure rules: parsing an area, point in polygon, covering a postcode, the yearly review (NW-010, NW-025,
NW-026, NW-050)."""

import json
from datetime import date

import pytest

from watch_schemes import policies
from watch_schemes.policies import AreaProblem

SQUARE = [(-0.77, 52.03), (-0.75, 52.03), (-0.75, 52.05), (-0.77, 52.05)]


def square_geojson(feature=False, closed=True):
    ring = [list(p) for p in SQUARE] + ([list(SQUARE[0])] if closed else [])
    geometry = {"type": "Polygon", "coordinates": [ring]}
    return json.dumps({"type": "Feature", "geometry": geometry, "properties": {}} if feature else geometry)


def test_postcodes_are_normalised_and_deduplicated_nw010():
    assert policies.parse_postcodes("mk93ej, MK9 3EJ\n\n mk9 2fz ") == ["MK9 3EJ", "MK9 2FZ"]


def test_a_word_that_is_not_a_postcode_is_named_nw010():
    with pytest.raises(AreaProblem, match="“Lakes Estate” is not a postcode"):
        policies.parse_postcodes("MK9 3EJ\nLakes Estate")


def test_streets_one_a_line_without_repeats():
    assert policies.parse_streets(" Mellish  Court\nmellish court\n\nHalswell Place") == [
        "Mellish Court",
        "Halswell Place",
    ]


@pytest.mark.parametrize("feature", [False, True])
def test_polygon_from_geojson_geometry_or_feature_nw010(feature):
    assert policies.parse_polygon(square_geojson(feature=feature)) == SQUARE


def test_empty_area_is_no_polygon():
    assert policies.parse_polygon("  ") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "could not be read"),
        (json.dumps({"type": "Point", "coordinates": [-0.7, 52]}), "single shape"),
        (json.dumps({"type": "Polygon", "coordinates": [[[-0.7, 52], [-0.6, 52], [-0.7, 52]]]}), "three corners"),
        (json.dumps({"type": "Polygon", "coordinates": [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86]]]}), "in the UK"),
        (json.dumps({"type": "Polygon", "coordinates": [[["a", "b"], [1, 52], [1, 53]]]}), "not a map position"),
        (json.dumps({"type": "Polygon", "coordinates": []}), "no points"),
    ],
)
def test_unusable_areas_are_refused_in_plain_english(text, message):
    with pytest.raises(AreaProblem, match=message):
        policies.parse_polygon(text)


def test_polygon_geojson_round_trips():
    ring = policies.parse_polygon(square_geojson(closed=False))
    assert policies.parse_polygon(json.dumps(policies.polygon_geojson(ring))) == ring


@pytest.mark.parametrize(
    ("lng", "lat", "inside"),
    [
        (-0.76, 52.04, True),
        (-0.78, 52.04, False),
        (-0.76, 52.06, False),
        (-0.75, 52.04, True),  # on an edge
        (-0.77, 52.03, True),  # a corner
    ],
)
def test_point_in_square(lng, lat, inside):
    assert policies.point_in_polygon(lng, lat, SQUARE) is inside


def test_point_in_concave_polygon():
    # An L shape: the notch at the top right is outside.
    ring = [(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)]
    assert policies.point_in_polygon(0.5, 1.5, ring)
    assert not policies.point_in_polygon(1.5, 1.5, ring)
    assert policies.point_in_polygon(1.5, 0.5, ring)


def test_covers_by_postcode_list_or_by_area_nw050():
    assert policies.covers(postcode="MK9 3EJ", point=None, postcodes=["MK9 3EJ"], ring=None)
    assert policies.covers(postcode="MK9 2FZ", point=(52.04, -0.76), postcodes=["MK9 3EJ"], ring=SQUARE)
    assert not policies.covers(postcode="MK9 2FZ", point=(52.10, -0.76), postcodes=["MK9 3EJ"], ring=SQUARE)
    assert not policies.covers(postcode="MK9 2FZ", point=(52.04, -0.76), postcodes=["MK9 3EJ"], ring=None)


def test_centroid_and_distance():
    assert policies.centroid(SQUARE) == pytest.approx((52.04, -0.76))
    assert policies.haversine_km(52.0, -0.76, 52.01, -0.76) == pytest.approx(1.112, abs=0.01)
    assert policies.describe_distance(0.43) == "430 metres"
    assert policies.describe_distance(3.21) == "3.2 km"


DUE = date(2027, 6, 1)


@pytest.mark.parametrize(
    ("today", "sent", "reminder", "overdue", "flag"),
    [
        (date(2027, 4, 1), 0, False, False, False),  # two months ahead: nothing yet
        (date(2027, 5, 2), 0, True, False, False),  # 30 days before: first reminder
        (date(2027, 5, 2), 1, False, False, False),  # first already sent
        (date(2027, 5, 25), 1, True, False, False),  # 7 days before: second reminder
        (date(2027, 5, 25), 0, True, False, False),  # a missed first reminder still goes, once
        (date(2027, 5, 30), 2, False, False, False),  # both sent
        (date(2027, 6, 10), 2, False, True, False),  # overdue, within the grace period
        (date(2027, 6, 29), 2, False, True, False),  # the last day of grace
        (date(2027, 6, 30), 2, False, True, True),  # past grace: flagged inactive (NW-026)
    ],
)
def test_yearly_review_nw025_nw026(today, sent, reminder, overdue, flag):
    state = policies.review_state(due=DUE, today=today, reminders_sent=sent)
    assert (state.reminder_due, state.overdue, state.flag_inactive) == (reminder, overdue, flag)


def test_next_review_is_a_year_on_nw025():
    assert policies.next_review(date(2026, 11, 21)) == date(2027, 11, 21)
