"""Disqualifiers recorded by the officer with reasons and explained to the applicant (CT-038), and the Police and
Crime Commissioner's review step, switchable in the settings (CT-106), with its clock and letters."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from case_reviews import services, statistics
from case_reviews.exceptions import CaseReviewError, StepNotAllowed
from case_reviews.models import CaseEvent, CaseReviewSettings, PccReview, Status
from core.models import OutboxMessage
from tests.case_reviews.factories import ApplicationFactory, IncidentFactory, IncidentReportFactory

pytestmark = pytest.mark.django_db

EXPLANATION = "The agencies need a fair chance to act on a complaint before it is reviewed."
PCC_OFFICE = "Office of the Police and Crime Commissioner for Thames Valley"


def configure(**values):
    review_settings = CaseReviewSettings.load()
    for name, value in values.items():
        setattr(review_settings, name, value)
    review_settings.full_clean()
    review_settings.save()
    return review_settings


def recent_complaints(application, count=3):
    """`count` incidents each reported the day after, all within the last week before applying."""
    today = timezone.localdate()
    for n in range(count):
        incident = IncidentFactory(application=application, happened_on=today - timedelta(days=n + 2))
        IncidentReportFactory(incident=incident, reported_on=today - timedelta(days=n + 1))


@pytest.fixture
def acknowledged(relevant_bodies, case_officer):
    def make(**factory_values):
        application = ApplicationFactory(**factory_values)
        recent_complaints(application)
        application = services.submit_application(application=application, now=timezone.now())
        return services.acknowledge(application=application, user=case_officer, spoc=case_officer, now=timezone.now())

    return make


def letters_to(application):
    return OutboxMessage.objects.filter(to=application.email).order_by("pk")


# CT-038 -------------------------------------------------------------------------------------------------------------


def test_ct038_a_disqualifier_needs_its_explanation_to_residents_in_the_settings(db):
    with pytest.raises(ValidationError, match="disqualified"):
        configure(late_reports_enabled=True)
    with pytest.raises(ValidationError, match="disqualified"):
        configure(vexatious_enabled=True, disqualifiers_explanation="  ")
    assert configure(vexatious_enabled=True, disqualifiers_explanation=EXPLANATION).disqualifiers


def test_ct038_late_complaints_disqualify_with_reasons_told_to_the_applicant(acknowledged, case_officer):
    configure(late_reports_enabled=True, investigation_working_days=10, disqualifiers_explanation=EXPLANATION)
    case = acknowledged()
    assert case.precheck["met"] and "working days" in case.precheck["summary"]  # the applicant was warned (CT-039)
    with pytest.raises(CaseReviewError) as refused:
        services.decide_threshold(application=case, user=case_officer, met=False, route="not_met",
                                  reasons="All three in the last week", signposting="We are investigating",
                                  disqualifier="late_reports", now=timezone.now())  # fmt: skip
    assert refused.value.field == "disqualifier_reasons"
    case = services.decide_threshold(
        application=case, user=case_officer, met=False, route="not_met", reasons="All three in the last week",
        signposting="Your point of contact will update you; you can apply again.", disqualifier="late_reports",
        disqualifier_reasons="The police had not had time to investigate the complaints.", now=timezone.now(),
    )  # fmt: skip
    assert (case.status, case.threshold_met, case.threshold_route) == (Status.THRESHOLD_NOT_MET, False, "disqualified")
    letter = letters_to(case).get(purpose="case-review-threshold_disqualified").body_text
    assert "made just before applying" in letter
    assert "The police had not had time to investigate" in letter and EXPLANATION in letter
    assert "appeal by" in letter
    assert statistics.for_publication()[0].threshold_not_met == 1  # counted as "not met" (CT-016(b))


def test_ct038_without_a_disqualifier_the_law_still_requires_met(acknowledged, case_officer):
    configure(vexatious_enabled=True, disqualifiers_explanation=EXPLANATION)
    case = acknowledged()
    with pytest.raises(CaseReviewError, match="must be treated as met"):
        services.decide_threshold(application=case, user=case_officer, met=False, route="not_met", reasons="No",
                                  signposting="Mediation", now=timezone.now())  # fmt: skip
    with pytest.raises(CaseReviewError, match="not in this partnership's procedures"):
        services.decide_threshold(application=case, user=case_officer, met=False, route="not_met", reasons="No",
                                  signposting="Mediation", disqualifier="late_reports", disqualifier_reasons="x",
                                  now=timezone.now())  # fmt: skip
    case = services.decide_threshold(
        application=case, user=case_officer, met=False, route="not_met", reasons="The same complaint, repeated",
        signposting="Mediation offered", disqualifier="vexatious",
        disqualifier_reasons="The incidents were found to be invented to harass a neighbour.", now=timezone.now(),
    )  # fmt: skip
    assert case.disqualifier == "vexatious" and case.threshold_route == "disqualified"


def test_ct038_the_officers_form_offers_only_the_disqualifiers_switched_on(db):
    from case_reviews.forms import ThresholdForm

    assert "disqualifier" not in ThresholdForm().fields
    configure(late_reports_enabled=True, disqualifiers_explanation=EXPLANATION)
    choices = [value for value, _label in ThresholdForm().fields["disqualifier"].choices]
    assert choices == ["", "late_reports"]


def test_ct038_the_information_page_explains_the_disqualifiers(client, demo_site):
    from case_reviews import demo
    from case_reviews.models import CaseReviewPage

    demo.load()
    body = client.get(CaseReviewPage.objects.get().url).content.decode()
    assert "When an application may be turned down" in body and "fewer than 10 working days" in body


# CT-106 -------------------------------------------------------------------------------------------------------------


def not_met(acknowledged, case_officer, **factory_values):
    case = acknowledged(**factory_values)
    CaseReviewSettings.objects.update(late_reports_enabled=False)
    case.incidents.all().delete()
    return services.decide_threshold(
        application=case, user=case_officer, met=False, route="not_met", reasons="No complaints listed",
        persistence="None", harm="Low", response="Adequate", signposting="Mediation", now=timezone.now(),
    )  # fmt: skip


def test_ct106_the_pcc_review_is_refused_while_switched_off(acknowledged, case_officer):
    case = not_met(acknowledged, case_officer)
    with pytest.raises(StepNotAllowed):
        services.request_pcc_review(application=case, user=case_officer, details="Asks the PCC", now=timezone.now())
    assert "PCC" not in letters_to(case).get(purpose="case-review-threshold_not_met").body_text


def test_ct106_the_pcc_office_name_is_required_when_switched_on(db):
    with pytest.raises(ValidationError, match="PCC"):
        configure(pcc_review_enabled=True)


def test_ct106_a_not_met_decision_goes_to_the_pcc_and_comes_back_to_be_decided_again(acknowledged, case_officer):
    configure(pcc_review_enabled=True, pcc_office_name=PCC_OFFICE, pcc_office_email="opcc@example.org",
              pcc_review_days=20)  # fmt: skip
    case = not_met(acknowledged, case_officer)
    assert f"ask the {PCC_OFFICE} to review this decision" in letters_to(case).last().body_text
    with pytest.raises(CaseReviewError, match="PCC is asked"):
        services.request_pcc_review(application=case, user=case_officer, details=" ", now=timezone.now())
    asked_at = timezone.now()
    request = services.request_pcc_review(application=case, user=case_officer, now=asked_at,
                                          details="The applicant says earlier reports were ignored.")  # fmt: skip
    case.refresh_from_db()
    assert case.status == Status.PCC_REVIEW and request.about == PccReview.About.THRESHOLD and request.office_told_at
    to_office = OutboxMessage.objects.get(to="opcc@example.org")
    assert case.reference in to_office.body_text and case.applicant_name not in to_office.body_text  # GD-013
    assert "earlier reports were ignored" not in to_office.body_text
    assert "case-review-pcc_review_requested" in letters_to(case).values_list("purpose", flat=True)
    due = services.due_for(case, services.targets_from(CaseReviewSettings.load()))
    assert "Police and Crime Commissioner" in due.step
    assert due.due_on == __import__("case_reviews.policies").policies.add_working_days(timezone.localdate(asked_at), 20)
    with pytest.raises(StepNotAllowed):
        services.close_case(application=case, user=case_officer, reason="Withdrawn", now=timezone.now())
    with pytest.raises(CaseReviewError, match="reasons"):
        services.record_pcc_decision(application=case, user=case_officer, decision="reconsider", reasons="",
                                     now=timezone.now())  # fmt: skip
    services.record_pcc_decision(application=case, user=case_officer, decision="reconsider", now=timezone.now(),
                                 reasons="The PCC asks the partners to consider the earlier housing reports.")  # fmt: skip
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED and case.threshold_met is None  # to be decided afresh
    assert "consider the earlier housing reports" in letters_to(case).last().body_text
    assert CaseEvent.objects.filter(application=case, status=Status.PCC_REVIEW).exists()


def test_ct106_an_outcome_the_pcc_upholds_returns_ready_to_close(acknowledged, case_officer):
    configure(pcc_review_enabled=True, pcc_office_name=PCC_OFFICE)
    case = acknowledged()
    case = services.decide_threshold(application=case, user=case_officer, met=True, route="automatic",
                                     reasons="Three complaints", now=timezone.now())  # fmt: skip
    services.schedule_meeting(application=case, user=case_officer, meeting_at=timezone.now(), chair="Chair",
                              chair_independence="", victim_involvement="none", now=timezone.now())  # fmt: skip
    services.hold_review(application=case, user=case_officer, now=timezone.now())
    services.send_outcome(application=case, user=case_officer, summary="An action plan", now=timezone.now())
    request = services.request_pcc_review(application=case, user=case_officer, by_agency=True, now=timezone.now(),
                                          details="The partnership refers the outcome (CT-104).")  # fmt: skip
    assert request.about == PccReview.About.OUTCOME and request.by_agency and request.office_told_at is None
    services.record_pcc_decision(application=case, user=case_officer, decision="stands", reasons="Properly done",
                                 now=timezone.now())  # fmt: skip
    case.refresh_from_db()
    assert case.status == Status.OUTCOME_SENT
    services.close_case(application=case, user=case_officer, reason="Done", now=timezone.now())


def test_ct106_the_case_page_offers_the_pcc_step_only_when_switched_on(client, acknowledged, case_officer):
    from tests.permissions import sign_in

    case = not_met(acknowledged, case_officer)
    sign_in(client, case_officer)
    assert "request_pcc_review" not in client.get(f"/case-review/cases/{case.pk}/").content.decode()
    configure(pcc_review_enabled=True, pcc_office_name=PCC_OFFICE)
    response = client.post(f"/case-review/cases/{case.pk}/", {
        "action": "request_pcc_review", "request_pcc_review-details": "Asked by phone"})  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.PCC_REVIEW
    body = client.get(f"/case-review/cases/{case.pk}/").content.decode()
    assert "Record the PCC&#x27;s decision" in body and "Asked by phone" in body
