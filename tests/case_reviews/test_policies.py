"""The threshold rules as data (CT-030..CT-036, CT-040), the working-day clocks (CT-083..CT-088) and the upload
check (CT-057): pure functions, no database."""

from datetime import date

import pytest

from case_reviews import policies
from case_reviews.policies import IncidentFacts, Report, ThresholdRules

D = date


def incident(happened, *reported, hate=False, by=""):
    return IncidentFacts(
        happened_on=happened, hate=hate, reports=tuple(Report(r, "police", reported_by=by) for r in reported)
    )


# CT-031 / CT-032 windows, with month ends and leap days ------------------------------------------------------------


@pytest.mark.parametrize(
    ("happened", "reported", "qualifies"),
    [
        (D(2025, 1, 15), D(2025, 1, 15), True),  # reported the same day
        (D(2025, 1, 15), D(2025, 2, 15), True),  # exactly one month: counts
        (D(2025, 1, 15), D(2025, 2, 16), False),  # one month and a day: too late
        (D(2025, 1, 31), D(2025, 2, 28), True),  # month end: 31 Jan + 1 month is 28 Feb in a common year
        (D(2025, 1, 31), D(2025, 3, 1), False),
        (D(2024, 1, 31), D(2024, 2, 29), True),  # leap year: 29 Feb is the corresponding date
        (D(2024, 1, 31), D(2024, 3, 1), False),
        (D(2024, 2, 29), D(2024, 3, 29), True),  # from a leap day
        (D(2024, 2, 29), D(2024, 3, 30), False),
        (D(2024, 12, 31), D(2025, 1, 31), True),  # across the year end
        (D(2025, 3, 10), D(2025, 3, 9), False),  # reported before it happened: a typing mistake, not a complaint
    ],
)
def test_ct031_complaint_within_one_month_of_the_incident(happened, reported, qualifies):
    """CT-031: the complaint is made within one month of the behaviour (the corresponding date counts)."""
    applied = D(2025, 6, 1) if reported.year == 2025 else D(2024, 6, 1)
    verdict = policies.judge_incident(incident(happened, reported), applied_on=applied, rules=ThresholdRules())
    assert verdict.qualifies is qualifies, verdict.reason


@pytest.mark.parametrize(
    ("reported", "applied", "qualifies"),
    [
        (D(2025, 1, 15), D(2025, 7, 15), True),  # exactly six months
        (D(2025, 1, 15), D(2025, 7, 16), False),
        (D(2024, 8, 31), D(2025, 2, 28), True),  # month end into a common February
        (D(2024, 8, 31), D(2025, 3, 1), False),
        (D(2023, 8, 31), D(2024, 2, 29), True),  # month end into a leap February
        (D(2023, 8, 31), D(2024, 3, 1), False),
        (D(2024, 2, 29), D(2024, 8, 29), True),  # from a leap day
        (D(2024, 2, 29), D(2024, 8, 30), False),
        (D(2025, 1, 15), D(2025, 1, 15), True),  # applied the day it was reported
    ],
)
def test_ct032_application_within_six_months_of_the_complaint(reported, applied, qualifies):
    """CT-032: the application is made within six months of the complaint."""
    verdict = policies.judge_incident(incident(reported, reported), applied_on=applied, rules=ThresholdRules())
    assert verdict.qualifies is qualifies, verdict.reason


def test_ct031_ct032_the_reason_says_which_window_was_missed():
    late_report = policies.judge_incident(
        incident(D(2025, 1, 1), D(2025, 3, 1)), applied_on=D(2025, 4, 1), rules=ThresholdRules()
    )
    late_application = policies.judge_incident(
        incident(D(2025, 1, 1), D(2025, 1, 2)), applied_on=D(2025, 9, 1), rules=ThresholdRules()
    )
    assert "after it happened" in late_report.reason
    assert "application was made more than 6 months" in late_application.reason
    assert "not reported" in policies.judge_incident(incident(D(2025, 1, 1)), applied_on=D(2025, 2, 1),
                                                     rules=ThresholdRules()).reason  # fmt: skip


# CT-030 the number, CT-033 duplicates across agencies ---------------------------------------------------------------

APPLIED = D(2025, 6, 30)


def three_in_time():
    return [incident(D(2025, 5, day), D(2025, 5, day + 1)) for day in (1, 10, 20)]


@pytest.mark.parametrize(
    ("count", "needed", "met"),
    [(3, 3, True), (2, 3, False), (0, 3, False), (2, 2, True), (1, 1, True), (4, 3, True), (1, 2, False)],
)
def test_ct030_threshold_met_at_the_configured_number(count, needed, met):
    incidents = [incident(D(2025, 5, day), D(2025, 5, day)) for day in range(1, count + 1)]
    outcome = policies.evaluate_threshold(incidents, applied_on=APPLIED, rules=ThresholdRules(complaints_needed=needed))
    assert outcome.met is met
    assert outcome.qualifying == count
    assert (outcome.route == "automatic") is met


@pytest.mark.parametrize("needed", [0, 4, 5, -1])
def test_ct030_the_number_may_never_be_above_three(needed):
    """CT-030: the procedures may set a lower number, never a higher one (s.104(4))."""
    with pytest.raises(policies.RulesInvalid):
        ThresholdRules(complaints_needed=needed)


def test_ct033_one_incident_reported_to_three_agencies_counts_once():
    one_incident_three_agencies = IncidentFacts(
        happened_on=D(2025, 5, 1),
        reports=(Report(D(2025, 5, 1), "police"), Report(D(2025, 5, 2), "council"), Report(D(2025, 5, 3), "housing")),
    )
    outcome = policies.evaluate_threshold([one_incident_three_agencies], applied_on=APPLIED, rules=ThresholdRules())
    assert outcome.qualifying == 1 and not outcome.met


def test_ct033_duplicates_across_agencies_do_not_make_three():
    incidents = [
        IncidentFacts(D(2025, 5, 1), (Report(D(2025, 5, 1), "police"), Report(D(2025, 5, 1), "council"))),
        IncidentFacts(D(2025, 5, 8), (Report(D(2025, 5, 9), "police"), Report(D(2025, 5, 9), "housing"))),
    ]
    outcome = policies.evaluate_threshold(incidents, applied_on=APPLIED, rules=ThresholdRules())
    assert (outcome.qualifying, outcome.met) == (2, False)


def test_ct033_a_late_report_to_one_agency_is_saved_by_an_in_time_report_to_another():
    late_then_in_time = IncidentFacts(
        D(2025, 3, 1), (Report(D(2025, 5, 1), "council"), Report(D(2025, 3, 20), "police"))
    )
    verdict = policies.judge_incident(late_then_in_time, applied_on=APPLIED, rules=ThresholdRules())
    assert verdict.qualifies and verdict.counted_report.agency == "police"


# CT-036 local variants, switched on as data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "incidents", "route"),
    [
        # (ii) one hate incident
        (ThresholdRules(hate_incident_enabled=True), [incident(D(2025, 5, 1), D(2025, 5, 2), hate=True)],
         "hate-incident"),
        (ThresholdRules(), [incident(D(2025, 5, 1), D(2025, 5, 2), hate=True)], ""),
        (ThresholdRules(hate_incident_enabled=True), [incident(D(2025, 5, 1), D(2025, 5, 2))], ""),
        # (iii) two complaints, one involving hate
        (ThresholdRules(hate_with_reports_enabled=True),
         [incident(D(2025, 5, 1), D(2025, 5, 2), hate=True), incident(D(2025, 5, 5), D(2025, 5, 6))],
         "hate-with-reports"),
        (ThresholdRules(hate_with_reports_enabled=True),
         [incident(D(2025, 5, 1), D(2025, 5, 2)), incident(D(2025, 5, 5), D(2025, 5, 6))], ""),
        (ThresholdRules(hate_with_reports_enabled=True), [incident(D(2025, 5, 1), D(2025, 5, 2), hate=True)], ""),
        # (i) five reports from different people in six months
        (ThresholdRules(several_people_enabled=True),
         [incident(D(2025, 5, 1), D(2025, 5, 1), by="Person 1"), IncidentFacts(D(2025, 5, 9), tuple(Report(D(2025, 5, 9), "police", f"Neighbour {n}") for n in range(4)))],
         "several-people"),
        (ThresholdRules(several_people_enabled=True),
         [IncidentFacts(D(2025, 5, 9), tuple(Report(D(2025, 5, 9), "police", "Same person") for _ in range(5)))],
         ""),
        (ThresholdRules(several_people_enabled=False),
         [IncidentFacts(D(2025, 5, 9), tuple(Report(D(2025, 5, 9), "police", f"P{n}") for n in range(6)))], ""),
    ],
)  # fmt: skip
def test_ct036_local_variants(rules, incidents, route):
    outcome = policies.evaluate_threshold(incidents, applied_on=APPLIED, rules=rules)
    assert outcome.route == route
    assert outcome.met is bool(route)


def test_ct039_not_met_is_advice_not_a_refusal():
    outcome = policies.evaluate_threshold([], applied_on=APPLIED, rules=ThresholdRules())
    assert not outcome.met and "can still decide to carry out a review" in outcome.summary


# CT-030 / CT-034 the officer's decision --------------------------------------------------------------------------


def test_ct030_officer_cannot_decide_not_met_when_three_qualifying_complaints():
    automatic = policies.evaluate_threshold(three_in_time(), applied_on=APPLIED, rules=ThresholdRules())
    problems = policies.check_threshold_decision(met=False, automatic=automatic, reasons="Because", factors={})
    assert "met" in problems and "must be treated as met" in problems["met"]
    assert (
        policies.check_threshold_decision(met=True, automatic=automatic, reasons="Three complaints", factors={}) == {}
    )


def test_ct034_discretionary_decision_needs_all_three_factors():
    automatic = policies.evaluate_threshold([], applied_on=APPLIED, rules=ThresholdRules())
    problems = policies.check_threshold_decision(met=True, automatic=automatic, reasons="", factors={"harm": "High"})
    assert set(problems) == {"reasons", "persistence", "response"}
    full = {"persistence": "Weekly", "harm": "Severe", "response": "Slow"}
    assert policies.check_threshold_decision(met=False, automatic=automatic, reasons="R", factors=full) == {}


# Clocks in working days (CT-083..CT-088) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2025, 6, 2), 2, D(2025, 6, 4)),  # Monday + 2 working days
        (D(2025, 6, 6), 2, D(2025, 6, 10)),  # Friday: over the weekend
        (D(2024, 12, 23), 2, D(2024, 12, 27)),  # Christmas: 24 Dec, then 27, skipping 25 and 26
        (D(2024, 12, 23), 3, D(2024, 12, 30)),  # ... and then over the weekend
        (D(2025, 12, 24), 1, D(2025, 12, 29)),  # Christmas 2025 falls Thursday-Friday
        (D(2020, 12, 24), 1, D(2020, 12, 29)),  # Boxing Day on a Saturday: substitute Monday 28 Dec
        (D(2025, 4, 17), 1, D(2025, 4, 22)),  # Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr
        (D(2024, 3, 28), 2, D(2024, 4, 3)),  # Easter 2024: 29 Mar and 1 Apr
        (D(2025, 8, 22), 1, D(2025, 8, 26)),  # August bank holiday 2025: Monday 25 Aug
        (D(2024, 8, 23), 15, D(2024, 9, 16)),  # 15 working days across the August bank holiday 2024
        (D(2025, 6, 2), 0, D(2025, 6, 2)),
    ],
)
def test_ct088_working_days_skip_weekends_and_bank_holidays(start, days, due):
    assert policies.add_working_days(start, days) == due


def test_ct088_working_days_between_counts_only_working_days():
    assert policies.working_days_between(D(2024, 12, 20), D(2025, 1, 3)) == 7  # 23, 24, 27, 30, 31, 2, 3
    assert policies.working_days_between(D(2025, 1, 3), D(2025, 1, 1)) == 0


def test_ct083_next_due_follows_the_status_and_targets():
    dates = {"submitted": D(2025, 12, 23), "decided": D(2026, 1, 5), "meeting": D(2026, 2, 1), "held": None,
             "outcome": None}  # fmt: skip
    targets = policies.Targets(acknowledge=2, threshold=15, meeting=20)
    assert policies.next_due("received", dates, targets).due_on == D(2025, 12, 29)
    assert policies.next_due("acknowledged", dates, targets).due_on == D(2026, 1, 16)  # 25, 26 Dec and 1 Jan skipped
    assert policies.next_due("threshold_met", dates, targets).due_on == D(2026, 2, 2)
    assert policies.next_due("closed", dates, targets) is None
    assert policies.next_due("received", dates, targets).overdue(D(2025, 12, 30))
    assert not policies.next_due("received", dates, targets).overdue(D(2025, 12, 29))


# Evidence uploads (CT-057) ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "size", "head", "ok"),
    [
        ("letter.pdf", "application/pdf", 1000, b"%PDF-1.7", True),
        ("photo.JPG", "image/jpeg", 5000, b"\xff\xd8\xff\xe0", True),
        ("photo.png", "image/png", 5000, b"\x89PNG\r\n\x1a\n", True),
        ("diary.txt", "text/plain", 20, b"Monday: loud music", True),
        ("diary.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 900, b"PK\x03\x04",
         True),
        ("script.exe", "application/octet-stream", 100, b"MZ", False),
        ("fake.pdf", "application/pdf", 100, b"MZ\x90\x00", False),
        ("renamed.png", "image/jpeg", 100, b"\xff\xd8\xff", False),
        ("big.pdf", "application/pdf", policies.MAX_UPLOAD_BYTES + 1, b"%PDF", False),
        ("empty.pdf", "application/pdf", 0, b"", False),
        ("noextension", "application/pdf", 10, b"%PDF", False),
        ("binary.txt", "text/plain", 10, b"ab\x00cd", False),
    ],
)  # fmt: skip
def test_ct057_uploads_checked_for_type_and_size(name, content_type, size, head, ok):
    problem = policies.check_upload(name=name, content_type=content_type, size=size, head=head)
    assert (problem == "") is ok, problem


def test_gd020_retention_ends_six_years_after_closure_even_from_a_leap_day():
    assert policies.retention_ends(D(2024, 2, 29), 6) == D(2030, 2, 28)
    assert policies.retention_ends(D(2025, 3, 31), 5) == D(2030, 3, 31)


# CT-038 disqualifiers: configurable, recorded with reasons, at their boundaries -------------------------------------

LATE = ThresholdRules(late_reports_enabled=True, investigation_working_days=10)


@pytest.mark.parametrize(
    ("reported", "applied", "too_recent"),
    [
        (D(2025, 6, 2), D(2025, 6, 16), False),  # Mon to Mon a fortnight later: exactly 10 working days is enough
        (D(2025, 6, 3), D(2025, 6, 16), True),  # 9 working days: just before applying
        (D(2025, 6, 16), D(2025, 6, 16), True),  # the same day
        (D(2025, 12, 19), D(2026, 1, 6), True),  # Christmas, Boxing Day and New Year's Day do not count: 9 days
        (D(2025, 12, 19), D(2026, 1, 7), False),  # 10 working days
        (D(2025, 4, 11), D(2025, 4, 28), True),  # Good Friday and Easter Monday skipped: 9 working days
        (D(2025, 4, 11), D(2025, 4, 29), False),
    ],
)
def test_ct038_a_complaint_just_before_applying_at_the_boundary(reported, applied, too_recent):
    """CT-038: fewer than the configured working days between complaint and application is 'just before'."""
    assert policies.is_too_recent(reported, applied, 10) is too_recent


APPLIED = D(2025, 6, 16)


def three_complaints(*reported_days_before, applied=APPLIED):
    from datetime import timedelta

    return [incident(applied - timedelta(days=n + 1), applied - timedelta(days=n)) for n in reported_days_before]


def test_ct038_late_reports_may_apply_only_when_the_number_depends_on_recent_complaints():
    # 14 Jun 2025 is a Saturday: complaints on 13, 12, 11 June are 1, 2 and 3 working days before 16 June.
    recent = policies.evaluate_threshold(three_complaints(3, 4, 5), applied_on=D(2025, 6, 16), rules=LATE)
    assert recent.met and recent.too_recent == 3 and recent.late_reports_may_apply
    assert "less than 10 working days" in recent.summary
    one_recent = policies.evaluate_threshold(three_complaints(3, 40, 60), applied_on=D(2025, 6, 16), rules=LATE)
    assert one_recent.too_recent == 1 and one_recent.late_reports_may_apply  # 2 of 3 had time: still depends on it
    none_recent = policies.evaluate_threshold(three_complaints(30, 40, 60), applied_on=D(2025, 6, 16), rules=LATE)
    assert none_recent.too_recent == 0 and not none_recent.late_reports_may_apply
    switched_off = policies.evaluate_threshold(three_complaints(3, 4, 5), applied_on=D(2025, 6, 16),
                                               rules=ThresholdRules())  # fmt: skip
    assert not switched_off.late_reports_may_apply and "working days" not in switched_off.summary
    with_two_needed = ThresholdRules(complaints_needed=2, late_reports_enabled=True)
    enough_with_time = policies.evaluate_threshold(three_complaints(3, 40, 60), applied_on=D(2025, 6, 16),
                                                   rules=with_two_needed)  # fmt: skip
    assert not enough_with_time.late_reports_may_apply  # two complaints had time: the number is met without it


FACTORS = {"persistence": "p", "harm": "h", "response": "r"}


def decision(rules, incidents, **kwargs):
    automatic = policies.evaluate_threshold(incidents, applied_on=D(2025, 6, 16), rules=rules)
    values = {"met": False, "reasons": "Why", "factors": {}, "automatic": automatic, "rules": rules, **kwargs}
    return policies.check_threshold_decision(**values)


@pytest.mark.parametrize(
    ("rules", "days_before", "kwargs", "refused_on"),
    [
        # No disqualifier: the law's "must" stands (CT-030).
        (LATE, (3, 4, 5), {}, "met"),
        # The late-reports disqualifier, recorded with its reasons, lets a "not met" stand; no discretion needed.
        (LATE, (3, 4, 5), {"disqualifier": "late_reports", "disqualifier_reasons": "No time to act"}, None),
        # ...but never without the reasons the applicant is told.
        (LATE, (3, 4, 5), {"disqualifier": "late_reports", "disqualifier_reasons": " "}, "disqualifier_reasons"),
        # ...nor when the complaints were not just before applying.
        (LATE, (30, 40, 60), {"disqualifier": "late_reports", "disqualifier_reasons": "x"}, "disqualifier"),
        # ...nor with "met".
        (LATE, (3, 4, 5), {"met": True, "disqualifier": "late_reports", "disqualifier_reasons": "x"}, "disqualifier"),
        # A disqualifier the procedures do not contain cannot be used.
        (ThresholdRules(), (3, 4, 5), {"disqualifier": "late_reports", "disqualifier_reasons": "x"}, "disqualifier"),
        (LATE, (30, 40, 60), {"disqualifier": "vexatious", "disqualifier_reasons": "x"}, "disqualifier"),
        # Vexatious, when switched on, is the officer's finding, whatever the dates.
        (ThresholdRules(vexatious_enabled=True), (30, 40, 60),
         {"disqualifier": "vexatious", "disqualifier_reasons": "Third identical application this month"}, None),
    ],
)  # fmt: skip
def test_ct038_disqualifier_decisions(rules, days_before, kwargs, refused_on):
    problems = decision(rules, three_complaints(*days_before), **kwargs)
    if refused_on is None:
        assert problems == {}
    else:
        assert refused_on in problems, problems


def test_ct038_disqualifiers_are_data_and_validated():
    assert ThresholdRules().disqualifiers == {}
    both = ThresholdRules(vexatious_enabled=True, late_reports_enabled=True)
    assert list(both.disqualifiers) == ["vexatious", "late_reports"]
    with pytest.raises(policies.RulesInvalid):
        ThresholdRules(late_reports_enabled=True, investigation_working_days=0)


# CT-106 the PCC review step ----------------------------------------------------------------------------------------


def test_ct106_pcc_review_step_exists_only_when_switched_on():
    for status in ("threshold_not_met", "outcome_sent"):
        assert policies.can("request_pcc_review", status)
        assert not policies.can("request_pcc_review", status, pcc_review_enabled=False)
    assert not policies.can("request_pcc_review", "threshold_met")
    assert not policies.can("close", "pcc_review")  # not while the PCC is looking at it
    assert policies.can("record_pcc_decision", "pcc_review", pcc_review_enabled=False)  # one already under way


def test_ct106_pcc_review_clock_in_working_days_across_christmas():
    due = policies.next_due("pcc_review", {"pcc": D(2025, 12, 22)}, policies.Targets(pcc_review=5))
    assert due.due_on == D(2025, 12, 31)  # 23, 24, 29, 30, 31 December: Christmas and Boxing Day skipped
    assert "Police and Crime Commissioner" in due.step
