"""Fuzzing the answer forms: whatever a browser or a script posts, the survey answers 200 or a redirect, never 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.protection import issue_token
from surveys.forms import SectionForm
from surveys.policies import OTHER_SUFFIX

pytestmark = pytest.mark.django_db

FIELD_NAMES = [
    "ward", "connection", "connection__other", "crime-perception", "feel-safe", "victim", "reported",
    "report-handling", "concerns", "seen", "seen__other", "age", "disability", "website", "submission_token",
    "save", "date_0", "date_1", "date_2", "csrfmiddlewaretoken", "",
]  # fmt: skip
NASTY_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["\x00", "Other", "Yes", "E05009401", "-1", "9" * 40, "1e309", "NaN", "\ud7ff", "'; DROP TABLE"]),
    st.builds(lambda char, size: char * size, st.characters(codec="utf-8"), st.integers(4990, 5010)),
)
VALUES = st.one_of(NASTY_TEXT, st.lists(NASTY_TEXT, max_size=4))
POSTS = st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=20)), VALUES, max_size=12)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=POSTS, number=st.integers(min_value=1, max_value=6), with_token=st.booleans())
def test_no_server_error_for_any_section_post(client, survey, data, number, with_token):
    if with_token:
        data = {**data, "submission_token": issue_token("survey-section")}
    response = client.post(f"{survey.url}section/{number}/", data)
    assert response.status_code in (200, 302, 404), response.status_code


@SETTINGS
@given(data=POSTS, with_token=st.booleans())
def test_no_server_error_for_any_final_post(client, survey, data, with_token):
    if with_token:
        data = {**data, "submission_token": issue_token("survey-submit")}
    response = client.post(f"{survey.url}check-your-answers/", data)
    assert response.status_code in (200, 302, 429), response.status_code


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=POSTS)
def test_a_section_form_either_refuses_or_returns_answers_of_the_right_shape(survey, data):
    """Straight at the form (fast, so many more cases): valid input always comes back in the policies' shapes."""
    questions = survey.questionnaire().questions()
    form = SectionForm(
        data={**data, "submission_token": issue_token("survey-section")},
        questions=questions,
        wards=[("E05009401", "Bletchley East")],
    )
    if form.is_valid():
        for question in questions:
            value = form.answers().get(question.reference)
            if value is None:
                continue
            if question.options:
                chosen = value if isinstance(value, list) else [str(value)]
                assert set(chosen) <= set(question.options) | {"E05009401"}
            if question.allow_other:
                assert isinstance(form.answers().get(question.reference + OTHER_SUFFIX, ""), str)
