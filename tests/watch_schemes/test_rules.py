"""Permission matrix over every route of the registry, the open data and the admin's report and CSV included
(issue 8 acceptance): a resident, a member (with their signed link), the coordinator of another scheme B, a
co-coordinator and the main coordinator of scheme A, a communications officer and a partnership admin.

A success is a 200, or a redirect anywhere but a sign-in page or the admin dashboard; everything else (404, 403, a redirect to sign in)
is a refusal. The test asserts the full table: 0 unexpected successes and 0 unexpected refusals.
"""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory
from tests.watch_schemes.factories import MemberFactory, WatchSchemeFactory, main_coordinator
from watch_schemes import services
from watch_schemes.models import Member, SchemeCoordinator

pytestmark = pytest.mark.django_db

ROLES = ("resident", "member", "coordinator_b", "deputy_a", "coordinator_a", "comms", "admin")
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"resident", "member"}
A_COORDINATORS = {"deputy_a", "coordinator_a"}


@pytest.fixture
def world(db):
    scheme_a = WatchSchemeFactory(active=True, name="Scheme A")
    scheme_b = WatchSchemeFactory(active=True, name="Scheme B")
    pending_a = WatchSchemeFactory(name="Pending A", coordinator=main_coordinator(scheme_a))
    deputy = UserFactory()
    SchemeCoordinator.objects.create(scheme=scheme_a, user=deputy, role="deputy")
    member = MemberFactory(scheme=scheme_a, accepted=True)
    request = MemberFactory(scheme=scheme_a)
    users = {
        "resident": None,
        "member": None,
        "coordinator_b": main_coordinator(scheme_b),
        "deputy_a": deputy,
        "coordinator_a": main_coordinator(scheme_a),
        "comms": StaffFactory(groups=["Communications officers"]),
        "admin": StaffFactory(groups=["Partnership admins"]),
    }
    return {"a": scheme_a, "b": scheme_b, "pending": pending_a, "member": member, "request": request, "users": users}


def routes(w):
    a, pending, request = w["a"], w["pending"], w["request"]
    return [
        ("finder", "get", reverse("watch_schemes:finder"), EVERYONE),
        ("scheme A page", "get", a.get_absolute_url(), EVERYONE),
        ("pending scheme page", "get", pending.get_absolute_url(), A_COORDINATORS - {"deputy_a"} | {"admin"}),
        ("join A", "get", reverse("watch_schemes:join", args=[a.pk]), EVERYONE),
        ("join pending", "get", reverse("watch_schemes:join", args=[pending.pk]), set()),
        ("open data GeoJSON", "get", reverse("watch_schemes:geojson"), EVERYONE),
        ("start a scheme", "get", reverse("watch_schemes:register"), SIGNED_IN),
        ("your schemes", "get", reverse("watch_schemes:my_schemes"), SIGNED_IN),
        ("manage A", "get", reverse("watch_schemes:manage", args=[a.pk]), A_COORDINATORS),
        ("change A", "get", reverse("watch_schemes:edit", args=[a.pk]), A_COORDINATORS),
        ("message A", "get", reverse("watch_schemes:message", args=[a.pk]), A_COORDINATORS),
        ("review A", "get", reverse("watch_schemes:review", args=[a.pk]), A_COORDINATORS),
        ("add coordinator A", "get", reverse("watch_schemes:add_coordinator", args=[a.pk]), {"coordinator_a"}),
        ("hand over A", "get", reverse("watch_schemes:hand_over", args=[a.pk]), {"coordinator_a"}),
        ("send message A", "post", reverse("watch_schemes:message", args=[a.pk]), A_COORDINATORS),
        (
            "accept request A",
            "post",
            reverse("watch_schemes:decide_member", args=[a.pk, request.pk]),
            A_COORDINATORS,
        ),
        ("admin: decide A", "get", reverse("watch_schemes_decide", args=[pending.pk]), {"admin"}),
        ("admin: audit", "get", reverse("watch_schemes_audit"), {"admin"}),
        ("admin: audit CSV", "get", reverse("watch_schemes_audit") + "?format=csv", {"admin"}),
        ("admin: ward alert", "get", reverse("watch_schemes_ward_alert"), {"admin"}),
        ("admin: scheme list", "get", reverse("wagtailsnippets_watch_schemes_watchscheme:list"), {"admin"}),
    ]


POST_DATA = {"send message A": {"subject": "Hello", "body": "Hi"}, "accept request A": {"action": "accept"}}


def succeeded(response):
    if response.status_code == 200:
        return True
    if response.status_code == 302:
        # Wagtail sends staff without the permission back to the dashboard; everyone else to sign in.
        return "login" not in response.url and response.url != reverse("wagtailadmin_home")
    return False


def test_permission_matrix_every_route(client, world):
    unexpected = []
    for role in ROLES:
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        for name, method, url, allowed in routes(world):
            if method == "post":
                Member.objects.filter(pk=world["request"].pk).update(status="requested", decided_at=None)
                response = client.post(url, POST_DATA[name])
            else:
                response = client.get(url)
            if succeeded(response) != (role in allowed):
                unexpected.append((role, name, response.status_code))
    assert unexpected == []


def test_members_details_appear_only_to_the_schemes_coordinators_nw061(client, world):
    email = world["member"].email
    for role, user in world["users"].items():
        client.logout()
        if user:
            client.force_login(user)
        pages = [
            reverse("watch_schemes:manage", args=[world["a"].pk]),
            world["a"].get_absolute_url(),
            reverse("watch_schemes:geojson"),
            reverse("watch_schemes:my_schemes"),
        ]
        if role == "admin":
            pages += [reverse("watch_schemes_audit"), reverse("watch_schemes_audit") + "?format=csv"]
        seen = any(email in client.get(page).content.decode() for page in pages)
        assert seen == (role in A_COORDINATORS), role


def test_a_member_link_opens_only_that_membership(client, world):
    token = services.member_token(world["member"])
    assert client.get(reverse("watch_schemes:membership", args=[token])).status_code == 200
    other = MemberFactory(scheme=world["b"], accepted=True)
    # The other member's id under this member's signature: a link edited to reach someone else.
    forged = services.member_token(other).split(":", 1)[0] + ":" + token.split(":", 1)[1]
    assert forged != token
    assert client.get(reverse("watch_schemes:membership", args=[forged])).status_code == 404


@pytest.mark.parametrize(
    ("permission", "allowed"),
    [
        ("watch_schemes.manage_scheme", A_COORDINATORS),
        ("watch_schemes.see_members", A_COORDINATORS),
        ("watch_schemes.decide_member", A_COORDINATORS),
        ("watch_schemes.message_members", A_COORDINATORS),
        ("watch_schemes.confirm_review", A_COORDINATORS),
        ("watch_schemes.change_coordinators", {"coordinator_a"}),
        ("watch_schemes.close_scheme", {"coordinator_a", "admin"}),
        ("watch_schemes.decide_scheme", {"admin"}),
        ("watch_schemes.preview_scheme", A_COORDINATORS | {"admin"}),
    ],
)
def test_object_rules(world, permission, allowed):
    from django.contrib.auth.models import AnonymousUser

    for role, user in world["users"].items():
        assert (user or AnonymousUser()).has_perm(permission, world["a"]) == (role in allowed), (role, permission)
