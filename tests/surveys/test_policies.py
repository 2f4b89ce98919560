"""The survey rules without a database: conditions, pruning, what is stored, suppression, representativeness."""

from datetime import datetime, timedelta

import pytest

from surveys import policies
from surveys.policies import Condition, Kind, Question, Questionnaire, Section

VICTIM = Question("victim", Kind.SINGLE_CHOICE, "Victim?", choices=("Yes", "No"))
REPORTED = Question(
    "reported", Kind.SINGLE_CHOICE, "Reported?", choices=("Yes", "No"), show_if=Condition("victim", "Yes")
)
HANDLED = Question("handled", Kind.RATING, "How well?", maximum=5, show_if=Condition("reported", "Yes"))
SEEN = Question("seen", Kind.MULTIPLE_CHOICE, "Seen?", choices=("Speeding", "Litter"), allow_other=True)
DRUGS = Question("drugs", Kind.SHORT_TEXT, "Where?", required=False, show_if=Condition("seen", "Litter"))

SURVEY = Questionnaire(
    sections=(
        Section("Crime", (VICTIM, SEEN)),
        Section("Reporting", (REPORTED,)),
        Section("Handling", (HANDLED, DRUGS)),
    )
)


def test_a_conditional_question_shows_when_its_answer_was_given():
    assert policies.visible_questions(SURVEY.sections[1], {"victim": "Yes"}) == [REPORTED]


def test_a_conditional_question_is_hidden_otherwise_and_its_section_skipped():
    assert policies.visible_questions(SURVEY.sections[1], {"victim": "No"}) == []
    assert policies.visible_section_indexes(SURVEY, {"victim": "No", "seen": ["Speeding"]}) == [0]


def test_a_condition_on_a_multiple_choice_answer_matches_any_ticked_option():
    assert policies.visible_questions(SURVEY.sections[2], {"seen": ["Speeding", "Litter"]}) == [DRUGS]


def test_a_hidden_question_is_never_required():
    missing = policies.missing_answers(SURVEY, {"victim": "No", "seen": ["Speeding"]})
    assert missing == []


def test_a_shown_required_question_is_required():
    missing = policies.missing_answers(SURVEY, {"victim": "Yes", "seen": ["Speeding"]})
    assert [q.reference for q in missing] == ["reported"]


def test_a_stale_answer_to_a_question_now_hidden_is_dropped():
    """The resident said Yes, answered the follow-ups, then went back and said No: the follow-ups go."""
    answers = {"victim": "No", "reported": "Yes", "handled": 4, "seen": ["Speeding"]}
    assert policies.prune(SURVEY, answers) == {"victim": "No", "seen": ["Speeding"]}
    assert {row.reference for row in policies.answer_rows(SURVEY, answers)} == {"victim", "seen"}


def test_chains_of_conditions_hide_what_depends_on_a_hidden_question():
    answers = {"victim": "Yes", "reported": "Yes", "handled": 3}
    assert "handled" in policies.prune(SURVEY, answers)
    answers["reported"] = "No"
    assert "handled" not in policies.prune(SURVEY, answers)


def test_other_text_is_kept_only_when_other_was_chosen():
    assert "seen__other" in policies.prune(SURVEY, {"seen": ["Other"], "seen__other": "Noise"})
    assert "seen__other" not in policies.prune(SURVEY, {"seen": ["Litter"], "seen__other": "Noise"})


def test_answer_rows_one_per_option_and_numbers_for_scales():
    survey = Questionnaire(
        sections=(
            Section(
                "All",
                (
                    SEEN,
                    Question("agree", Kind.AGREEMENT_SCALE, "Agree?"),
                    Question("count", Kind.NUMBER, "How many?"),
                    Question("where", Kind.POSTCODE, "Postcode"),
                    Question("text", Kind.LONG_TEXT, "Concerns"),
                ),
            ),
        )
    )
    rows = policies.answer_rows(
        survey,
        {
            "seen": ["Speeding", "Other"],
            "seen__other": "  Noise\r\nat night ",
            "agree": "Disagree",
            "count": 3,
            "where": "MK9 3EJ",
            "text": "Cars\x00 race   along\tthe road",
        },
    )
    assert [(r.reference, r.value, r.detail, r.number) for r in rows] == [
        ("seen", "Speeding", "", None),
        ("seen", "Other", "Noise\nat night", None),
        ("agree", "Disagree", "", 4),
        ("count", "3", "", 3),
        ("where", "MK9 3", "", None),
        ("text", "Cars race along the road", "", None),
    ]


def test_free_text_is_cleaned_but_its_words_kept():
    assert policies.clean_text("Cafe\u0301 \r\n\r\n\r\n\r\n  speeding\u0007 cars ") == "Café\n\nspeeding cars"


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        (None, None, policies.Status.OPEN),
        (1, None, policies.Status.NOT_YET_OPEN),
        (None, -1, policies.Status.CLOSED),
        (None, 0, policies.Status.CLOSED),
        (-1, 1, policies.Status.OPEN),
    ],
)
def test_status_at_opening_and_closing_times(opens, closes, expected):
    now = datetime(2026, 6, 1, 12, 0)
    at = lambda hours: None if hours is None else now + timedelta(hours=hours)  # noqa: E731
    assert policies.status_at(opens_at=at(opens), closes_at=at(closes), at=now) == expected


def test_check_questionnaire_explains_what_an_officer_must_fix():
    broken = Questionnaire(
        sections=(
            Section(
                "One",
                (
                    Question("Bad Name", Kind.SHORT_TEXT, "A"),
                    Question("a", Kind.SINGLE_CHOICE, "B", choices=("Only",)),
                    Question("b", Kind.SHORT_TEXT, "C", show_if=Condition("a", "Only")),
                    Question("c", Kind.SHORT_TEXT, "D", show_if=Condition("later", "x")),
                ),
            ),
            Section(
                "Two",
                (
                    Question("a", Kind.SHORT_TEXT, "E"),
                    Question("d", Kind.SHORT_TEXT, "F", show_if=Condition("a", "Maybe")),
                    Question("later", Kind.NUMBER, "G", minimum=5, maximum=1),
                    Question("source", Kind.SHORT_TEXT, "H"),
                ),
            ),
        )
    )
    problems = policies.check_questionnaire(broken)
    assert len(problems) == 8, problems
    assert any("“source” is a column every export already has" in p for p in problems)
    assert any("small letters" in p for p in problems)
    assert any("at least two answers" in p for p in problems)
    assert any("later section" in p for p in problems)
    assert any("not a question before it" in p for p in problems)
    assert any("Two questions have the short name “a”" in p for p in problems)
    assert any("“Maybe”, which is not one of its answers" in p for p in problems)
    assert any("smallest number allowed is bigger" in p for p in problems)
    assert policies.check_questionnaire(SURVEY) == []


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (120, 120)])
def test_counts_of_one_to_four_are_suppressed(count, shown):
    assert policies.suppress(count) == shown


def test_representation_flags_under_and_over_represented_wards():
    rows = policies.representation(
        {"Bletchley": 10, "Olney": 60, "Wolverton": 30}, {"Bletchley": 4000, "Olney": 2000, "Wolverton": 4000}
    )
    verdicts = {row.ward: (row.ratio, row.verdict) for row in rows}
    assert verdicts["Bletchley"] == (0.25, policies.UNDER)
    assert verdicts["Olney"] == (3.0, policies.OVER)
    assert verdicts["Wolverton"] == (0.75, policies.UNDER)
    fair = policies.representation({"A": 50, "B": 50}, {"A": 1000, "B": 1000})
    assert {row.verdict for row in fair} == {policies.FAIR}
    unknown = policies.representation({"A": 5}, {})
    assert unknown[0].ratio is None and unknown[0].verdict == "population not known"
