"""Consultations and the engagement ladder: who may accept members, publish outputs and see a task-and-finish
group's members (issue 4, 4), and the public routes (alerts, hearing back, the ladder report).

The group's own roles: its resident lead, its staff lead, a member, and a resident who has asked to join. The
standard "communications officer" and "partnership admin" are the officers who oversee every group; a case
officer holds nothing here.
"""

from consultations import services
from consultations.models import AlertSubscription
from tests.accounts.factories import AccountFactory
from tests.consultations.factories import ConsultationPageFactory, GroupMembershipFactory, TaskGroupPageFactory
from tests.factories import StaffFactory
from tests.permissions import ANYONE, SIGNED_IN, Matrix, Route, World

OFFICERS = {"communications officer", "partnership admin"}
LEADS = {"group lead (resident)", "group lead (staff)"}
APPLICANT_EMAIL = "applicant-secret@example.org"


def world():
    staff_lead = StaffFactory()
    group = TaskGroupPageFactory(lead_officer=staff_lead)
    resident_lead = GroupMembershipFactory(group=group, user=AccountFactory(), role="lead").user
    member = GroupMembershipFactory(group=group, user=AccountFactory()).user
    applicant = GroupMembershipFactory(
        group=group, user=AccountFactory(email=APPLICANT_EMAIL), status="requested", message="I walk it daily"
    )
    activity = ConsultationPageFactory(engagement_level="consult")
    subscription = AlertSubscription.objects.create(email="subscriber@example.org", created_at=activity.opens_at)
    return World(
        objects={"group": group, "applicant": applicant, "activity": activity, "subscription": subscription},
        users={
            "group lead (resident)": resident_lead,
            "group lead (staff)": staff_lead,
            "group member": member,
            "asked to join": applicant.user,
        },
    )


def shows_requests_only_to_those_who_decide(response, world, role, allowed):
    if response.status_code != 200:
        return
    shown = APPLICANT_EMAIL in response.content.decode()
    assert shown == (role in LEADS | OFFICERS), "the applicant's email is shown" if shown else "requests missing"


def lists_only_own_groups(response, world, role, allowed):
    if response.status_code == 200:
        listed = world["group"].title in response.content.decode()
        assert listed == (role in {"group lead (resident)", "group member", "asked to join"}), "groups listed wrongly"


def g(w):
    return w["group"].pk


MATRIX = Matrix(
    app="consultations",
    world=world,
    roles=("group lead (resident)", "group lead (staff)", "group member", "asked to join"),
    routes=[
        Route("consultations:alerts", "open the alerts form", lambda w: "/get-involved/alerts/", ANYONE),
        Route("consultations:confirm_alerts", "confirm alerts by the emailed link",
              lambda w: f"/get-involved/alerts/confirm/{services.confirm_token(w['subscription'])}/", ANYONE),
        Route("consultations:confirm_alerts", "confirm alerts with a made-up link",
              lambda w: f"/get-involved/alerts/confirm/{w['subscription'].key}/", set()),
        Route("consultations:unsubscribe", "unsubscribe by the emailed link",
              lambda w: f"/get-involved/alerts/unsubscribe/{services.unsubscribe_token(w['subscription'])}/", ANYONE),
        Route("consultations:unsubscribe", "unsubscribe someone with a made-up link",
              lambda w: f"/get-involved/alerts/unsubscribe/{w['subscription'].key}/", set()),
        Route("consultations:hear_back", "open the hear-back form",
              lambda w: f"/get-involved/activities/{w['activity'].pk}/hear-back/", ANYONE),
        Route("consultations:my_groups", "see your own groups", lambda w: "/get-involved/groups/mine/", SIGNED_IN,
              check=lists_only_own_groups),
        Route("consultations:join", "open the form to join a group", lambda w: f"/get-involved/groups/{g(w)}/join/",
              SIGNED_IN),
        Route("consultations:leave", "leave the group", lambda w: f"/get-involved/groups/{g(w)}/leave/",
              {"group lead (resident)", "group member", "asked to join"}, method="post"),
        Route("consultations:members", "see the group's members", lambda w: f"/get-involved/groups/{g(w)}/members/",
              LEADS | OFFICERS | {"group member"}, check=shows_requests_only_to_those_who_decide),
        Route("consultations:members", "accept a request to join", lambda w: f"/get-involved/groups/{g(w)}/members/",
              LEADS | OFFICERS, method="post", data=lambda w: {"membership": w["applicant"].pk, "action": "accept"}),
        Route("consultations:publish_output", "open the form to publish an output",
              lambda w: f"/get-involved/groups/{g(w)}/outputs/new/", LEADS | OFFICERS),
        Route("consultations:publish_output", "publish an output", lambda w: f"/get-involved/groups/{g(w)}/outputs/new/",
              LEADS | OFFICERS, method="post", data={"title": "Our recommendations", "summary": "Light the underpass."}),
    ],
    public={
        "consultations:alerts_sent": "Shows only the email address the visitor just typed, kept in their own session.",
        "consultations:ladder_report": "Counts of activities per rung, ward and year: no personal data.",
        "consultations:ladder_report_csv": "The ladder report's table as CSV: no personal data.",
    },
)  # fmt: skip
