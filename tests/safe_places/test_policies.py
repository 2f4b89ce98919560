"""Opening hours, distance and the yearly check as pure rules (SP-024, SP-031, SP-050)."""

from datetime import UTC, date, datetime, time

import pytest

from safe_places import policies
from safe_places.policies import Period, is_open, opening_state

NINE_TO_FIVE = (Period(time(9), time(17)),)
WEEK = tuple([NINE_TO_FIVE] * 5 + [(Period(time(10), time(16)),), ()])  # closed on Sundays
LATE_BAR = tuple([()] * 4 + [(Period(time(20), time(2)),)] + [()] * 2)  # Friday 8pm to 2am Saturday


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def london(*args):
    return datetime(*args, tzinfo=policies.LONDON)


def test_open_within_the_days_hours_and_closed_outside_them_sp024():
    assert is_open(WEEK, {}, london(2026, 11, 18, 9, 0))  # a Wednesday, at opening
    assert is_open(WEEK, {}, london(2026, 11, 18, 16, 59))
    assert not is_open(WEEK, {}, london(2026, 11, 18, 17, 0))  # closing time is closed
    assert not is_open(WEEK, {}, london(2026, 11, 18, 8, 59))


def test_a_closed_day_is_closed_all_day_sp024():
    assert not is_open(WEEK, {}, london(2026, 11, 22, 12, 0))  # Sunday


def test_overnight_hours_run_into_the_next_morning_sp024():
    assert is_open(LATE_BAR, {}, london(2026, 11, 20, 23, 30))  # Friday night
    assert is_open(LATE_BAR, {}, london(2026, 11, 21, 1, 59))  # early Saturday belongs to Friday
    assert not is_open(LATE_BAR, {}, london(2026, 11, 21, 2, 0))
    assert not is_open(LATE_BAR, {}, london(2026, 11, 21, 23, 0))  # Saturday has its own (no) hours
    assert opening_state(LATE_BAR, {}, london(2026, 11, 21, 0, 30)).closes == time(2)


def test_closing_at_midnight_is_open_until_midnight_and_not_after():
    midnight = tuple([(Period(time(18), time(0)),)] * 7)
    assert is_open(midnight, {}, london(2026, 11, 18, 23, 59))
    assert not is_open(midnight, {}, london(2026, 11, 19, 0, 0))
    assert not is_open(midnight, {}, london(2026, 11, 19, 0, 30))


def test_open_all_day_and_night():
    always = tuple([(Period(time(0), time(0)),)] * 7)
    assert is_open(always, {}, london(2026, 11, 18, 3, 0))
    assert is_open(always, {}, london(2026, 11, 22, 23, 59))


def test_a_bank_holiday_follows_the_venues_rule_sp024():
    christmas = date(2026, 12, 25)  # a Friday
    holidays = policies.england_bank_holidays([2026])
    assert christmas in holidays
    noon = london(2026, 12, 25, 12, 0)
    assert not is_open(WEEK, {}, noon, bank_holidays=holidays, bank_holiday_rule=policies.BANK_HOLIDAY_CLOSED)
    assert is_open(WEEK, {}, noon, bank_holidays=holidays, bank_holiday_rule=policies.BANK_HOLIDAY_USUAL)
    # Sunday hours: this week is closed on Sundays, so closed
    assert not is_open(WEEK, {}, noon, bank_holidays=holidays, bank_holiday_rule=policies.BANK_HOLIDAY_SUNDAY)
    sunday_opener = (*WEEK[:6], (Period(time(11), time(15)),))
    assert is_open(sunday_opener, {}, noon, bank_holidays=holidays, bank_holiday_rule=policies.BANK_HOLIDAY_SUNDAY)
    assert not is_open(
        sunday_opener, {}, london(2026, 12, 25, 10, 0), bank_holidays=holidays,
        bank_holiday_rule=policies.BANK_HOLIDAY_SUNDAY,
    )  # fmt: skip


def test_the_english_calendar_has_english_bank_holidays_not_scottish_ones():
    holidays = policies.england_bank_holidays([2026])
    assert date(2026, 8, 31) in holidays  # English summer bank holiday (last Monday of August)
    assert date(2026, 8, 3) not in holidays  # Scotland's (first Monday of August)
    assert date(2026, 1, 2) not in holidays  # Scotland's 2 January


def test_a_dated_exception_beats_the_weekly_hours_and_the_bank_holiday_rule():
    wednesday = date(2026, 11, 18)
    closed = {wednesday: ()}
    assert not is_open(WEEK, closed, london(2026, 11, 18, 12, 0))
    late = {wednesday: (Period(time(12), time(21)),)}
    assert is_open(WEEK, late, london(2026, 11, 18, 20, 0))
    assert not is_open(WEEK, late, london(2026, 11, 18, 10, 0))


def test_an_exception_closing_the_night_before_ends_its_overnight_hours():
    friday = date(2026, 11, 20)
    assert not is_open(LATE_BAR, {friday: ()}, london(2026, 11, 21, 1, 0))


def test_opening_times_follow_the_clock_change_in_spring_and_autumn():
    # 09:00 opening: 08:00 UTC in British Summer Time, 09:00 UTC in winter.
    assert is_open(WEEK, {}, utc(2026, 6, 17, 8, 30))  # 09:30 BST
    assert not is_open(WEEK, {}, utc(2026, 12, 16, 8, 30))  # 08:30 GMT
    # The clocks go back at 02:00 BST on Sunday 25 October 2026: the Monday after keeps 9am in GMT.
    assert not is_open(WEEK, {}, utc(2026, 10, 26, 8, 30))
    assert is_open(WEEK, {}, utc(2026, 10, 26, 9, 0))


def test_overnight_hours_across_the_spring_clock_change_close_at_the_local_time():
    # Saturday 28 to Sunday 29 March 2026: the clocks go forward at 01:00 GMT to 02:00 BST.
    saturday_late = tuple([()] * 5 + [(Period(time(22), time(3)),)] + [()])
    assert is_open(saturday_late, {}, utc(2026, 3, 29, 0, 59))  # 00:59 GMT
    assert is_open(saturday_late, {}, utc(2026, 3, 29, 1, 30))  # 02:30 BST: the hour 1am-2am never happened
    assert not is_open(saturday_late, {}, utc(2026, 3, 29, 2, 0))  # 03:00 BST: closed


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        is_open(WEEK, {}, datetime(2026, 11, 18, 12, 0))


def test_stored_hours_round_trip():
    data = policies.weekly_hours_to_data(LATE_BAR)
    assert data[4] == [["20:00", "02:00"]]
    assert policies.weekly_hours_from_data(data) == LATE_BAR
    assert policies.weekly_hours_from_data([]) == tuple(() for _ in range(7))


@pytest.mark.parametrize(("hours", "days_open", "first_open_day"), [(72, 7, 0), (34, 6, 0), (15, 5, 1), (0, 0, None)])
def test_estimated_week_spreads_weekly_hours_honestly(hours, days_open, first_open_day):
    week = policies.estimated_week_from_weekly_hours(hours)
    open_days = [index for index, day in enumerate(week) if day]
    assert len(open_days) == days_open
    if first_open_day is not None:
        assert open_days[0] == first_open_day
        total = sum(
            (p.closes.hour * 60 + p.closes.minute - p.opens.hour * 60 - p.opens.minute) / 60
            for day in week
            for p in day
        )
        assert abs(total - hours) <= days_open * 0.5


def test_haversine_distance_between_two_milton_keynes_libraries_sp031():
    central = (52.0436467, -0.7595714)
    bletchley = (51.9936593, -0.7278171)
    km = policies.haversine_km(*central, *bletchley)
    assert 5.8 < km < 6.2


def test_bounding_box_holds_every_point_within_the_radius():
    box = policies.bounding_box(52.04, -0.76, 2.0)
    assert box.south < 52.04 - 0.0179 and box.north > 52.04 + 0.0179
    east_2km = -0.76 + 2.0 / (111.195 * box.lng_scale)
    assert box.west < -0.76 - (east_2km + 0.76) * 0.99 and box.east > east_2km * 1.0001


def test_distances_read_as_people_say_them():
    assert policies.describe_distance(0.35) == "350 metres (about a 4 minute walk)"
    assert policies.describe_distance(2.4) == "2.4 km (about a 30 minute walk)"
    assert policies.describe_distance(12.34) == "12.3 km"


def test_times_read_as_people_say_them():
    assert policies.format_time(time(9)) == "9am"
    assert policies.format_time(time(17, 30)) == "5:30pm"
    assert policies.format_time(time(0)) == "midnight"
    assert policies.format_time(time(12)) == "midday"


def test_the_yearly_check_is_a_year_later_sp050():
    assert policies.next_check_due(date(2026, 11, 18)) == date(2027, 11, 18)
    assert policies.next_check_due(date(2028, 2, 29)) == date(2029, 2, 28)


def test_overdue_only_after_the_grace_period_sp050():
    due = date(2026, 11, 1)
    assert not policies.check_overdue(due, date(2026, 11, 29), grace_days=28)
    assert policies.check_overdue(due, date(2026, 11, 30), grace_days=28)


def test_reminders_at_thirty_and_seven_days_each_once_sp050():
    due = date(2026, 12, 31)
    assert policies.reminder_due(due, date(2026, 11, 30), reminders_sent=0) is None
    assert policies.reminder_due(due, date(2026, 12, 1), reminders_sent=0) == 1
    assert policies.reminder_due(due, date(2026, 12, 2), reminders_sent=1) is None
    assert policies.reminder_due(due, date(2026, 12, 24), reminders_sent=1) == 2
    assert policies.reminder_due(due, date(2026, 12, 24), reminders_sent=2) is None
    assert policies.reminder_due(due, date(2026, 12, 24), reminders_sent=0) == 2  # late start: the latest only


def test_approval_needs_every_criterion_and_a_trained_person_sp020_sp021():
    all_met = {name: True for name, _ in policies.CRITERIA}
    assert policies.approval_problems(criteria=all_met, trained_staff=1) == []
    problems = policies.approval_problems(criteria={**all_met, "has_liability_insurance": False}, trained_staff=0)
    assert len(problems) == 2
    assert "public liability insurance" in problems[0]
    assert "trained" in problems[1]
