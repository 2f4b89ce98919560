"""Twenty identical survey submissions at once create one response; without the guards they create many.

Both guards are shown: the one-time token (twenty posts of the same check-your-answers form) and the unique
respondent key (the same person sending from several forms at once). PostgreSQL only: SQLite serialises writers.
"""

import threading

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from core.protection import issue_token
from surveys import services
from surveys.models import Answer, Response
from tests.surveys.factories import make_survey

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONCURRENT = 20
ANSWERS = {
    "connection": "I live here",
    "crime-perception": "Increased a lot",
    "feel-safe": "Agree",
    "victim": "No",
    "age": "25 to 44",
}


@pytest.fixture
def survey(demo_site):
    return make_survey(demo_site, title="Safer neighbourhoods survey", slug="race-survey")


def resident_with_answers(survey):
    """A browser session holding a complete set of answers, ready to send."""
    from core.models import Ward

    client = Client()
    answers = {**ANSWERS, "ward": Ward.objects.order_by("code").first().code}
    session = client.session
    session[f"surveys:{survey.pk}:answers"] = answers
    session["surveys:respondent"] = "resident-one"
    session.save()
    client.cookies["sessionid"] = session.session_key
    return client, session.session_key


@override_settings(PUBLIC_FORM_RATE_LIMITS={"ip": (1000, 3600), "email": (1000, 3600)})
def test_twenty_identical_concurrent_submissions_create_one_response(together, survey):
    cache.clear()
    _client, session_key = resident_with_answers(survey)
    data = {"website": "", "submission_token": issue_token("survey-submit")}
    url = f"{survey.url}check-your-answers/"

    def post(_i):
        client = Client()
        client.cookies["sessionid"] = session_key
        return client.post(url, data)

    results = together(CONCURRENT, post)
    assert all(getattr(r, "status_code", r) == 302 for r in results), results
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question="crime-perception").count() == 1


def test_the_same_person_from_twenty_forms_at_once_is_counted_once(together, survey):
    """Different tokens (twenty tabs), one respondent: the unique key lets one in and refuses the rest kindly."""

    from core.models import Ward

    ward = Ward.objects.order_by("code").first().code

    def submit(_i):
        return services.submit_response(
            survey=survey,
            answers={**ANSWERS, "ward": ward},
            respondent="resident-one",
            now=timezone.now(),
        )

    results = together(CONCURRENT, submit)
    assert Response.objects.count() == 1
    refused = [r for r in results if isinstance(r, services.AlreadyResponded)]
    assert len(refused) == CONCURRENT - 1


def test_the_race_exists_without_the_guards(together, survey):
    """Check-then-create with no unique key: every thread sees no response and makes one."""
    checked = threading.Barrier(CONCURRENT)

    def naive_submit(i):
        exists = Response.objects.filter(survey=survey, respondent_key__startswith="naive").exists()
        checked.wait(timeout=10)
        if not exists:
            Response.objects.create(survey=survey, respondent_key=f"naive-{i}", submitted_at=timezone.now())

    together(CONCURRENT, naive_submit)
    assert Response.objects.count() == CONCURRENT
