"""The demo: activities on all four rungs, one complete with its outcome, a task-and-finish group (issue 4, 6)."""

import pytest

from consultations.models import ConsultationPage, GroupOutput, TaskGroupPage

pytestmark = pytest.mark.django_db


def test_demo_covers_every_rung_is_idempotent_and_renders(demo_site, client):
    from consultations.demo import load

    load()
    counts = (ConsultationPage.objects.count(), TaskGroupPage.objects.count(), GroupOutput.objects.count())
    load()
    assert counts == (ConsultationPage.objects.count(), TaskGroupPage.objects.count(), GroupOutput.objects.count())
    levels = set(ConsultationPage.objects.live().values_list("engagement_level", flat=True))
    assert levels == {"inform", "consult", "involve", "co-produce"}
    complete = ConsultationPage.objects.get(slug="safe-places-first-venues")
    assert complete.is_complete and complete.outcome_answers().exists()
    underpasses = ConsultationPage.objects.get(slug="forward-together-bletchley-underpasses")
    assert underpasses.groups.count() == 1 and underpasses.wards.count() == 2
    for page in [*ConsultationPage.objects.live(), *TaskGroupPage.objects.live(), underpasses.get_parent()]:
        assert client.get(page.url).status_code == 200, page.url
    assert client.get("/get-involved/ladder-report/").status_code == 200
