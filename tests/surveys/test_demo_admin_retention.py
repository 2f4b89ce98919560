"""The demo survey, the survey builder in the admin, and what surveys forget."""

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from core import retention
from surveys import demo
from surveys.models import Answer, ExportJob, Response, SurveyDraft, SurveyPage
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_the_demo_survey_has_several_hundred_responses_across_the_wards_and_loads_once(demo_site):
    survey = demo.load()
    assert survey.title == "Safer neighbourhoods survey"
    assert survey.questionnaire().question("concerns").text == demo.CONCERN_QUESTION
    assert Response.objects.filter(survey=survey).count() == demo.RESPONSES
    assert Response.objects.values("ward").distinct().count() >= 15
    perceptions = dict(Answer.objects.filter(question="crime-perception").values_list("value").annotate(n=Count("id")))
    increased = perceptions["Increased a lot"] + perceptions["Increased a little"]
    assert increased > demo.RESPONSES / 2  # seed 004: most residents thought crime had risen
    concerns = Answer.objects.filter(question="concerns")
    assert concerns.count() > 300 and all(text == text.strip() for text in concerns.values_list("value", flat=True))
    first = sorted(concerns.values_list("value", flat=True))
    demo.load()  # idempotent
    assert SurveyPage.objects.count() == 1 and Response.objects.count() == demo.RESPONSES
    assert sorted(Answer.objects.filter(question="concerns").values_list("value", flat=True)) == first


def test_the_concern_answers_are_queryable_with_question_ward_and_date(demo_site):
    demo.load()
    rows = list(Answer.objects.free_text("concerns")[:5])
    assert all(row.response.ward and row.response.submitted_at for row in rows)


def test_a_communications_officer_builds_a_survey_in_the_page_editor(client, demo_site):
    client.force_login(StaffFactory(groups=["Communications officers"]))
    survey = demo.load()
    add = client.get(f"/admin/pages/add/surveys/surveypage/{demo_site.pk}/")
    assert add.status_code == 200
    html = add.content.decode()
    for label in ("Single choice", "Agreement scale", "UK postcode (finds the ward)", "Rating", "Equality monitoring"):
        assert label in html
    assert client.get(f"/admin/pages/{survey.pk}/edit/").status_code == 200
    listing = client.get(f"/admin/pages/{demo_site.pk}/").content.decode()
    assert f"/surveys/results/{survey.pk}/" in listing
    assert client.get("/admin/survey-results/").status_code == 200


def test_the_page_refuses_questions_an_officer_must_fix(demo_site):
    from django.core.exceptions import ValidationError

    from tests.surveys.factories import question, section

    page = SurveyPage(
        title="Broken",
        slug="broken",
        sections=[
            section(
                "One",
                question("short_text", "a"),
                question("short_text", "b", show_if_reference="a", show_if_answer="x"),
            )
        ],
        opens_at=timezone.now(),
        closes_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        page.clean()
    messages = refused.value.message_dict["sections"]
    assert any("put it in a later section" in m for m in messages)
    assert "The survey must close after it opens." in messages


def test_drafts_unconfirmed_responses_and_export_files_are_forgotten_in_time(survey):
    now = timezone.now()
    SurveyDraft.objects.create(survey=survey, answers={}, created_at=now, expires_at=now + timedelta(days=30))
    Response.objects.create(survey=survey, respondent_key="k1", status="awaiting-confirmation", submitted_at=now)
    Response.objects.create(survey=survey, respondent_key="k2", submitted_at=now)
    officer = StaffFactory(groups=["Communications officers"])
    ExportJob.objects.create(survey=survey, requested_by=officer, format="csv", created_at=now)

    assert sum(retention.apply_all(now=now + timedelta(days=6)).values()) == 0
    deleted = retention.apply_all(now=now + timedelta(days=31))
    assert deleted["survey-drafts"] == 1
    assert deleted["survey-unconfirmed-responses"] == 1
    assert deleted["survey-exports"] == 1
    assert list(Response.objects.values_list("respondent_key", flat=True)) == ["k2"]  # answers stay
