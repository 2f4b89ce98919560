"""The case officers' workflow (CT-080..CT-094, CT-100..CT-105), its audit trail and its letters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from case_reviews import services
from case_reviews.exceptions import CaseReviewError, StepNotAllowed
from case_reviews.models import Appeal, Application, CaseEvent, Status
from core import audit
from core.models import OutboxMessage
from tests.case_reviews.factories import ApplicationFactory, RelevantBodyFactory, incidents_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_case(relevant_bodies):
    application = ApplicationFactory()
    return services.submit_application(application=application, now=timezone.now())


def letters_to(application):
    return list(OutboxMessage.objects.filter(to=application.email).values_list("purpose", flat=True))


def test_ct012_every_active_body_is_told_once_and_logged(relevant_bodies):
    RelevantBodyFactory(name="Retired body", active=False)
    application = services.submit_application(application=ApplicationFactory(), now=timezone.now())
    assert application.notifications.count() == 3
    assert all(n.notified_at and n.message_id for n in application.notifications.all())
    assert services.notify_relevant_bodies(application=application, now=timezone.now()) == 0  # safe to run twice
    assert services.submit_application(application=application, now=timezone.now()).reference == application.reference


def test_ct091_acknowledge_needs_a_single_point_of_contact(sent_case, case_officer):
    with pytest.raises(CaseReviewError, match="single point of contact"):
        services.acknowledge(application=sent_case, user=case_officer, spoc=None, now=timezone.now())
    case = services.acknowledge(application=sent_case, user=case_officer, spoc=case_officer, now=timezone.now(),
                                victim_support_offered=True)  # fmt: skip
    assert case.status == Status.ACKNOWLEDGED and case.spoc == case_officer
    assert "case-review-acknowledged" in letters_to(case)
    body = OutboxMessage.objects.get(purpose="case-review-acknowledged").body_text
    assert "Priya Shah" in body and case.reference in body


def test_ct030_officer_cannot_record_not_met_with_three_qualifying_complaints(sent_case, case_officer):
    incidents_for(sent_case, 3)
    services.acknowledge(application=sent_case, user=case_officer, spoc=case_officer, now=timezone.now())
    with pytest.raises(CaseReviewError, match="must be treated as met"):
        services.decide_threshold(application=sent_case, user=case_officer, met=False, route="not_met",
                                  reasons="Not persistent", signposting="Mediation", now=timezone.now())  # fmt: skip
    case = services.decide_threshold(application=sent_case, user=case_officer, met=True, route="automatic",
                                     reasons="Three qualifying complaints", now=timezone.now())  # fmt: skip
    assert case.status == Status.THRESHOLD_MET and case.threshold_route == "automatic"


def test_ct034_discretionary_decision_recorded_against_the_three_factors(sent_case, case_officer):
    services.acknowledge(application=sent_case, user=case_officer, spoc=case_officer, now=timezone.now())
    with pytest.raises(CaseReviewError) as refused:
        services.decide_threshold(application=sent_case, user=case_officer, met=True, route="discretionary",
                                  reasons="High harm", now=timezone.now())  # fmt: skip
    assert refused.value.field == "persistence"
    case = services.decide_threshold(
        application=sent_case, user=case_officer, met=True, route="discretionary", reasons="High harm",
        persistence="Nightly for months", harm="Vulnerable victim", response="No joint action", now=timezone.now(),
    )  # fmt: skip
    assert (case.persistence_view, case.harm_view, case.response_view) == (
        "Nightly for months", "Vulnerable victim", "No joint action")  # fmt: skip


def test_ct094_not_met_needs_signposting_and_the_applicant_is_told_why(sent_case, case_officer):
    services.acknowledge(application=sent_case, user=case_officer, spoc=case_officer, now=timezone.now())
    factors = {"persistence": "Two incidents", "harm": "Low", "response": "Police visited"}
    with pytest.raises(CaseReviewError, match="signposting"):
        services.decide_threshold(application=sent_case, user=case_officer, met=False, route="not_met",
                                  reasons="Not enough", now=timezone.now(), **factors)  # fmt: skip
    case = services.decide_threshold(application=sent_case, user=case_officer, met=False, route="not_met",
                                     reasons="Only two complaints", signposting="Referred to mediation",
                                     now=timezone.now(), **factors)  # fmt: skip
    assert case.status == Status.THRESHOLD_NOT_MET
    letter = OutboxMessage.objects.get(purpose="case-review-threshold_not_met").body_text
    assert "Only two complaints" in letter and "Referred to mediation" in letter


def test_ct080_full_workflow_to_closure_with_recommendations_and_appeal(sent_case, case_officer, relevant_bodies):
    now = timezone.now()
    a = services.acknowledge(application=sent_case, user=case_officer, spoc=case_officer, now=now)
    incidents_for(a, 3)
    a = services.decide_threshold(application=a, user=case_officer, met=True, route="automatic", reasons="3", now=now)
    with pytest.raises(CaseReviewError, match="chair"):
        services.schedule_meeting(application=a, user=case_officer, meeting_at=now, chair=" ", chair_independence="",
                                  victim_involvement="none", now=now)  # fmt: skip
    a = services.schedule_meeting(application=a, user=case_officer, meeting_at=now + timedelta(days=10),
                                  chair="Chief Inspector R. Obi (Bedford CSP)", chair_independence="From another CSP",
                                  victim_involvement="virtual", now=now)  # fmt: skip
    a = services.hold_review(application=a, user=case_officer, now=now)
    rec = services.add_recommendation(application=a, user=case_officer, text="Joint visit", owner=relevant_bodies[0],
                                      due_on=now.date() + timedelta(days=28), now=now)  # fmt: skip
    a = services.share_action_plan(application=a, user=case_officer, now=now)
    a = services.send_outcome(application=a, user=case_officer, summary="Action plan agreed.", now=now)
    appeal = services.open_appeal(application=a, user=case_officer, ground="facts", details="Noise diary ignored",
                                  now=now)  # fmt: skip
    assert appeal.kind == Appeal.Kind.CONDUCT
    a.refresh_from_db()
    assert a.status == Status.APPEAL
    services.decide_appeal(application=a, user=case_officer, outcome="properly_done", reasons="Diary considered",
                           now=now)  # fmt: skip
    a.refresh_from_db()
    assert a.status == Status.OUTCOME_SENT
    services.update_recommendation(recommendation=rec, user=case_officer, state="done")
    with pytest.raises(CaseReviewError, match="reason"):
        services.close_case(application=a, user=case_officer, reason="", now=now)
    a = services.close_case(application=a, user=case_officer, reason="Plan complete, behaviour stopped", now=now)
    assert a.status == Status.CLOSED
    statuses = list(CaseEvent.objects.filter(application=a).values_list("status", flat=True))
    assert statuses == ["received", "acknowledged", "threshold_met", "meeting_scheduled", "review_held",
                        "action_plan_shared", "outcome_sent", "appeal", "outcome_sent", "closed"]  # fmt: skip
    purposes = letters_to(a)
    for key in ("received", "acknowledged", "threshold_met", "meeting_scheduled", "action_plan_shared",
                "outcome_sent", "appeal_received", "appeal_decided", "closed"):  # fmt: skip
        assert f"case-review-{key}" in purposes
    changes = [e.detail for e in audit.events_for(a)]
    assert "closed the case" in changes and "added a recommendation" in changes


def test_ct100_threshold_appeal_upheld_sends_the_decision_back(sent_case, case_officer):
    now = timezone.now()
    services.acknowledge(application=sent_case, user=case_officer, spoc=case_officer, now=now)
    services.decide_threshold(application=sent_case, user=case_officer, met=False, route="not_met", reasons="R",
                              persistence="p", harm="h", response="r", signposting="s", now=now)  # fmt: skip
    with pytest.raises(CaseReviewError):
        services.open_appeal(application=sent_case, user=case_officer, ground="facts", details="x", now=now)
    appeal = services.open_appeal(application=sent_case, user=case_officer, ground="threshold_wrong",
                                  details="Three reports were missed", by_agency=True, now=now)  # fmt: skip
    assert appeal.kind == "threshold" and appeal.by_agency
    services.decide_appeal(application=sent_case, user=case_officer, outcome="referred_back", reasons="Re-decide",
                           now=now)  # fmt: skip
    sent_case.refresh_from_db()
    assert sent_case.status == Status.ACKNOWLEDGED and sent_case.threshold_met is None


def test_steps_out_of_order_are_refused(sent_case, case_officer):
    with pytest.raises(StepNotAllowed):
        services.hold_review(application=sent_case, user=case_officer, now=timezone.now())
    with pytest.raises(StepNotAllowed):
        services.send_outcome(application=sent_case, user=case_officer, summary="x", now=timezone.now())


def test_safe_contact_choice_respected_no_email_when_phone_is_safer(relevant_bodies, case_officer):
    application = ApplicationFactory(contact_channel="phone")
    application = services.submit_application(application=application, now=timezone.now())
    assert not OutboxMessage.objects.filter(to=application.email).exists()
    note = CaseEvent.objects.filter(application=application, note__startswith="Letter to send by phone").first()
    assert note is not None


def test_letters_come_from_the_editable_templates(sent_case, case_officer):
    from case_reviews.models import LetterTemplate

    LetterTemplate.objects.create(key="acknowledged", subject="Case {reference}", body="Hello {name}, {unknown}.")
    services.acknowledge(application=sent_case, user=case_officer, spoc=case_officer, now=timezone.now())
    message = OutboxMessage.objects.get(purpose="case-review-acknowledged")
    assert message.subject == f"Case {sent_case.reference}"
    assert "Hello Jordan Okafor, {unknown}." in message.body_text


def anonymise_expired(now):
    """The daily retention run (core.retention), as far as case reviews are concerned."""
    from core import retention

    return retention.apply_all(now=now)["case-review-anonymisation"]


def test_gd020_closed_cases_anonymised_after_the_retention_period(sent_case, case_officer):
    from case_reviews.models import CaseReviewSettings

    now = timezone.now()
    incidents_for(sent_case, 2)
    services.close_case(application=sent_case, user=case_officer, reason="Withdrawn by the applicant", now=now)
    assert anonymise_expired(now=now + timedelta(days=365 * 6 - 2)) == 0
    assert anonymise_expired(now=now + timedelta(days=365 * 6 + 3)) == 1
    case = Application.objects.get(pk=sent_case.pk)
    assert case.applicant_name == "" and case.email == "" and case.description == "" and case.anonymised_at
    assert case.reference and case.submitted_at and case.status == "closed"  # still counted in the statistics
    assert not case.incidents.exists()
    assert anonymise_expired(now=now + timedelta(days=365 * 7)) == 0  # safe to run twice
    settings_row = CaseReviewSettings.load()
    settings_row.retention_years = 5
    settings_row.save()


def test_gd020_retention_is_configurable(sent_case, case_officer):
    from case_reviews.models import CaseReviewSettings

    settings_row = CaseReviewSettings.load()
    settings_row.retention_years = 5
    settings_row.save()
    now = timezone.now()
    services.close_case(application=sent_case, user=case_officer, reason="Resolved", now=now)
    assert anonymise_expired(now=now + timedelta(days=365 * 5 + 3)) == 1


def test_unsent_drafts_are_deleted_after_a_month():
    from case_reviews.retention import expired_drafts
    from core import retention

    assert "case-review-drafts" in {rule.name for rule in retention.rules()}
    old = ApplicationFactory(updated_at=timezone.now() - timedelta(days=40))
    recent = ApplicationFactory()
    sent = services.submit_application(application=ApplicationFactory(), now=timezone.now() - timedelta(days=90))
    expired_drafts(timezone.now()).delete()
    assert Application.objects.filter(pk=sent.pk).exists()
    assert not Application.objects.filter(pk=old.pk).exists()
    assert Application.objects.filter(pk=recent.pk).exists()
