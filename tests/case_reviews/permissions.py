"""ASB Case Reviews: only case officers and partnership admins reach cases, their evidence, the export and the
statistics download (GD-013); communications officers cannot. An applicant reaches their own application only
through its signed link, whoever is signed in; a link to one application never opens another's file, and an
altered link opens nothing. Evidence is never served from a public address."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from case_reviews import services
from tests.case_reviews.factories import ApplicationFactory, IncidentFactory, RecommendationFactory, RelevantBodyFactory
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
    return World(objects={
        "case": case, "case_file": case_file, "draft": draft, "draft_file": draft_file, "incident": incident,
        "recommendation": RecommendationFactory(application=case, owner=body),
        "case_link": services.application_token(case), "draft_link": services.application_token(draft),
    })  # fmt: skip


def hides_the_case(response, world, role, allowed):
    body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
    assert SECRET not in body and "Secret Applicant" not in body, "case details shown"


def shows_the_case_only_to_case_staff(response, world, role, allowed):
    body = response.content.decode()
    assert (SECRET in body) == allowed, "case details shown" if SECRET in body else "case details missing"


def apply(w, rest=""):
    return f"/case-review/apply/{w['draft_link']}/{rest}"


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
        Route("case_reviews:cases", "list the cases", lambda w: "/case-review/cases/", CASE_STAFF),
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
