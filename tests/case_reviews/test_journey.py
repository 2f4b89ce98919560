"""The application journey through the pages, as a resident uses it without JavaScript (CT-020..CT-061)."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from case_reviews import services
from case_reviews.models import Application, BodyNotification, Evidence
from core.models import OutboxMessage
from tests.case_reviews.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def start(client):
    response = client.post("/case-review/apply/")
    assert response.status_code == 302
    token = response.url.split("/")[3]
    return token, Application.objects.get()


def date_parts(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_ct023_start_page_explains_why_no_anonymous_applications_and_has_quick_exit(client):
    body = client.get("/case-review/apply/").content.decode()
    assert "cannot accept an anonymous application" in body
    assert "logged and shared" in body
    assert "govuk-exit-this-page" in body
    assert "(also known as the Community Trigger)" in body
    assert "101" in body and "999" in body


@pytest.mark.parametrize("year", ["¹", "²⁰²⁵", "\uff12\uff10\uff12\uff15"])
def test_an_incident_date_in_digits_that_are_not_0_to_9_is_refused_in_plain_english(client, relevant_bodies, year):
    """Superscript and full-width digits pass ``str.isdigit`` but not ``int``: the resident gets an error, not a 500."""
    token, application = start(client)
    data = {"happened_on_day": "1", "happened_on_month": "2", "happened_on_year": year, "what_happened": "Noise"}
    response = client.post(f"/case-review/apply/{token}/incidents/add/", data)
    assert response.status_code == 400
    assert "The date it happened must be a real date, in numbers" in response.content.decode()
    assert not application.incidents.exists()


def test_ct021_on_behalf_journey_end_to_end(client, relevant_bodies, mailoutbox):
    """Applies for someone else with their consent, adds incidents (one to two agencies), evidence, sends."""
    token, application = start(client)
    url = f"/case-review/apply/{token}"
    assert client.post(f"{url}/basis/", {"basis": "on_behalf"}).url == f"{url}/applicant/"
    assert client.post(f"{url}/applicant/", {"applicant_name": "Sam Carer", "email": "sam@example.org"}).url == (
        f"{url}/victim/"
    )
    response = client.post(f"{url}/victim/", {"relationship": "carer", "victim_name": "Edna Carter"})
    assert response.status_code == 400 and "Confirm the person affected has agreed" in response.content.decode()
    response = client.post(
        f"{url}/victim/", {"relationship": "carer", "victim_name": "Edna Carter", "victim_consent": "on"}
    )
    assert response.url == f"{url}/home/"
    assert client.post(f"{url}/home/", {"tenure": "council"}).url == f"{url}/contact/"
    assert client.post(f"{url}/contact/", {"contact_channel": "email", "safe_to_leave_message": "no"}).url == (
        f"{url}/incidents/"
    )
    today = timezone.localdate()
    for days_ago in (40, 30, 20):
        happened = today - timedelta(days=days_ago)
        data = {
            **date_parts("happened_on", happened),
            **date_parts("reported_on", happened + timedelta(days=1)),
            "what_happened": "Shouting and banging on the door at night",
            "hate": "no",
            "agency": "police",
            "reference": f"TVP-{days_ago}",
        }
        assert client.post(f"{url}/incidents/add/", data).url == f"{url}/incidents/"
    first = application.incidents.first()
    data = {**date_parts("reported_on", first.happened_on + timedelta(days=2)), "agency": "council"}
    assert client.post(f"{url}/incidents/{first.pk}/report/", data).url == f"{url}/incidents/"
    page = client.get(f"{url}/incidents/").content.decode()
    assert "The threshold appears to be met" in page and "Add another organisation" in page

    assert client.post(f"{url}/behaviour/", {"behaviour_type": "asb", "description": "Every night."}).url == (
        f"{url}/impact/"
    )
    assert client.post(f"{url}/impact/", {"impact": "She cannot sleep.", "desired_outcome": "Peace"}).url == (
        f"{url}/evidence/"
    )
    upload = SimpleUploadedFile("consent.pdf", b"%PDF-1.4 signed consent", content_type="application/pdf")
    assert client.post(f"{url}/evidence/", {"file": upload, "kind": "consent"}).status_code == 302
    assert client.post(f"{url}/support/", {}).url == f"{url}/equality/"
    assert client.post(f"{url}/equality/", {"age": "75 or over"}).url == f"{url}/declaration/"
    assert client.post(f"{url}/declaration/", {"declaration": "on", "data_sharing_consent": "on"}).url == (
        f"{url}/check-your-answers/"
    )
    check = client.get(f"{url}/check-your-answers/").content.decode()
    assert "Edna Carter" in check and "Carer" in check and "consent.pdf" in check
    response = client.post(f"{url}/check-your-answers/")
    assert response.url == f"{url}/sent/"
    application.refresh_from_db()
    assert application.status == "received" and re.fullmatch(r"ASB-\d{4}-\d{5}", application.reference)
    assert application.precheck["met"] is True and application.precheck["qualifying"] == 3
    sent = client.get(response.url).content.decode()
    assert application.reference in sent
    # CT-012: every relevant body told and logged
    assert BodyNotification.objects.filter(application=application).count() == 3
    recipients = set(OutboxMessage.objects.values_list("to", flat=True))
    assert {"asb@council.example.org", "asb@police.example.org", "sam@example.org"} <= recipients
    body_email = OutboxMessage.objects.get(to="asb@police.example.org")
    assert "Edna" not in body_email.body_text and application.reference in body_email.body_text


def test_ct039_precheck_never_blocks_sending(client, relevant_bodies):
    application = ApplicationFactory()  # complete, but no incidents at all
    token = services.application_token(application)
    page = client.get(f"/case-review/apply/{token}/check-your-answers/").content.decode()
    assert "does not appear to be met" in page and "You can send your application whatever it says" in page
    assert client.post(f"/case-review/apply/{token}/check-your-answers/").status_code == 302
    application.refresh_from_db()
    assert application.status == "received" and application.precheck["met"] is False


def test_ct023_ct025_cannot_send_without_a_name_or_data_sharing_consent(client):
    application = ApplicationFactory(applicant_name="", data_sharing_consent=False)
    token = services.application_token(application)
    response = client.post(f"/case-review/apply/{token}/check-your-answers/")
    body = response.content.decode()
    assert response.status_code == 400
    assert "we cannot accept an anonymous application" in body
    application.refresh_from_db()
    assert application.is_draft
    response = client.post(f"/case-review/apply/{token}/declaration/", {"declaration": "on"})
    assert "A case review cannot go ahead unless the relevant bodies can see your details" in response.content.decode()


def test_ct024_no_minimum_age(client):
    application = ApplicationFactory()
    token = services.application_token(application)
    body = client.get(f"/case-review/apply/{token}/equality/").content.decode()
    assert "Under 18" in body  # children may apply; the age question is optional monitoring only
    assert client.post(f"/case-review/apply/{token}/equality/", {"age": "Under 18"}).status_code == 302


def test_ct061_save_and_come_back_later_by_signed_link(client, mailoutbox):
    token, _application = start(client)
    response = client.post(
        f"/case-review/apply/{token}/applicant/",
        {"applicant_name": "Ann Lee", "email": "ann@example.org", "later": "1"},
    )
    assert response.url == f"/case-review/apply/{token}/saved/"
    page = client.get(response.url).content.decode()
    link = re.search(r'id="resume-link">(http[^<]+)<', page).group(1)
    client.post(response.url)
    assert OutboxMessage.objects.filter(to="ann@example.org", purpose="case-review-resume-link").exists()
    fresh_client = type(client)()
    resumed = fresh_client.get(link.replace("http://testserver", ""))
    assert resumed.status_code == 200 and "Your application" in resumed.content.decode()
    assert "Ann Lee" in fresh_client.get(f"/case-review/apply/{token}/applicant/").content.decode()


def test_ct061_a_tampered_or_expired_link_does_not_open_the_application(client, settings):
    application = ApplicationFactory()
    token = services.application_token(application)
    assert client.get(f"/case-review/apply/{token[:-2]}xx/").status_code == 404
    from freezegun import freeze_time

    with freeze_time(timezone.now() + timedelta(days=31)):
        assert client.get(f"/case-review/apply/{token}/").status_code == 404


def test_ct057_wrong_type_and_oversized_uploads_are_refused_before_storing(client, settings):
    from case_reviews import policies

    application = ApplicationFactory()
    token = services.application_token(application)
    url = f"/case-review/apply/{token}/evidence/"
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = client.post(url, {"file": fake, "kind": "evidence"})
    assert response.status_code == 400 and "not what its name says" in response.content.decode()
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * policies.MAX_UPLOAD_BYTES, content_type="application/pdf")
    response = client.post(url, {"file": big, "kind": "evidence"})
    assert response.status_code == 400 and "smaller than 10 MB" in response.content.decode()
    assert not Evidence.objects.exists()
    from case_reviews.storage import backend

    assert backend().listdir("")[1] == [] and backend().listdir("") == ([], [])


def test_evidence_never_has_a_public_url(client):
    application = ApplicationFactory()
    evidence = services.add_evidence(
        application=application,
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
        now=timezone.now(),
    )
    with pytest.raises(ValueError):
        evidence.file.url  # noqa: B018
    assert not evidence.file.name.startswith("/")


def test_a_sent_application_cannot_be_changed_through_its_link(client, relevant_bodies):
    application = ApplicationFactory()
    token = services.application_token(application)
    client.post(f"/case-review/apply/{token}/check-your-answers/")
    response = client.post(f"/case-review/apply/{token}/applicant/", {"applicant_name": "Someone else"})
    assert response.status_code == 302 and response.url == f"/case-review/apply/{token}/"
    application.refresh_from_db()
    assert application.applicant_name == "Jordan Okafor"
    progress = client.get(f"/case-review/apply/{token}/").content.decode()
    assert application.reference in progress and "Received" in progress


def test_every_journey_page_has_the_quick_exit(client):
    application = ApplicationFactory(basis="on_behalf")
    token = services.application_token(application)
    pages = ["", "incidents/", "incidents/add/", "evidence/", "saved/", "check-your-answers/"]
    pages += [f"{slug}/" for slug in ("basis", "applicant", "victim", "home", "contact", "behaviour", "impact",
                                      "support", "equality", "declaration")]  # fmt: skip
    for page in pages:
        response = client.get(f"/case-review/apply/{token}/{page}")
        assert response.status_code == 200, page
        assert "govuk-exit-this-page" in response.content.decode(), page
        assert response["Cache-Control"] == "no-store"
