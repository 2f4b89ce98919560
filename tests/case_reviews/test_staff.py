"""The case officers' desk through its pages: overdue flags, the threshold decision with reasons, the daily digest
(CT-083..CT-088, CT-030/034, GD-013)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from case_reviews import services
from case_reviews.models import DigestRun
from core.models import OutboxMessage
from tests.case_reviews.factories import ApplicationFactory, incidents_for
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def sent(days_ago):
    return services.submit_application(application=ApplicationFactory(), now=timezone.now() - timedelta(days=days_ago))


def test_ct088_case_list_flags_overdue_cases(client, case_officer, relevant_bodies):
    late = sent(10)
    fresh = sent(0)
    client.force_login(case_officer)
    body = client.get("/case-review/cases/").content.decode()
    row_late = body.split(late.reference)[1].split("</tr>")[0]
    row_fresh = body.split(fresh.reference)[1].split("</tr>")[0]
    assert "Overdue" in row_late and "Acknowledge the application" in row_late
    assert "Overdue" not in row_fresh


def test_case_list_query_count_does_not_grow(client, case_officer, relevant_bodies):
    sent(1)
    client.force_login(case_officer)
    assert_queries_do_not_grow(client, "/case-review/cases/", lambda: [sent(n) for n in range(2, 7)])


def test_ct034_officer_records_a_discretionary_threshold_decision_through_the_page(client, case_officer,
                                                                                   relevant_bodies):  # fmt: skip
    case = sent(1)
    client.force_login(case_officer)
    url = f"/case-review/cases/{case.pk}/"
    client.post(url, {"action": "acknowledge", "acknowledge-spoc": case_officer.pk})
    response = client.post(url, {"action": "decide_threshold", "decide_threshold-met": "yes",
                                 "decide_threshold-route": "discretionary", "decide_threshold-reasons": "Harm"})  # fmt: skip
    assert response.status_code == 400 and "the persistence of the anti-social behaviour" in response.content.decode()
    response = client.post(url, {
        "action": "decide_threshold", "decide_threshold-met": "yes", "decide_threshold-route": "discretionary",
        "decide_threshold-reasons": "Serious harm to a vulnerable victim",
        "decide_threshold-persistence": "Weekly for four months", "decide_threshold-harm": "Victim is disabled",
        "decide_threshold-response": "No joint action yet",
    })  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "threshold_met" and case.threshold_route == "discretionary"
    assert "Threshold met" in client.get(url).content.decode()


def test_ct030_page_refuses_not_met_when_three_qualifying_complaints(client, case_officer, relevant_bodies):
    case = ApplicationFactory()
    incidents_for(case, 3)
    case = services.submit_application(application=case, now=timezone.now())
    services.acknowledge(application=case, user=case_officer, spoc=case_officer, now=timezone.now())
    client.force_login(case_officer)
    response = client.post(f"/case-review/cases/{case.pk}/", {
        "action": "decide_threshold", "decide_threshold-met": "no", "decide_threshold-route": "not_met",
        "decide_threshold-reasons": "x", "decide_threshold-persistence": "x", "decide_threshold-harm": "x",
        "decide_threshold-response": "x", "decide_threshold-signposting": "x",
    })  # fmt: skip
    assert response.status_code == 400 and "must be treated as met" in response.content.decode()


def test_ct088_daily_digest_once_a_day_to_case_officers_only(case_officer, comms_officer, partnership_admin,
                                                             relevant_bodies):  # fmt: skip
    late = sent(10)
    now = timezone.now()
    assert services.send_daily_digest(now=now) == 2  # the case officer and the partnership admin
    recipients = set(OutboxMessage.objects.filter(purpose="case-review-digest").values_list("to", flat=True))
    assert recipients == {case_officer.email, partnership_admin.email}
    digest = OutboxMessage.objects.filter(purpose="case-review-digest").first()
    assert late.reference in digest.body_text and "Overdue" in digest.body_text
    assert late.applicant_name not in digest.body_text  # references only: no personal data in email (GD-013)
    assert services.send_daily_digest(now=now) == 0  # safe to run twice
    assert DigestRun.objects.count() == 1


def test_digest_command_and_the_daily_retention_run(case_officer, relevant_bodies):
    from io import StringIO

    from django.core.management import call_command

    sent(10)
    out = StringIO()
    call_command("case_review_digest", stdout=out)
    call_command("apply_retention", stdout=out)
    assert "digest email" in out.getvalue() and "case-review-anonymisation" in out.getvalue()
