"""Results: each question's counts as a table (and chart), responses over time and by ward.

Everything comes from three GROUP BY queries whatever the number of responses. `public=True` keeps only the
questions the officer chose to publish, never free text, and suppresses every count of 1 to 4 (a small number
in a ward could point at a neighbour).
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count

from core.models import Ward
from surveys import policies
from surveys.models import Answer, Response, WardPopulation
from surveys.policies import Kind


@dataclass
class Row:
    label: str
    count: int | None  # None: suppressed ("fewer than 5")
    percent: float | None


@dataclass
class QuestionResult:
    question: policies.Question
    rows: list = field(default_factory=list)
    answered: int = 0
    average: float | None = None
    chartable: bool = True

    @property
    def chart_id(self):
        return f"chart-{self.question.reference}"


@dataclass
class SurveyResults:
    total: int
    questions: list
    per_day: list
    per_ward: list  # [Row]
    public: bool


def survey_results(survey, *, ward=None, date_from=None, date_to=None, public=False):
    questionnaire = survey.questionnaire()
    responses = (
        Response.objects.filter(survey=survey).counted().filtered(ward=ward, date_from=date_from, date_to=date_to)
    )
    total = responses.count()
    questions = [
        q
        for q in questionnaire.questions()
        if not public or (q.publish and not q.is_free_text and q.kind != Kind.POSTCODE)
    ]
    answers = Answer.objects.filter(response__in=responses)
    chosen = [q.reference for q in questions if q.kind in policies.CHOICE_KINDS]
    tallies = answers.filter(question__in=chosen).tallies()
    answered = dict(
        answers.order_by()
        .values_list("question")
        .annotate(n=Count("response", distinct=True))
        .values_list("question", "n")
    )
    averages = dict(
        answers.filter(number__isnull=False)
        .order_by()
        .values_list("question")
        .annotate(mean=Avg("number"))
        .values_list("question", "mean")
    )
    ward_names = dict(Ward.objects.values_list("code", "name")) if any(q.kind == Kind.WARD for q in questions) else {}
    shown = []
    for question in questions:
        result = QuestionResult(question=question, answered=answered.get(question.reference, 0))
        if question.kind in policies.CHOICE_KINDS:
            options = question.options
            if question.kind == Kind.WARD:
                options = sorted({value for (ref, value) in tallies if ref == question.reference})
            for option in options:
                count = tallies.get((question.reference, option), 0)
                label = ward_names.get(option, option) if question.kind == Kind.WARD else option
                result.rows.append(_row(label, count, result.answered, public))
        else:
            result.chartable = False
        if question.kind in (Kind.NUMBER, Kind.RATING, Kind.AGREEMENT_SCALE) and averages.get(question.reference):
            result.average = round(averages[question.reference], 1)
        shown.append(result)
    per_day = responses.per_day()
    ward_counts = responses.per_ward()
    names = dict(Ward.objects.filter(pk__in=[pk for pk in ward_counts if pk]).values_list("pk", "name"))
    per_ward = sorted(
        (_row(names.get(pk, "Ward not known"), count, total, public) for pk, count in ward_counts.items()),
        key=lambda row: row.label,
    )
    return SurveyResults(total=total, questions=shown, per_day=per_day, per_ward=per_ward, public=public)


def _row(label, count, whole, public):
    if public and policies.suppress(count) is None:
        return Row(label, None, None)
    return Row(label, count, policies.percentage(count, whole))


def representation(survey):
    """Responses per ward against ward population (policies.representation), with ward names."""
    ward_counts = Response.objects.filter(survey=survey).counted().per_ward()
    populations = dict(WardPopulation.objects.values_list("ward_id", "population"))
    names = dict(Ward.objects.filter(pk__in=set(ward_counts) | set(populations)).values_list("pk", "name"))
    return policies.representation(
        {names[pk]: n for pk, n in ward_counts.items() if pk in names},
        {names[pk]: n for pk, n in populations.items() if pk in names},
    )
