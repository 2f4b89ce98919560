from core.engagement import EngagementLevel


def test_the_ladder_has_four_rungs_in_order():
    assert [level.value for level in EngagementLevel] == ["inform", "consult", "involve", "co-produce"]
    assert [level.rung for level in EngagementLevel] == [1, 2, 3, 4]


def test_each_rung_makes_a_promise_to_the_public():
    """EL-001 to EL-005: every level states its promise in plain English."""
    assert EngagementLevel.INFORM.promise == "We will keep you informed."
    for level in EngagementLevel:
        assert level.promise.startswith("We will")
        assert level.goal


def test_consult_and_above_owe_residents_feedback():
    """EL-007: consult and above create a "You said, we did" obligation."""
    assert not EngagementLevel.INFORM.owes_feedback
    assert all(level.owes_feedback for level in EngagementLevel if level is not EngagementLevel.INFORM)
