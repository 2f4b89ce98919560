"""Neighbourhood Watch: every route of the registry, the open data and the admin's report and CSV included
(issue 8 acceptance): scheme A's main coordinator and deputy, the coordinator of another scheme B (the standard
"watch coordinator"), a member through their signed link, residents and staff.

Members' details appear only to scheme A's coordinators (NW-061): the rows that show a scheme check that.
"""

from django.urls import reverse

from tests.factories import UserFactory
from tests.permissions import ANYONE, SIGNED_IN, Matrix, Route, World
from tests.watch_schemes.factories import MemberFactory, WatchSchemeFactory, main_coordinator
from watch_schemes import services
from watch_schemes.models import SchemeCoordinator

COORDINATOR_A = "coordinator of A"
DEPUTY_A = "deputy of A"
A_COORDINATORS = {COORDINATOR_A, DEPUTY_A}
ADMIN = "partnership admin"
MEMBER_EMAIL = "member.of.a@example.net"


def world():
    scheme_a = WatchSchemeFactory(active=True, name="Scheme A")
    scheme_b = WatchSchemeFactory(active=True, name="Scheme B")
    pending_a = WatchSchemeFactory(name="Pending A", coordinator=main_coordinator(scheme_a))
    deputy = UserFactory()
    SchemeCoordinator.objects.create(scheme=scheme_a, user=deputy, role="deputy")
    member = MemberFactory(scheme=scheme_a, accepted=True, email=MEMBER_EMAIL)
    request = MemberFactory(scheme=scheme_a)
    other = MemberFactory(scheme=scheme_b, accepted=True)
    return World(
        objects={"a": scheme_a, "b": scheme_b, "pending": pending_a, "member": member, "request": request,
                 "other": other},
        users={COORDINATOR_A: main_coordinator(scheme_a), DEPUTY_A: deputy,
               "watch coordinator": main_coordinator(scheme_b)},
    )  # fmt: skip


def never_shows_members(response, world, role, allowed):
    assert MEMBER_EMAIL not in response.content.decode(), "a member's email shown"


def members_only_to_a_coordinators(response, world, role, allowed):
    shown = MEMBER_EMAIL in response.content.decode()
    assert shown == allowed, "a member's email shown" if shown else "the member's email missing for a coordinator"


def forged_token(w):
    """The other member's id under this member's signature: a link edited to reach someone else."""
    token = services.member_token(w["member"])
    return services.member_token(w["other"]).split(":", 1)[0] + ":" + token.split(":", 1)[1]


def ws(name, *args):
    return reverse(f"watch_schemes:{name}", args=args)


MATRIX = Matrix(
    app="watch_schemes",
    world=world,
    roles=(COORDINATOR_A, DEPUTY_A),
    routes=[
        Route("watch_schemes:finder", "find a scheme", lambda w: ws("finder") + "?postcode=MK9+3EJ", ANYONE,
              check=never_shows_members),
        Route("watch_schemes:scheme", "read scheme A's page", lambda w: w["a"].get_absolute_url(), ANYONE,
              check=never_shows_members),
        Route("watch_schemes:scheme_short", "follow A's short address", lambda w: ws("scheme_short", w["a"].pk),
              ANYONE),
        Route("watch_schemes:scheme", "preview the pending scheme", lambda w: w["pending"].get_absolute_url(),
              {COORDINATOR_A, ADMIN}),
        Route("watch_schemes:join", "ask to join A", lambda w: ws("join", w["a"].pk), ANYONE),
        Route("watch_schemes:join", "ask to join the pending scheme", lambda w: ws("join", w["pending"].pk), set()),
        Route("watch_schemes:join_sent", "the sent page without asking (back to the form)",
              lambda w: ws("join_sent", w["a"].pk), ANYONE),
        Route("watch_schemes:membership", "a member's own page through their link",
              lambda w: ws("membership", services.member_token(w["member"])), ANYONE),
        Route("watch_schemes:membership", "another member's page through an edited link",
              lambda w: ws("membership", forged_token(w)), set()),
        Route("watch_schemes:one_click_unsubscribe", "a mail program's Unsubscribe button (RFC 8058)",
              lambda w: ws("one_click_unsubscribe", services.member_token(w["member"])), ANYONE, method="post",
              data={"List-Unsubscribe": "One-Click"}),
        Route("watch_schemes:one_click_unsubscribe", "the Unsubscribe button with an edited link",
              lambda w: ws("one_click_unsubscribe", forged_token(w)), set(), method="post",
              data={"List-Unsubscribe": "One-Click"}),
        Route("watch_schemes:geojson", "download the open data (GeoJSON)", lambda w: ws("geojson"), ANYONE,
              check=never_shows_members),
        Route("watch_schemes:register", "start a scheme", lambda w: ws("register"), SIGNED_IN),
        Route("watch_schemes:my_schemes", "list your schemes", lambda w: ws("my_schemes"), SIGNED_IN,
              check=never_shows_members),
        Route("watch_schemes:manage", "manage A", lambda w: ws("manage", w["a"].pk), A_COORDINATORS,
              check=members_only_to_a_coordinators),
        Route("watch_schemes:edit", "change A", lambda w: ws("edit", w["a"].pk), A_COORDINATORS),
        Route("watch_schemes:message", "open A's message form", lambda w: ws("message", w["a"].pk), A_COORDINATORS),
        Route("watch_schemes:message", "send A's members a message", lambda w: ws("message", w["a"].pk),
              A_COORDINATORS, method="post", data={"subject": "Hello", "body": "Hi"}),
        Route("watch_schemes:review", "confirm A's yearly review", lambda w: ws("review", w["a"].pk), A_COORDINATORS),
        Route("watch_schemes:add_coordinator", "add a coordinator to A", lambda w: ws("add_coordinator", w["a"].pk),
              {COORDINATOR_A}),
        Route("watch_schemes:hand_over", "hand A over", lambda w: ws("hand_over", w["a"].pk), {COORDINATOR_A}),
        Route("watch_schemes:decide_member", "accept a request to join A",
              lambda w: ws("decide_member", w["a"].pk, w["request"].pk), A_COORDINATORS, method="post",
              data={"action": "accept"}),
        Route("watch_schemes_decide", "admin: decide on the pending scheme",
              lambda w: reverse("watch_schemes_decide", args=[w["pending"].pk]), {ADMIN}),
        Route("watch_schemes_audit", "admin: the audit report", lambda w: reverse("watch_schemes_audit"), {ADMIN},
              check=never_shows_members),
        Route("watch_schemes_audit", "admin: the audit CSV", lambda w: reverse("watch_schemes_audit") + "?format=csv",
              {ADMIN}, check=never_shows_members),
        Route("watch_schemes_ward_alert", "admin: send a ward alert", lambda w: reverse("watch_schemes_ward_alert"),
              {ADMIN}),
        Route("wagtailsnippets_watch_schemes_watchscheme:list", "admin: list schemes",
              lambda w: reverse("wagtailsnippets_watch_schemes_watchscheme:list"), {ADMIN}),
    ],
)  # fmt: skip
