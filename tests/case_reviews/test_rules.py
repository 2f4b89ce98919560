"""Who sees what (issue 10, GD-013): every case review route against every role, evidence downloads and the export
included. Only case officers and partnership admins reach cases; an applicant reaches only their own application,
through its signed link; nobody else gets anything. 0 unexpected successes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from case_reviews import services
from core.models import AuditEvent
from tests.case_reviews.factories import ApplicationFactory, RecommendationFactory
from tests.factories import StaffFactory, UserFactory
from tests.safe_places.factories import VenueFactory
from tests.watch_schemes.factories import WatchSchemeFactory, main_coordinator

pytestmark = pytest.mark.django_db

STAFF_ROLES = {"case officer", "partnership admin"}
ROLES = [
    "anonymous",
    "applicant with a signed link",
    "applicant with someone else's link",
    "watch coordinator",
    "safe places venue",
    "communications officer",
    "case officer",
    "partnership admin",
]

# route name -> (method, url builder, who may use it: "staff", "applicant" or "public")
ROUTES = {
    "case list": ("get", lambda w: "/case-review/cases/", "staff"),
    "open a case": ("get", lambda w: f"/case-review/cases/{w.case.pk}/", "staff"),
    "take a case step": ("post", lambda w: f"/case-review/cases/{w.case.pk}/", "staff"),
    "export a case": ("get", lambda w: f"/case-review/cases/{w.case.pk}/export.json", "staff"),
    "download evidence (staff)": ("get", lambda w: f"/case-review/cases/{w.case.pk}/evidence/{w.case_file.pk}/",
                                  "staff"),
    "update a recommendation": ("post", lambda w: f"/case-review/cases/{w.case.pk}/recommendations/{w.rec.pk}/",
                                "staff"),
    "statistics export": ("get", lambda w: "/case-review/cases/statistics.csv", "staff"),
    "letters to post": ("get", lambda w: "/case-review/cases/letters-to-post/", "staff"),
    "print a letter": ("get", lambda w: f"/case-review/cases/{w.case.pk}/letters/{w.letter.pk}/", "staff"),
    "mark a letter sent": ("post", lambda w: f"/case-review/cases/{w.case.pk}/letters/{w.letter.pk}/sent/", "staff"),
    "application form to print (CT-072)": ("get", lambda w: "/case-review/application-form/", "public"),
    "application form as text (CT-072)": ("get", lambda w: "/case-review/application-form.txt", "public"),
    "application form as DOCX (CT-072)": ("get", lambda w: "/case-review/application-form.docx", "public"),
    "partners' page (CT-071)": ("get", lambda w: "/case-review/do-you-know/", "public"),
    "see own application": ("get", lambda w: f"/case-review/apply/{w.token(w.case)}/", "applicant"),
    "download own evidence": ("get", lambda w: f"/case-review/apply/{w.token(w.case)}/evidence/{w.case_file.pk}/",
                              "applicant"),
    "open a draft page": ("get", lambda w: f"/case-review/apply/{w.token(w.draft)}/applicant/", "applicant"),
    "change a draft": ("post", lambda w: f"/case-review/apply/{w.token(w.draft)}/applicant/", "applicant"),
    "remove draft evidence": ("post", lambda w: f"/case-review/apply/{w.token(w.draft)}/evidence/{w.draft_file.pk}/"
                              "remove/", "applicant"),
    "check your answers": ("get", lambda w: f"/case-review/apply/{w.token(w.draft)}/check-your-answers/",
                           "applicant"),
    "start page": ("get", lambda w: "/case-review/apply/", "public"),
}  # fmt: skip


class World:
    """One sent case with evidence and a recommendation, one draft with a file, and a stranger's application."""

    def __init__(self, relevant_bodies):
        now = timezone.now()
        self.case = ApplicationFactory(applicant_name="Secret Applicant", email="secret@example.org")
        self.case_file = services.add_evidence(
            application=self.case, now=now,
            upload=SimpleUploadedFile("diary.pdf", b"%PDF-1.4 diary", content_type="application/pdf"),
        )  # fmt: skip
        self.case = services.submit_application(application=self.case, now=now)
        self.rec = RecommendationFactory(application=self.case, owner=relevant_bodies[0])
        self.letter = self.case.letters.get()
        self.draft = ApplicationFactory(applicant_name="Draft Person")
        self.draft_file = services.add_evidence(
            application=self.draft, now=now,
            upload=SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
        )  # fmt: skip
        self.stranger = ApplicationFactory(applicant_name="Someone Else")
        self.link_owner = None

    def token(self, application):
        if self.link_owner == "stranger":
            return services.application_token(self.stranger)
        return services.application_token(application)


def sign_in(client, role, world):
    world.link_owner = "stranger" if role == "applicant with someone else's link" else None
    if role == "watch coordinator":
        client.force_login(main_coordinator(WatchSchemeFactory()))
    elif role == "safe places venue":
        client.force_login(VenueFactory(manager=UserFactory()).manager)
    elif role in ("communications officer", "case officer", "partnership admin"):
        group = {"communications officer": "Communications officers", "case officer": "Case officers",
                 "partnership admin": "Partnership admins"}[role]  # fmt: skip
        client.force_login(StaffFactory(groups=[group]))


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_role_route_matrix(client, relevant_bodies, role, route):
    world = World(relevant_bodies)
    sign_in(client, role, world)
    method, url, audience = ROUTES[route]
    data = {"action": "close", "close-reason": "Withdrawn", "state": "done", "applicant_name": "Changed",
            "email": "new@example.org"}  # fmt: skip
    data = data if method == "post" else None
    response = getattr(client, method)(url(world), data)
    body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
    stranger_link = role == "applicant with someone else's link"
    if audience == "staff":
        if role in STAFF_ROLES:
            assert response.status_code in (200, 302), f"{role} should reach {route}"
        elif role in ("anonymous", "applicant with a signed link", "applicant with someone else's link"):
            assert response.status_code == 302 and "/admin/login/" in response.url, f"{role} reached {route}"
        else:
            assert response.status_code == 403, f"{role} must not reach {route}"
        assert "Secret Applicant" not in body or role in STAFF_ROLES
    elif audience == "applicant":
        # The link is the key: it opens its own application only. A link to someone else's application never
        # opens this one, whoever is signed in, and staff sessions add nothing to a link.
        if stranger_link:
            assert "Secret Applicant" not in body and "Draft Person" not in body
            assert response.status_code in (200, 302, 404), response.status_code
            if "evidence" in route:
                assert response.status_code == 404, f"someone else's link downloaded {route}"
        else:
            assert response.status_code in (200, 302), f"the link holder should reach {route}"
    else:
        assert response.status_code == 200
    # Nothing changed for anyone who may not change it.
    world.case.refresh_from_db()
    world.rec.refresh_from_db()
    if role not in STAFF_ROLES:
        assert world.case.status == "received" and world.rec.state == "open"
    if stranger_link:
        world.draft.refresh_from_db()
        assert world.draft.applicant_name == "Draft Person" and world.draft.evidence.exists()


def test_staff_views_changes_downloads_and_exports_are_audited(client, relevant_bodies):
    world = World(relevant_bodies)
    officer = StaffFactory(groups=["Case officers"])
    client.force_login(officer)
    client.get(f"/case-review/cases/{world.case.pk}/")
    client.get(f"/case-review/cases/{world.case.pk}/evidence/{world.case_file.pk}/")
    client.get(f"/case-review/cases/{world.case.pk}/export.json")
    client.post(f"/case-review/cases/{world.case.pk}/", {"action": "acknowledge", "acknowledge-spoc": officer.pk})
    actions = set(AuditEvent.objects.filter(actor=officer).values_list("action", flat=True))
    assert {"view", "download", "export", "change"} <= actions


def test_export_holds_everything_about_one_applicant(client, relevant_bodies):
    world = World(relevant_bodies)
    client.force_login(StaffFactory(groups=["Case officers"]))
    data = client.get(f"/case-review/cases/{world.case.pk}/export.json").json()
    assert data["applicant_name"] == "Secret Applicant" and data["evidence"][0]["original_name"] == "diary.pdf"
    assert data["bodies_notified"] and data["recommendations"][0]["owner__name"] == relevant_bodies[0].name


def test_communications_officers_hold_no_case_review_permission(comms_officer):
    assert not comms_officer.has_perm("case_reviews.see_cases")
    assert not any(p.startswith("case_reviews.") for p in comms_officer.get_all_permissions())


def test_subject_access_registry_finds_one_persons_applications(relevant_bodies):
    from core import personal_data

    world = World(relevant_bodies)
    declaration = {d.model_label: d for d in personal_data.declarations()}["case_reviews.Application"]
    assert list(declaration.subject("SECRET@example.org")) == [world.case]
    for name in declaration.fields:
        assert hasattr(world.case, name), name
