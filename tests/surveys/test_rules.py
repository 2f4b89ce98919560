"""Who may do what with surveys: only officers see raw responses and exports; the public sees only published,
suppressed results."""

import pytest
from django.utils import timezone

from surveys.models import ExportJob
from tests.factories import StaffFactory, UserFactory
from tests.surveys.test_results import add_responses

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "resident": {"groups": []},
    "communications officer": {"groups": ["Communications officers"], "is_staff": True},
    "case officer": {"groups": ["Case officers"], "is_staff": True},
    "partnership admin": {"groups": ["Partnership admins"], "is_staff": True},
}

ACTIONS = {
    "read the published results": lambda ids: ids["survey_url"] + "results/",
    "read the officer results": lambda ids: f"/surveys/results/{ids['survey']}/",
    "download the CSV export": lambda ids: f"/surveys/results/{ids['survey']}/responses.csv",
    "download the XLSX export": lambda ids: f"/surveys/results/{ids['survey']}/responses.xlsx",
    "import responses": lambda ids: f"/surveys/results/{ids['survey']}/import/",
    "import ward populations": lambda ids: "/surveys/ward-populations/",
    "list surveys in the admin": lambda ids: "/admin/survey-results/",
    "manage quick polls": lambda ids: "/admin/snippets/surveys/poll/",
    "download another officer's export": lambda ids: f"/surveys/exports/{ids['export']}/download/",
}

OFFICER = set(ACTIONS) - {"download another officer's export"}
ALLOWED = {
    "anonymous": {"read the published results"},
    "resident": {"read the published results"},
    "communications officer": OFFICER,
    "case officer": {"read the published results"},
    "partnership admin": OFFICER,
}

MATRIX = [(role, action, action in ALLOWED[role]) for role in ROLES for action in ACTIONS]


@pytest.mark.parametrize(("role", "action", "allowed"), MATRIX, ids=[f"{r}-{a}" for r, a, _ in MATRIX])
def test_role_action_matrix(client, survey, role, action, allowed):
    survey.publish_results = True
    survey.save_revision().publish()
    add_responses(survey, 6)
    someone_else = StaffFactory(groups=["Communications officers"])
    export = ExportJob.objects.create(
        survey=survey, requested_by=someone_else, format="csv", status="done", created_at=timezone.now()
    )
    spec = ROLES[role]
    if spec is not None:
        factory = StaffFactory if spec.get("is_staff") else UserFactory
        client.force_login(factory(groups=spec["groups"]))
    ids = {"survey": survey.pk, "survey_url": survey.url, "export": export.pk}
    response = client.get(ACTIONS[action](ids))
    if allowed:
        assert response.status_code == 200, f"{role} should be able to {action}"
    else:
        assert response.status_code in (302, 403, 404), f"{role} must not {action} (got {response.status_code})"
        if response.status_code == 302:
            assert "login" in response["Location"] or response["Location"] == "/admin/"


def test_raw_free_text_never_reaches_the_public_results(client, survey):
    survey.publish_results = True
    survey.save_revision().publish()
    add_responses(survey, 30)
    page = client.get(survey.results_url).content.decode()
    from surveys.models import Answer

    for text in Answer.objects.filter(question="concerns").values_list("value", flat=True)[:20]:
        assert text not in page
