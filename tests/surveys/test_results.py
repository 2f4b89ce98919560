"""Results for officers (every count) and the public (published questions only, small numbers suppressed)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from core.models import Ward
from surveys import demo, results
from surveys.models import Response, WardPopulation
from tests.factories import StaffFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(demo_site):
    return StaffFactory(groups=["Communications officers"])


def add_responses(survey, count, *, ward=None, seed=7):
    """Generated responses like the demo's; `ward` pins them all to one ward."""
    import random

    rng = random.Random(seed + Response.objects.count())
    start = Response.objects.count()
    questionnaire = survey.questionnaire()
    from surveys import policies, services
    from surveys.models import Answer

    wards = [ward] if ward else list(Ward.objects.order_by("code"))
    for i in range(count):
        chosen = rng.choice(wards)
        answers = demo._random_answers(rng, chosen)
        response = Response.objects.create(
            survey=survey,
            respondent_key=services.respondent_key(scope="test", identity=str(start + i)),
            ward=chosen,
            submitted_at=timezone.make_aware(datetime(2026, 6, 1, 12)) + timedelta(days=i % 20),
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=r.reference, value=r.value, detail=r.detail, number=r.number)
            for r in policies.answer_rows(questionnaire, answers)
        )


def test_officer_results_count_every_answer(survey):
    add_responses(survey, 40)
    outcome = results.survey_results(survey)
    assert outcome.total == 40
    perception = next(r for r in outcome.questions if r.question.reference == "crime-perception")
    assert sum(row.count for row in perception.rows) == 40
    assert [row.label for row in perception.rows] == demo.CRIME_CHANGE
    seen = next(r for r in outcome.questions if r.question.reference == "seen")
    assert seen.rows[-1].label == "Other"
    assert sum(count for _day, count in outcome.per_day) == 40


def test_filters_by_ward_and_date(survey):
    ward_a, ward_b = Ward.objects.order_by("code")[:2]
    add_responses(survey, 6, ward=ward_a)
    add_responses(survey, 3, ward=ward_b)
    assert results.survey_results(survey, ward=ward_b).total == 3
    first_day = timezone.make_aware(datetime(2026, 6, 1, 12)).date()
    assert results.survey_results(survey, date_from=first_day, date_to=first_day).total == 2


def test_public_results_publish_only_chosen_questions_and_suppress_small_numbers(survey):
    ward_a, ward_b = Ward.objects.order_by("code")[:2]
    add_responses(survey, 12, ward=ward_a)
    add_responses(survey, 3, ward=ward_b)
    public = results.survey_results(survey, public=True)
    references = {r.question.reference for r in public.questions}
    assert "concerns" not in references  # free text is never published
    assert "crime-perception" in references
    by_ward = {row.label: row.count for row in public.per_ward}
    assert by_ward == {ward_a.name: 12, ward_b.name: None}
    for result in public.questions:
        for row in result.rows:
            assert row.count is None or row.count == 0 or row.count >= 5


def test_the_public_results_page_shows_fewer_than_5_and_no_free_text(client, survey):
    survey.publish_results = True
    survey.save_revision().publish()
    ward_a, ward_b = Ward.objects.order_by("code")[:2]
    add_responses(survey, 10, ward=ward_a)
    add_responses(survey, 2, ward=ward_b)
    page = client.get(survey.results_url).content.decode()
    assert "Fewer than 5" in page
    assert ward_b.name in page
    assert demo.CONCERN_QUESTION not in page
    assert not any(phrase in page for phrase in demo.CONCERN_PHRASES)


def test_unpublished_results_are_not_public(client, survey):
    assert client.get(survey.results_url).status_code == 404


def test_the_officer_results_page_draws_every_question_with_its_table(client, survey, officer):
    add_responses(survey, 30)
    client.force_login(officer)
    page = client.get(f"/surveys/results/{survey.pk}/").content.decode()
    assert page.count('data-chart="bar"') >= 8
    assert 'data-chart="line"' in page
    assert "30</strong> responses" in page


def test_results_pages_take_the_same_queries_whatever_the_number_of_responses(client, survey, officer):
    survey.publish_results = True
    survey.save_revision().publish()
    add_responses(survey, 10)
    assert_queries_do_not_grow(client, survey.results_url, lambda: add_responses(survey, 60), at_most=40)
    client.force_login(officer)
    assert_queries_do_not_grow(client, f"/surveys/results/{survey.pk}/", lambda: add_responses(survey, 60), at_most=45)


def test_representativeness_against_ward_population(survey, client, officer):
    ward_a, ward_b = Ward.objects.order_by("code")[:2]
    add_responses(survey, 8, ward=ward_a)
    add_responses(survey, 2, ward=ward_b)
    client.force_login(officer)
    upload = f"ward_code,population\n{ward_a.code},5000\n{ward_b.code},5000\nE99999999,10\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(
        "/surveys/ward-populations/",
        {"file": SimpleUploadedFile("pop.csv", upload.encode()), "source": "ONS mid-2022"},
    ).content.decode()
    assert "2 wards updated" in page and "E99999999 is not a ward we know" in page
    assert WardPopulation.objects.count() == 2
    rows = {row.ward: row.verdict for row in results.representation(survey)}
    assert rows == {ward_a.name: "over-represented", ward_b.name: "under-represented"}
    page = client.get(f"/surveys/results/{survey.pk}/").content.decode()
    assert "under-represented" in page and "over-represented" in page
