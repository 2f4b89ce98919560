"""Other ways to apply (CT-070): the application form to print or download, generated from the online questions
(CT-072), and the "Do you know about the ASB Case Review?" page and words for partners' letters (CT-071). Letters to
applicants who chose post: kept, printable by case officers only, audit-logged, and listed until posted."""

import pytest
from django.utils import timezone

from case_reviews import paper_form, services, views
from case_reviews.models import CaseReviewSettings, Letter, LetterTemplate
from core.models import AuditEvent, OutboxMessage
from tests.case_reviews.factories import ApplicationFactory
from tests.permissions import sign_in

pytestmark = pytest.mark.django_db


# CT-072 -------------------------------------------------------------------------------------------------------------


def every_question_label():
    """Each question of every page of the online journey, as the applicant sees it."""
    from case_reviews.forms import AffectedPersonForm, IncidentForm
    from case_reviews.models import Application

    labels = set()
    for step in views.STEPS:
        if step.form_class is not None:
            labels |= {str(f.label) for f in step.form_class(instance=Application()).fields.values()}
    incident = IncidentForm()
    labels |= {str(f.label) for name, f in incident.fields.items() if not name.endswith(("_day", "_month", "_year"))}
    labels |= {meta["label"] for meta in incident.date_meta.values()}
    labels |= {str(f.label) for f in AffectedPersonForm().fields.values()}  # CT-022: the other people affected
    return labels


def test_ct072_the_paper_form_asks_every_question_of_the_online_journey():
    sections = paper_form.sections(views.STEPS)
    asked = {q.label for section in sections for q in section.questions}
    assert every_question_label() <= asked
    incidents = next(s for s in sections if s.title.startswith("Incidents"))
    assert incidents.repeat == 3  # CT-052: room for at least three incidents
    contact = next(q for s in sections for q in s.questions if q.label == "How is it safe for us to contact you?")
    assert contact.kind == "choose-one" and contact.options == ["Email", "Phone", "Letter"]


def test_ct072_the_printable_form_and_the_text_file_come_from_the_same_questions(client):
    review_settings = CaseReviewSettings.load()
    review_settings.contact_address = "SaferMK\nCivic Offices\nMK9 3EJ"
    review_settings.save()
    page = client.get("/case-review/application-form/")
    body = page.content.decode()
    assert page.status_code == 200 and "govuk-exit-this-page" in body
    assert "ASB Case Review application form" in body and "(also known as the Community Trigger)" in body
    assert "Civic Offices" in body and "anonymous" in body
    assert body.count('<h3 class="govuk-heading-m">Incident ') == 3
    text = client.get("/case-review/application-form.txt")
    assert text["Content-Type"].startswith("text/plain") and "attachment" in text["Content-Disposition"]
    content = text.content.decode()
    for label in every_question_label():
        assert label in body.replace("&#x27;", "'") and label in content, label
    assert "SaferMK, Civic Offices, MK9 3EJ" in content and "[ ] Letter" in content


def test_ct072_the_word_document_is_a_real_accessible_document_with_every_question(client):
    """A valid Office Open XML package: heading styles a screen reader can move by, a title, the language."""
    import io
    import zipfile
    from xml.etree import ElementTree

    response = client.get("/case-review/application-form.docx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="asb-case-review-application-form.docx"' in response["Content-Disposition"]
    package = zipfile.ZipFile(io.BytesIO(response.content))
    assert package.testzip() is None
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
            "word/styles.xml", "docProps/core.xml"} <= set(package.namelist())  # fmt: skip
    parts = {name: ElementTree.fromstring(package.read(name)) for name in package.namelist()}  # all well formed
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = [
        (p.find(f"{w}pPr/{w}pStyle").get(f"{w}val") if p.find(f"{w}pPr/{w}pStyle") is not None else "",
         "".join(t.text or "" for t in p.iter(f"{w}t")))
        for p in parts["word/document.xml"].iter(f"{w}p")
    ]  # fmt: skip
    questions = {text for style, text in paragraphs if style == "Heading3"}
    assert every_question_label() <= questions
    assert [text for style, text in paragraphs if style == "Heading2"] == ["Incident 1", "Incident 2", "Incident 3"]
    assert paragraphs[0] == ("Title", "ASB Case Review application form (also known as the Community Trigger)")
    styles = {s.get(f"{w}styleId") for s in parts["word/styles.xml"].iter(f"{w}style")}
    assert {"Title", "Heading1", "Heading2", "Heading3"} <= styles
    assert parts["word/styles.xml"].find(f".//{w}lang").get(f"{w}val") == "en-GB"
    core = package.read("docProps/core.xml").decode()
    assert "<dc:language>en-GB</dc:language>" in core and "<dc:title>ASB Case Review application form" in core
    assert client.get("/case-review/application-form.docx").content == response.content  # the same bytes each time


def test_ct070_ct072_the_information_page_links_the_form_and_the_partners_page(client, demo_site):
    from case_reviews import demo
    from case_reviews.models import CaseReviewPage

    demo.load()
    body = client.get(CaseReviewPage.objects.get().url).content.decode()
    assert 'href="/case-review/application-form/"' in body and 'href="/case-review/application-form.txt"' in body
    assert 'href="/case-review/application-form.docx"' in body
    assert 'href="/case-review/do-you-know/"' in body
    assert "Office of the Police and Crime Commissioner for Thames Valley" in body  # CT-106 switched on in the demo


# CT-071 -------------------------------------------------------------------------------------------------------------


def test_ct071_the_partners_page_says_the_partnerships_own_threshold(client):
    review_settings = CaseReviewSettings.load()
    review_settings.complaints_needed = 2
    review_settings.hate_incident_enabled = True
    review_settings.local_rules_explanation = "Hate incidents do particular harm."
    review_settings.contact_phone = "01908 252080"
    review_settings.save()
    body = client.get("/case-review/do-you-know/").content.decode()
    assert "Do you know about the ASB Case Review?" in body
    assert "2 times or more in the last 6 months" in body and "one hate incident or hate crime" in body
    assert "01908 252080" in body and "http://testserver/case-review/apply/" in body
    assert "101" in body and "999" in body
    text = client.get("/case-review/do-you-know.txt").content.decode()
    assert text.startswith("Do you know about the ASB Case Review?") and "2 times or more" in text


def test_ct071_the_partners_words_can_be_edited(client):
    LetterTemplate.objects.create(key="partner_letter", subject="Have you heard of the ASB Case Review?",
                                  body="You can ask for a review if {threshold}. Apply at {apply_url}.")  # fmt: skip
    body = client.get("/case-review/do-you-know/").content.decode()
    assert "Have you heard of the ASB Case Review?" in body and "3 times or more" in body


# Letters to post -----------------------------------------------------------------------------------------------------


@pytest.fixture
def by_post(relevant_bodies):
    application = ApplicationFactory(applicant_name="Harriet Post", contact_channel="letter",
                                     address="7 Letterbox Lane\nBletchley", postcode="MK2 2HQ")  # fmt: skip
    return services.submit_application(application=application, now=timezone.now())


def test_every_letter_is_kept_and_only_post_ones_wait_to_be_posted(by_post, case_officer):
    emailed = services.submit_application(application=ApplicationFactory(), now=timezone.now())
    services.acknowledge(application=by_post, user=case_officer, spoc=case_officer, now=timezone.now())
    assert list(by_post.letters.values_list("key", "channel", "emailed")) == [
        ("received", "letter", False), ("acknowledged", "letter", False)]  # fmt: skip
    assert emailed.letters.get().emailed and emailed.letters.get().sent_at
    assert not OutboxMessage.objects.filter(to=by_post.email).exists()  # never emailed against their wishes
    assert list(Letter.objects.to_post()) == list(by_post.letters.all())
    first = by_post.letters.first()
    services.mark_letter_sent(letter=first, user=case_officer, now=timezone.now())
    services.mark_letter_sent(letter=first, user=case_officer, now=timezone.now())  # twice is harmless
    assert list(Letter.objects.to_post()) == [by_post.letters.last()]
    assert by_post.events.filter(note__startswith="Letter posted").count() == 1


def test_a_case_officer_prints_a_letter_and_the_view_is_audit_logged(client, by_post, case_officer):
    letter = by_post.letters.get()
    sign_in(client, case_officer)
    response = client.get(f"/case-review/cases/{by_post.pk}/letters/{letter.pk}/")
    body = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "Harriet Post" in body and "7 Letterbox Lane" in body and by_post.reference in body
    assert letter.subject in body and "Thank you for applying" in body
    assert AuditEvent.objects.filter(detail=f"opened letter {letter.pk} to print").exists()
    listing = client.get("/case-review/cases/letters-to-post/").content.decode()
    assert by_post.reference in listing and "Mark as posted" in listing
    assert "Letters to post: 1" in client.get("/case-review/cases/").content.decode()
    client.post(f"/case-review/cases/{by_post.pk}/letters/{letter.pk}/sent/", {"next": "letters"})
    assert "No letters to post." in client.get("/case-review/cases/letters-to-post/").content.decode()


def test_letters_are_wiped_with_the_rest_of_a_case_at_anonymisation(by_post):
    services.anonymise(application=by_post, now=timezone.now())
    assert not Letter.objects.filter(application=by_post).exists()


def test_the_subject_access_export_holds_the_letters_and_any_pcc_review(client, by_post, case_officer):
    sign_in(client, case_officer)
    data = client.get(f"/case-review/cases/{by_post.pk}/export.json").json()
    assert [letter["channel"] for letter in data["letters"]] == ["letter"]
    assert "Thank you for applying" in data["letters"][0]["body"]
    assert data["pcc_reviews"] == [] and data["pcc_area"] is None
