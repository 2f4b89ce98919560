"""The rules of a survey, as pure functions: no database, no clock.

A survey is a `Questionnaire`: sections shown as separate pages, each holding questions. The survey page turns
its StreamField into one (`SurveyPage.questionnaire()`), and everything that decides what a resident sees, what
must be answered and what is stored works on it here, so the rules can be tested without a database.

Answers travel as a plain dict `{reference: value}` (what the session and a saved draft hold):

    single choice     "Increased a lot"            (the "other" text, if chosen, under "<reference>__other")
    multiple choice   ["Speeding", "Litter"]
    agreement scale   "Agree"
    short, long text  "Cars race along ..."
    number, rating    7
    date              "2016-05-31"
    ward              "E05009401"                  (the ward's ONS code)
    postcode          "MK9 3EJ"                    (only the sector "MK9 3" is ever stored with a response)
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    AGREEMENT_SCALE = "agreement_scale"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    WARD = "ward"
    POSTCODE = "postcode"
    RATING = "rating"


CHOICE_KINDS = {Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE, Kind.AGREEMENT_SCALE, Kind.RATING, Kind.WARD}
FREE_TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
AGREEMENT_SCALE = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
OTHER_OPTION = "Other"
OTHER_SUFFIX = "__other"
# The export's own columns, before one column per question: no question may take these names.
RESERVED_REFERENCES = ("reference", "submitted_at", "ward_code", "ward_name", "source")
REFERENCE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000

# Results about fewer people than this are not published: a ward with three answers could identify them.
SUPPRESSION_THRESHOLD = 5


@dataclass(frozen=True)
class Condition:
    """Show a question only when an earlier question was answered `answer`."""

    reference: str
    answer: str


@dataclass(frozen=True)
class Question:
    reference: str
    kind: Kind
    text: str
    help_text: str = ""
    required: bool = True
    choices: tuple = ()
    allow_other: bool = False
    minimum: int | None = None
    maximum: int | None = None
    show_if: Condition | None = None
    publish: bool = True

    @property
    def options(self):
        """The answers a resident can pick, in order (empty for free answers)."""
        if self.kind == Kind.AGREEMENT_SCALE:
            return list(AGREEMENT_SCALE)
        if self.kind == Kind.RATING:
            return [str(n) for n in range(1, (self.maximum or 5) + 1)]
        if self.kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
            return [*self.choices, OTHER_OPTION] if self.allow_other else list(self.choices)
        return []

    @property
    def is_free_text(self):
        return self.kind in FREE_TEXT_KINDS


@dataclass(frozen=True)
class Section:
    title: str
    questions: tuple
    intro: str = ""
    equality_monitoring: bool = False


@dataclass(frozen=True)
class Questionnaire:
    sections: tuple = field(default_factory=tuple)

    def questions(self):
        return [question for section in self.sections for question in section.questions]

    def question(self, reference):
        return next((q for q in self.questions() if q.reference == reference), None)


# Opening and closing ------------------------------------------------------------------------------------------


class Status(StrEnum):
    NOT_YET_OPEN = "not-yet-open"
    OPEN = "open"
    CLOSED = "closed"


def status_at(*, opens_at, closes_at, at):
    """Whether a survey takes answers at `at`: it opens at `opens_at` (if set) and closes at `closes_at`."""
    if opens_at and at < opens_at:
        return Status.NOT_YET_OPEN
    if closes_at and at >= closes_at:
        return Status.CLOSED
    return Status.OPEN


# Conditional questions ----------------------------------------------------------------------------------------


def condition_met(condition, answers):
    if condition is None:
        return True
    given = answers.get(condition.reference)
    if isinstance(given, list):
        return condition.answer in given
    return given is not None and str(given) == condition.answer


def prune(questionnaire, answers):
    """The answers that still count: those to questions the resident was shown.

    Walks the questions in order, so a question whose condition depends on a hidden question is hidden too, and
    a stale answer to a question that is now hidden (the resident went back and changed their mind) is dropped.
    """
    kept = {}
    for question in questionnaire.questions():
        if not condition_met(question.show_if, kept):
            continue
        if question.reference in answers:
            kept[question.reference] = answers[question.reference]
            other = question.reference + OTHER_SUFFIX
            if question.allow_other and other in answers and _chose_other(answers[question.reference]):
                kept[other] = answers[other]
    return kept


def _chose_other(value):
    return value == OTHER_OPTION or (isinstance(value, list) and OTHER_OPTION in value)


def visible_questions(section, answers):
    """The questions of a section a resident with these answers is shown (never a hidden one)."""
    return [question for question in section.questions if condition_met(question.show_if, answers)]


def visible_section_indexes(questionnaire, answers):
    """The sections with at least one question to show: a section whose questions are all hidden is skipped."""
    pruned = prune(questionnaire, answers)
    return [i for i, section in enumerate(questionnaire.sections) if visible_questions(section, pruned)]


def is_answered(value):
    return value not in (None, "", [])


def missing_answers(questionnaire, answers):
    """The required questions a resident was shown but has not answered. A hidden question is never required."""
    pruned = prune(questionnaire, answers)
    missing = []
    for section in questionnaire.sections:
        for question in visible_questions(section, pruned):
            if (
                question.required
                and not section.equality_monitoring
                and not is_answered(pruned.get(question.reference))
            ):
                missing.append(question)
    return missing


def check_questionnaire(questionnaire):
    """What an officer must fix before a survey can be published, in plain English (empty when it is sound)."""
    problems = []
    seen = {}
    for index, section in enumerate(questionnaire.sections):
        for question in section.questions:
            if not REFERENCE_PATTERN.match(question.reference or ""):
                problems.append(
                    f"“{question.text}”: the short name must use small letters, numbers and single hyphens, "
                    "like crime-perception."
                )
            elif question.reference in RESERVED_REFERENCES:
                problems.append(
                    f"“{question.reference}” is a column every export already has: choose another short name."
                )
            elif question.reference in seen:
                problems.append(f"Two questions have the short name “{question.reference}”: give each its own.")
            if question.kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE) and len(question.choices) < 2:
                problems.append(f"“{question.text}”: give at least two answers to choose from.")
            if question.minimum is not None and question.maximum is not None and question.minimum > question.maximum:
                problems.append(f"“{question.text}”: the smallest number allowed is bigger than the largest.")
            condition = question.show_if
            if condition:
                earlier = seen.get(condition.reference)
                if earlier is None:
                    problems.append(
                        f"“{question.text}” depends on “{condition.reference}”, which is not a question before it."
                    )
                elif earlier[1] == index:
                    problems.append(
                        f"“{question.text}” depends on “{condition.reference}”: put it in a later section, so "
                        "residents see it only after they have answered (this works without JavaScript)."
                    )
                elif earlier[0].options and condition.answer not in earlier[0].options:
                    problems.append(
                        f"“{question.text}” is shown when “{condition.reference}” is answered "
                        f"“{condition.answer}”, which is not one of its answers."
                    )
            seen.setdefault(question.reference, (question, index))
    return problems


# What is stored ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer: one row per answer (per option ticked, for multiple choice)."""

    reference: str
    value: str
    detail: str = ""
    number: int | None = None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text):
    """Free text as it is stored: Unicode composed (NFC), no control characters, tidy spaces and line breaks.

    Residents paste from anywhere; the concern analysis reads these answers, so they are kept clean and
    comparable, but their words are never changed.
    """
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def postcode_sector(postcode):
    """ "MK9 3EJ" -> "MK9 3": enough to place an answer, not enough to find a home."""
    outward, _, inward = postcode.partition(" ")
    return f"{outward} {inward[:1]}".strip()


def answer_rows(questionnaire, answers):
    """The rows a response stores for these answers (pruned: hidden questions leave nothing behind)."""
    pruned = prune(questionnaire, answers)
    rows = []
    for question in questionnaire.questions():
        value = pruned.get(question.reference)
        if not is_answered(value):
            continue
        ref = question.reference
        if question.kind == Kind.MULTIPLE_CHOICE:
            other = clean_text(pruned.get(ref + OTHER_SUFFIX, ""))
            rows.extend(AnswerRow(ref, option, other if option == OTHER_OPTION else "") for option in value)
        elif question.kind == Kind.SINGLE_CHOICE:
            other = clean_text(pruned.get(ref + OTHER_SUFFIX, "")) if value == OTHER_OPTION else ""
            rows.append(AnswerRow(ref, value, other))
        elif question.kind == Kind.AGREEMENT_SCALE:
            rows.append(AnswerRow(ref, value, number=AGREEMENT_SCALE.index(value) + 1))
        elif question.kind in (Kind.NUMBER, Kind.RATING):
            rows.append(AnswerRow(ref, str(int(value)), number=int(value)))
        elif question.kind in FREE_TEXT_KINDS:
            text = clean_text(value)
            if text:
                rows.append(AnswerRow(ref, text))
        elif question.kind == Kind.POSTCODE:
            rows.append(AnswerRow(ref, postcode_sector(value)))
        else:
            rows.append(AnswerRow(ref, str(value)))
    return rows


def ward_code_from(questionnaire, answers):
    """The ward code a resident chose in the first ward question, if any (postcodes are looked up elsewhere)."""
    pruned = prune(questionnaire, answers)
    for question in questionnaire.questions():
        if question.kind == Kind.WARD and pruned.get(question.reference):
            return pruned[question.reference]
    return None


def postcode_from(questionnaire, answers):
    pruned = prune(questionnaire, answers)
    for question in questionnaire.questions():
        if question.kind == Kind.POSTCODE and pruned.get(question.reference):
            return pruned[question.reference]
    return None


# Results ------------------------------------------------------------------------------------------------------


def suppress(count, *, threshold=SUPPRESSION_THRESHOLD):
    """A count fit to publish: None (shown as "fewer than 5") when it is 1 to threshold - 1."""
    if 0 < count < threshold:
        return None
    return count


def percentage(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class WardRepresentation:
    ward: str
    responses: int
    population: int
    share_of_responses: float
    share_of_population: float
    ratio: float | None
    verdict: str


UNDER, OVER, FAIR = "under-represented", "over-represented", "about right"


def representation(responses_by_ward, population_by_ward, *, tolerance=0.2):
    """Each ward's share of the responses against its share of the population.

    A ratio of 1 means a ward answered in proportion to its size; below 1 - tolerance it is under-represented
    (the partnership should reach out there, FP-002), above 1 + tolerance over-represented. Wards without a
    known population get no verdict.
    """
    total_responses = sum(responses_by_ward.values())
    total_population = sum(population_by_ward.values())
    rows = []
    for ward in sorted(set(responses_by_ward) | set(population_by_ward)):
        responses = responses_by_ward.get(ward, 0)
        population = population_by_ward.get(ward, 0)
        share_r = percentage(responses, total_responses)
        share_p = percentage(population, total_population)
        if not population or not total_responses:
            ratio, verdict = None, "population not known" if not population else "no responses yet"
        else:
            ratio = round((responses / total_responses) / (population / total_population), 2)
            verdict = UNDER if ratio < 1 - tolerance else OVER if ratio > 1 + tolerance else FAIR
        rows.append(WardRepresentation(ward, responses, population, share_r, share_p, ratio, verdict))
    return rows
