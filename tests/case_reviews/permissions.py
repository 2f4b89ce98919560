"""ASB Case Reviews: only case officers and partnership admins reach cases, their evidence, the export and the
statistics download (GD-013); communications officers cannot. An applicant reaches their own application only
through its signed link, whoever is signed in; a link to one application never opens another's file, and an
altered link opens nothing. Evidence is never served from a public address."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from case_reviews import services
from tests.case_reviews.factories import (
    AffectedPersonFactory,
    ApplicationFactory,
    IncidentFactory,
    RecommendationFactory,
    RelevantBodyFactory,
)
from tests.permissions import ANYONE, Matrix, Route, World

CASE_STAFF = {"case officer", "partnership admin"}
SECRET = "secret.applicant@example.org"


def world():
    now = timezone.now()
    body = RelevantBodyFactory(name="Thames Valley Police", email="asb@police.example.org")
    case = ApplicationFactory(applicant_name="Secret Applicant", email=SECRET)
    case_file = services.add_evidence(
        application=case, now=now,
        upload=SimpleUploadedFile("diary.pdf", b"%PDF-1.4 diary", content_type="application/pdf"),
    )  # fmt: skip
    case = services.submit_application(application=case, now=now)
    draft = ApplicationFactory(applicant_name="Draft Person", basis="on_behalf", victim_name="Edna")
    draft_file = services.add_evidence(
        application=draft, now=now,
        upload=SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
    )  # fmt: skip
    incident = IncidentFactory(application=draft)
    group_draft = ApplicationFactory(applicant_name="Group Person", basis="group")
    person = AffectedPersonFactory(application=group_draft, name="Secret Neighbour")
    by_post = services.submit_application(
        application=ApplicationFactory(applicant_name="Posted Applicant", contact_channel="letter"), now=now
    )
    return World(objects={
        "by_post": by_post, "letter": by_post.letters.get(),
        "case": case, "case_file": case_file, "draft": draft, "draft_file": draft_file, "incident": incident,
        "person": person, "group_link": services.application_token(group_draft),
        "recommendation": RecommendationFactory(application=case, owner=body),
        "case_link": services.application_token(case), "draft_link": services.application_token(draft),
    })  # fmt: skip


def hides_the_case(response, world, role, allowed):
    body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
    assert SECRET not in body and "Secret Applicant" not in body, "case details shown"


def shows_the_case_only_to_case_staff(response, world, role, allowed):
    body = response.content.decode()
    assert (SECRET in body) == allowed, "case details shown" if SECRET in body else "case details missing"


def shows_the_letter_only_to_case_staff(response, world, role, allowed):
    body = response.content.decode()
    assert ("Posted Applicant" in body) == allowed, "letter shown" if allowed is False else "letter missing"


def lists_the_letter_only_to_case_staff(response, world, role, allowed):
    listed = world["by_post"].reference in response.content.decode()
    assert listed == allowed, "letter listed" if listed else "letter missing"


def apply(w, rest=""):
    return f"/case-review/apply/{w['draft_link']}/{rest}"


def group(w, rest=""):
    return f"/case-review/apply/{w['group_link']}/{rest}"


def case(w, rest=""):
    return f"/case-review/cases/{w['case'].pk}/{rest}"


MATRIX = Matrix(
    app="case_reviews",
    world=world,
    routes=[
        Route("case_reviews:start", "read how to apply", lambda w: "/case-review/apply/", ANYONE, check=hides_the_case),
        Route("case_reviews:start", "start an application", lambda w: "/case-review/apply/", ANYONE, method="post"),
        Route("case_reviews:overview", "follow one's own application by its link",
              lambda w: f"/case-review/apply/{w['case_link']}/", ANYONE),
        Route("case_reviews:overview", "open an application by an altered link",
              lambda w: f"/case-review/apply/{w['case_link'][:-3]}abc/", set()),
        Route("case_reviews:overview", "open an application by its number",
              lambda w: f"/case-review/apply/{w['case'].pk}/", set()),
        Route("case_reviews:step", "answer a question page of one's draft", lambda w: apply(w, "victim/"), ANYONE,
              check=hides_the_case),
        Route("case_reviews:step", "save a question page of one's draft", lambda w: apply(w, "impact/"), ANYONE,
              method="post", data={"impact": "Cannot sleep", "desired_outcome": "Peace"}),
        Route("case_reviews:incidents", "list one's incidents", lambda w: apply(w, "incidents/"), ANYONE),
        Route("case_reviews:incident_add", "add an incident", lambda w: apply(w, "incidents/add/"), ANYONE),
        Route("case_reviews:report_add", "add another agency to an incident",
              lambda w: apply(w, f"incidents/{w['incident'].pk}/report/"), ANYONE),
        Route("case_reviews:incident_remove", "remove one's incident",
              lambda w: apply(w, f"incidents/{w['incident'].pk}/remove/"), ANYONE, method="post"),
        Route("case_reviews:people", "list the other people affected on one's group application",
              lambda w: group(w, "people/"), ANYONE),
        Route("case_reviews:people", "continue from the other people affected", lambda w: group(w, "people/"),
              ANYONE, method="post"),
        Route("case_reviews:people", "list other people affected on an application for one person",
              lambda w: apply(w, "people/"), set()),
        Route("case_reviews:person_add", "add a person affected", lambda w: group(w, "people/add/"), ANYONE),
        Route("case_reviews:person_remove", "remove a person affected from one's application",
              lambda w: group(w, f"people/{w['person'].pk}/remove/"), ANYONE, method="post"),
        Route("case_reviews:person_remove", "remove a person affected from someone else's application",
              lambda w: apply(w, f"people/{w['person'].pk}/remove/"), set(), method="post"),
        Route("case_reviews:evidence", "upload evidence to one's draft", lambda w: apply(w, "evidence/"), ANYONE),
        Route("case_reviews:evidence_remove", "remove a file from one's draft",
              lambda w: apply(w, f"evidence/{w['draft_file'].pk}/remove/"), ANYONE, method="post"),
        Route("case_reviews:evidence_remove", "remove a file from someone else's application",
              lambda w: apply(w, f"evidence/{w['case_file'].pk}/remove/"), set(), method="post"),
        Route("case_reviews:evidence_download", "download one's own evidence through the link",
              lambda w: f"/case-review/apply/{w['case_link']}/evidence/{w['case_file'].pk}/", ANYONE),
        Route("case_reviews:evidence_download", "download someone else's evidence through one's own link",
              lambda w: f"/case-review/apply/{w['draft_link']}/evidence/{w['case_file'].pk}/", set()),
        Route("case_reviews:saved", "see the link to come back with", lambda w: apply(w, "saved/"), ANYONE),
        Route("case_reviews:check", "check one's answers", lambda w: apply(w, "check-your-answers/"), ANYONE,
              check=hides_the_case),
        Route("case_reviews:sent", "see the sent confirmation", lambda w: f"/case-review/apply/{w['case_link']}/sent/",
              ANYONE),
        Route("case_reviews:paper_form", "read the application form to print", lambda w: "/case-review/application-form/",
              ANYONE, check=hides_the_case),
        Route("case_reviews:paper_form_text", "download the application form",
              lambda w: "/case-review/application-form.txt", ANYONE, check=hides_the_case),
        Route("case_reviews:paper_form_docx", "download the application form as a Word document",
              lambda w: "/case-review/application-form.docx", ANYONE),
        Route("case_reviews:partner_letter", "read 'Do you know about the ASB Case Review?'",
              lambda w: "/case-review/do-you-know/", ANYONE, check=hides_the_case),
        Route("case_reviews:partner_letter_text", "download the partners' letter words",
              lambda w: "/case-review/do-you-know.txt", ANYONE, check=hides_the_case),
        Route("case_reviews:cases", "list the cases", lambda w: "/case-review/cases/", CASE_STAFF),
        Route("case_reviews:letters_to_post", "list the letters to post", lambda w: "/case-review/cases/letters-to-post/",
              CASE_STAFF, check=lists_the_letter_only_to_case_staff),
        Route("case_reviews:letter_print", "print a letter to an applicant",
              lambda w: f"/case-review/cases/{w['by_post'].pk}/letters/{w['letter'].pk}/", CASE_STAFF,
              check=shows_the_letter_only_to_case_staff),
        Route("case_reviews:letter_sent", "mark a letter as posted",
              lambda w: f"/case-review/cases/{w['by_post'].pk}/letters/{w['letter'].pk}/sent/", CASE_STAFF,
              method="post"),
        Route("case_reviews:letter_print", "print one case's letter under another case's address",
              lambda w: f"/case-review/cases/{w['case'].pk}/letters/{w['letter'].pk}/", set()),
        Route("case_reviews:statistics_csv", "download the statistics", lambda w: "/case-review/cases/statistics.csv",
              CASE_STAFF),
        Route("case_reviews:case", "read a case", lambda w: case(w), CASE_STAFF,
              check=shows_the_case_only_to_case_staff),
        Route("case_reviews:case", "take a step on a case", lambda w: case(w), CASE_STAFF, method="post",
              data={"action": "close", "close-reason": "Withdrawn by the applicant"}),
        Route("case_reviews:export", "export a case for subject access", lambda w: case(w, "export.json"),
              CASE_STAFF),
        Route("case_reviews:staff_evidence", "download a case's evidence",
              lambda w: case(w, f"evidence/{w['case_file'].pk}/"), CASE_STAFF),
        Route("case_reviews:recommendation", "update a recommendation",
              lambda w: case(w, f"recommendations/{w['recommendation'].pk}/"), CASE_STAFF, method="post",
              data={"state": "done"}),
    ],
)  # fmt: skip
