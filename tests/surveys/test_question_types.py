"""Each question type: a valid answer is accepted in the shape the rules expect, an invalid one is refused in plain English."""

import pytest

from core.protection import issue_token
from surveys.forms import SectionForm
from surveys.policies import Kind, Question

pytestmark = pytest.mark.django_db

WARDS = [("E05009401", "Bletchley East"), ("E05009402", "Bletchley Park")]


def answer(question, **data):
    form = SectionForm(
        data={"website": "", "submission_token": issue_token("survey-section"), **data},
        questions=[question],
        wards=WARDS,
    )
    valid = form.is_valid()
    return valid, (form.answers() if valid else {name: list(errors) for name, errors in form.errors.items()})


SINGLE = Question("single", Kind.SINGLE_CHOICE, "How has crime changed?", choices=("Up", "Down"), allow_other=True)
MULTI = Question("multi", Kind.MULTIPLE_CHOICE, "What have you seen?", choices=("Speeding", "Litter"))
SCALE = Question("scale", Kind.AGREEMENT_SCALE, "I feel safe")
SHORT = Question("short", Kind.SHORT_TEXT, "Your street")
LONG = Question("long", Kind.LONG_TEXT, "Your concerns")
NUMBER = Question("number", Kind.NUMBER, "Years lived here", minimum=0, maximum=120)
DATE = Question("date", Kind.DATE, "When did it happen?")
WARD = Question("ward", Kind.WARD, "Your ward")
POSTCODE = Question("postcode", Kind.POSTCODE, "Your postcode")
RATING = Question("rating", Kind.RATING, "Rate it", maximum=5)


@pytest.mark.parametrize(
    ("question", "data", "expected"),
    [
        (SINGLE, {"single": "Up"}, {"single": "Up"}),
        (SINGLE, {"single": "Other", "single__other": " Same "}, {"single": "Other", "single__other": "Same"}),
        (MULTI, {"multi": ["Speeding", "Litter"]}, {"multi": ["Speeding", "Litter"]}),
        (SCALE, {"scale": "Strongly disagree"}, {"scale": "Strongly disagree"}),
        (SHORT, {"short": "Saxon Gate"}, {"short": "Saxon Gate"}),
        (LONG, {"long": "Speeding cars\nand litter"}, {"long": "Speeding cars\nand litter"}),
        (NUMBER, {"number": "12"}, {"number": 12}),
        (DATE, {"date_0": "31", "date_1": "5", "date_2": "2016"}, {"date": "2016-05-31"}),
        (WARD, {"ward": "E05009402"}, {"ward": "E05009402"}),
        (POSTCODE, {"postcode": "mk93ej"}, {"postcode": "MK9 3EJ"}),
        (RATING, {"rating": "4"}, {"rating": 4}),
    ],
    ids=lambda v: v.kind if isinstance(v, Question) else None,
)
def test_a_valid_answer_is_accepted(question, data, expected):
    assert answer(question, **data) == (True, expected)


@pytest.mark.parametrize(
    ("question", "data", "message"),
    [
        (SINGLE, {}, "Select an answer to “How has crime changed?”"),
        (SINGLE, {"single": "Sideways"}, "Select one of the answers to “How has crime changed?”"),
        (SINGLE, {"single": "Other"}, "Say what you mean by “Other”"),
        (MULTI, {}, "Select at least one answer to “What have you seen?”"),
        (MULTI, {"multi": ["Speeding", "Dragons"]}, "Select from the answers to “What have you seen?”"),
        (SCALE, {"scale": "Meh"}, "Select one of the answers to “I feel safe”"),
        (SHORT, {}, "Enter your answer to “Your street”"),
        (SHORT, {"short": "x" * 201}, "Your answer must be 200 characters or fewer"),
        (LONG, {"long": "x" * 5001}, "Your answer must be 5,000 characters or fewer"),
        (LONG, {"long": "bad\x00byte"}, "Your answer contains a character we cannot store; remove it"),
        (NUMBER, {"number": "twelve"}, "Enter a whole number, like 3"),
        (NUMBER, {"number": "121"}, "The number must be 120 or less"),
        (NUMBER, {"number": "-1"}, "The number must be 0 or more"),
        (DATE, {"date_0": "31", "date_1": "2", "date_2": "2016"}, "The date must be a real date, like 27 3 2024"),
        (DATE, {"date_0": "3", "date_1": "", "date_2": "2016"}, "The date must include a month"),
        (DATE, {"date_0": "3", "date_1": "4", "date_2": "16"}, "The year must include 4 numbers, like 2024"),
        (DATE, {"date_0": "x", "date_1": "4", "date_2": "2016"}, "Enter the date in numbers, like 27 3 2024"),
        (DATE, {"date_0": "1", "date_1": "4", "date_2": "²⁰¹⁶"}, "Enter the date in numbers, like 27 3 2024"),
        (DATE, {}, "Enter a date for “When did it happen?”"),
        (WARD, {}, "Select your ward"),
        (WARD, {"ward": "E99999999"}, "Select a ward from the list"),
        (POSTCODE, {}, "Enter your postcode, like MK9 3EJ"),
        (POSTCODE, {"postcode": "MK9"}, "Enter your full postcode, like MK9 3EJ, not just the first part."),
        (POSTCODE, {"postcode": "MK9 3E!"}, "A postcode can only contain letters and numbers, like MK9 3EJ."),
        (POSTCODE, {"postcode": "not a postcode"}, "That postcode is too long. Enter a postcode like MK9 3EJ."),
        (RATING, {"rating": "6"}, "Select one of the answers to “Rate it”"),
    ],
    ids=lambda v: v.kind if isinstance(v, Question) else None,
)
def test_an_invalid_answer_is_refused_in_plain_english(question, data, message):
    valid, errors = answer(question, **data)
    assert not valid
    assert message in [m for messages in errors.values() for m in messages], errors


def test_an_optional_question_may_be_left_empty():
    optional = Question("opt", Kind.NUMBER, "How many?", required=False)
    assert answer(optional) == (True, {})


def test_the_big_numbers_a_database_column_cannot_hold_are_refused():
    unbounded = Question("n", Kind.NUMBER, "How many?")
    valid, errors = answer(unbounded, n=str(10**12))
    assert not valid and errors["n"] == ["The number must be 1,000,000,000 or less"]
