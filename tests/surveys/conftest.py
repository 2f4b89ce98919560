import pytest
from django.core.cache import cache

from core.models import Ward
from core.protection import issue_token
from tests.surveys.factories import make_survey


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(demo_site):
    """The Safer neighbourhoods survey's questions (seed 004), open, with no responses."""
    return make_survey(demo_site, title="Safer neighbourhoods survey", slug="safer-neighbourhoods-survey")


@pytest.fixture
def ward(demo_site):
    return Ward.objects.order_by("code").first()


def section_post(**answers):
    return {"website": "", "submission_token": issue_token("survey-section"), **answers}


def submit_post(**extra):
    return {"website": "", "submission_token": issue_token("survey-submit"), **extra}


def answer_everything(client, survey, ward, *, victim="No", concerns="Speeding cars on the grid roads."):
    """Walk the demo survey as a resident, section by section, and return the last response."""
    url = survey.url
    steps = [
        (1, {"ward": ward.code, "connection": "I live here"}),
        (2, {"crime-perception": "Increased a lot", "feel-safe": "Agree", "victim": victim}),
    ]
    if victim == "Yes":
        steps.append((3, {"reported": "Yes", "report-handling": "4"}))
    steps += [(4, {"concerns": concerns, "seen": ["Speeding", "Fly-tipping"]}), (5, {"age": "25 to 44"})]
    for number, data in steps:
        response = client.post(f"{url}section/{number}/", section_post(**data))
        assert response.status_code == 302, response.content.decode()[:3000]
    return response
