"""The ladder's pure rules: status from dates, the outcome rule, alert matching, the group permission matrix."""

from datetime import UTC, datetime, timedelta

import pytest

from consultations import policies
from consultations.policies import GroupAction, GroupRole, Status

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("opens", "closes", "complete", "expected"),
    [
        (NOW + DAY, NOW + 9 * DAY, False, Status.UPCOMING),
        (NOW - DAY, NOW + DAY, False, Status.OPEN),
        (NOW - DAY, None, False, Status.OPEN),
        (NOW - 9 * DAY, NOW - DAY, False, Status.CLOSED),
        (NOW - 9 * DAY, NOW - DAY, True, Status.COMPLETE),
        (NOW - 9 * DAY, NOW, False, Status.CLOSED),
    ],
)
def test_status_follows_the_dates(opens, closes, complete, expected):
    assert policies.status_at(opens_at=opens, closes_at=closes, is_complete=complete, now=NOW) == expected


@pytest.mark.parametrize(
    ("level", "published", "allowed"),
    [
        ("inform", False, True),
        ("inform", True, True),
        ("consult", False, False),
        ("consult", True, True),
        ("involve", False, False),
        ("involve", True, True),
        ("co-produce", False, False),
        ("co-produce", True, True),
    ],
)
def test_outcome_rule_el_007(level, published, allowed):
    """Consult and above cannot be complete without a published outcome; inform can (EL-007, FP-011)."""
    assert policies.may_mark_complete(level=level, outcome_published=published) is allowed


def test_outcome_due_defaults_to_twelve_weeks_after_closing_for_consult_and_above():
    assert policies.outcome_due(level="consult", closes_at=NOW, given=None) == (NOW + timedelta(weeks=12)).date()
    assert policies.outcome_due(level="inform", closes_at=NOW, given=None) is None
    given = (NOW + DAY).date()
    assert policies.outcome_due(level="involve", closes_at=NOW, given=given) == given


@pytest.mark.parametrize(
    ("activity_wards", "activity_topics", "wanted_wards", "wanted_topics", "match"),
    [
        ({"W1"}, set(), {"W1"}, set(), True),
        ({"W1", "W2"}, set(), {"W2"}, set(), True),
        ({"W1"}, set(), {"W2"}, set(), False),
        (set(), set(), {"W2"}, set(), True),  # borough-wide concerns every ward
        (set(), {"asb"}, set(), {"asb"}, True),
        ({"W1"}, {"asb"}, {"W2"}, {"asb"}, True),  # topic matches although ward does not
        ({"W1"}, {"lighting"}, {"W2"}, {"asb"}, False),
        (set(), {"lighting"}, set(), {"asb"}, False),  # borough-wide does not reach topic-only subscribers
    ],
)
def test_alert_matching_by_ward_and_topic(activity_wards, activity_topics, wanted_wards, wanted_topics, match):
    assert (
        policies.alert_matches(
            activity_wards=activity_wards,
            activity_topics=activity_topics,
            wanted_wards=wanted_wards,
            wanted_topics=wanted_topics,
        )
        is match
    )


# The permission matrix for task-and-finish groups, as data: role -> (accept, publish, see member list).
MATRIX = {
    GroupRole.LEAD: (True, True, True),
    GroupRole.MEMBER: (False, False, True),
    GroupRole.RESIDENT: (False, False, False),
    GroupRole.OFFICER: (True, True, True),
}


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize(
    "action", [GroupAction.ACCEPT, GroupAction.PUBLISH, GroupAction.SEE_MEMBERS], ids=lambda a: a.value
)
def test_group_permission_matrix_in_the_rules(role, action):
    expected = dict(zip([GroupAction.ACCEPT, GroupAction.PUBLISH, GroupAction.SEE_MEMBERS], MATRIX[role], strict=True))[
        action
    ]
    assert policies.group_may(role, action) is expected


def test_ladder_share_at_involve_and_co_produce():
    cell = policies.LadderCell(year=2026, area="All activities", counts=(2, 3, 4, 1))
    assert cell.total == 10 and cell.share_involve_and_above == 50
    assert policies.LadderCell(year=2026, area="x", counts=(0, 0, 0, 0)).share_involve_and_above == 0
