"""Fuzzing every page of the application journey: whatever a browser or a script posts, the answer is a page or a
redirect, never a server error; and no upload that fails the type and size check is ever stored (CT-057)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from case_reviews import services
from case_reviews.models import Evidence
from tests.case_reviews.factories import ApplicationFactory, IncidentFactory

pytestmark = pytest.mark.django_db

STEP_PAGES = ["basis", "applicant", "victim", "home", "contact", "behaviour", "impact", "support", "equality",
              "declaration", "incidents/add", "incidents/{incident}/report", "incidents/{incident}/remove",
              "evidence", "evidence/999/remove", "saved", "check-your-answers", "no-such-page"]  # fmt: skip
FIELD_NAMES = [
    "basis", "people_affected", "applicant_name", "organisation_name", "email", "phone", "address", "postcode",
    "relationship", "victim_name", "victim_consent", "victim_email", "tenure", "landlord", "contact_channel",
    "safe_times", "safe_to_leave_message", "behaviour_type", "hate_motivations", "description", "several_households",
    "impact", "desired_outcome", "victim_support_referral", "age", "sex", "declaration", "data_sharing_consent",
    "happened_on_day", "happened_on_month", "happened_on_year", "reported_on_day", "reported_on_month",
    "reported_on_year", "what_happened", "hate", "agency", "reference", "kind", "later", "",
]  # fmt: skip
NASTY_TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "\x00",
            "yes",
            "no",
            "on",
            "on_behalf",
            "police",
            "-1",
            "0",
            "29",
            "2",
            "2024",
            "31",
            "13",
            "99999999999999999999",
            "1e309",
            "NaN",
            "<script>",
            "'; DROP TABLE",
            "email",
            "¹",
            "²⁰²⁴",
            "١٢",
        ]
    ),
    st.builds(lambda char, size: char * size, st.characters(codec="utf-8"), st.integers(4990, 5010)),
)
VALUES = st.one_of(NASTY_TEXT, st.lists(NASTY_TEXT, max_size=4))
POSTS = st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=20)), VALUES, max_size=12)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def draft(relevant_bodies):
    application = ApplicationFactory(basis="on_behalf", victim_name="Edna", victim_consent=True)
    incident = IncidentFactory(application=application)
    return application, incident


@SETTINGS
@given(data=POSTS, page=st.sampled_from(STEP_PAGES))
def test_no_server_error_for_any_post_to_any_step(client, draft, data, page):
    application, incident = draft
    token = services.application_token(application)
    url = f"/case-review/apply/{token}/{page.format(incident=incident.pk)}/"
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400, 404, 429), (url, response.status_code)


@SETTINGS
@given(page=st.sampled_from(STEP_PAGES), token=st.text(max_size=60))
def test_no_server_error_for_any_link(client, draft, page, token):
    token = token.replace("/", "").replace("?", "").replace("#", "") or "x"
    response = client.get(f"/case-review/apply/{token}/{page.format(incident=1)}/")
    assert response.status_code in (200, 302, 400, 404, 405), response.status_code  # 405: a GET to a POST-only page


@SETTINGS
@given(
    name=st.one_of(st.sampled_from(["a.pdf", "b.png", "c.jpg", "d.docx", "e.txt", "f.exe", "g", ".pdf"]),
                   st.text(min_size=1, max_size=40)),
    content_type=st.sampled_from(["application/pdf", "image/png", "image/jpeg", "text/plain", "text/html", ""]),
    content=st.one_of(st.binary(max_size=200), st.sampled_from([b"%PDF-1.4", b"\x89PNG\r\n\x1a\n", b"MZ\x90"])),
)  # fmt: skip
def test_uploads_either_pass_the_check_or_are_never_stored(client, draft, name, content_type, content):
    from case_reviews import policies

    application, _ = draft
    token = services.application_token(application)
    before = Evidence.objects.count()
    upload = SimpleUploadedFile(name.replace("/", "_").replace("\\", "_") or "x", content, content_type=content_type)
    response = client.post(f"/case-review/apply/{token}/evidence/", {"file": upload, "kind": "evidence"})
    assert response.status_code in (200, 302, 400)
    stored = Evidence.objects.count() - before
    allowed = policies.check_upload(name=upload.name, content_type=content_type, size=len(content), head=content[:16])
    assert stored == (1 if response.status_code == 302 else 0)
    if stored:
        assert allowed == ""
        Evidence.objects.filter(application=application).delete()


OFFICER_ACTIONS = ["decide_threshold", "request_pcc_review", "record_pcc_decision", "close", "no_such_step"]
OFFICER_FIELDS = ["met", "route", "reasons", "persistence", "harm", "response", "signposting", "disqualifier",
                  "disqualifier_reasons", "details", "by_agency", "decision", "reason"]  # fmt: skip


@pytest.fixture
def officer_case(client, relevant_bodies, case_officer):
    """A case at each of the states the new steps start from, with both disqualifiers and the PCC route on."""
    from django.utils import timezone

    from case_reviews.models import CaseReviewSettings
    from tests.permissions import sign_in

    CaseReviewSettings.objects.update_or_create(defaults={
        "vexatious_enabled": True, "late_reports_enabled": True, "disqualifiers_explanation": "Why",
        "pcc_review_enabled": True, "pcc_office_name": "The PCC's office"})  # fmt: skip
    case = services.submit_application(application=ApplicationFactory(), now=timezone.now())
    case = services.acknowledge(application=case, user=case_officer, spoc=case_officer, now=timezone.now())
    sign_in(client, case_officer)
    return case


@SETTINGS
@given(action=st.sampled_from(OFFICER_ACTIONS), data=st.dictionaries(st.sampled_from(OFFICER_FIELDS), NASTY_TEXT,
                                                                      max_size=8))  # fmt: skip
def test_no_server_error_for_any_officer_step_with_disqualifiers_and_the_pcc_review(client, officer_case, action,
                                                                                   data):  # fmt: skip
    """CT-038 and CT-106: the new fields and steps answer any post with a page or a redirect."""
    posted = {f"{action}-{name}": value for name, value in data.items()}
    response = client.post(f"/case-review/cases/{officer_case.pk}/", {"action": action, **posted})
    assert response.status_code in (200, 302, 400, 404), response.status_code
