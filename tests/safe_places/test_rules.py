"""Who may do what to a venue: venue A's manager against venue B's, a resident, staff roles, on every route.

"Only my venue" (SP-052, DESIGN section 1): another venue's manager gets the same 404 as a stranger, so it
cannot even learn which venues exist unapproved. Decisions belong to the Partnership admins only.
"""

import pytest
from django.urls import reverse

from safe_places.models import Venue
from tests.factories import StaffFactory, UserFactory
from tests.safe_places.factories import VenueFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "manager of A", "manager of B", "communications officer", "partnership admin"]

ROUTES = {
    "public page of A": lambda ids: reverse("safe_places:venue", args=[ids["a"], "corner-shop-a"]),
    "report a concern about A": lambda ids: reverse("safe_places:report_concern", args=[ids["a"]]),
    "preview pending P": lambda ids: reverse("safe_places:venue", args=[ids["p"], "pending-place"]),
    "change A": lambda ids: reverse("safe_places:edit", args=[ids["a"]]),
    "renew A": lambda ids: reverse("safe_places:renew", args=[ids["a"]]),
    "withdraw A": lambda ids: reverse("safe_places:withdraw", args=[ids["a"]]),
    "dates of A": lambda ids: reverse("safe_places:exceptions", args=[ids["a"]]),
    "change pending P": lambda ids: reverse("safe_places:edit", args=[ids["p"]]),
    "register a venue": lambda ids: reverse("safe_places:register"),
    "your venues": lambda ids: reverse("safe_places:my_venues"),
    "admin: decide on P": lambda ids: reverse("safe_places_decide", args=[ids["p"]]),
    "admin: venues": lambda ids: reverse("wagtailsnippets_safe_places_venue:list"),
    "admin: concerns": lambda ids: reverse("wagtailsnippets_safe_places_venueconcern:list"),
}

EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
ALLOWED = {
    "public page of A": EVERYONE,
    "report a concern about A": EVERYONE,
    "preview pending P": {"manager of A", "partnership admin"},
    "change A": {"manager of A"},
    "renew A": {"manager of A"},
    "withdraw A": {"manager of A"},
    "dates of A": {"manager of A"},
    "change pending P": {"manager of A"},
    "register a venue": SIGNED_IN,
    "your venues": SIGNED_IN,
    "admin: decide on P": {"partnership admin"},
    "admin: venues": {"partnership admin"},
    "admin: concerns": {"partnership admin"},
}

MATRIX = [(role, route, role in ALLOWED[route]) for role in ROLES for route in ROUTES]


@pytest.fixture
def world(demo_site):
    manager_a, manager_b = UserFactory(), UserFactory()
    a = VenueFactory(name="Corner Shop A", manager=manager_a, approved=True)
    p = VenueFactory(name="Pending Place", manager=manager_a)
    b = VenueFactory(name="Corner Shop B", manager=manager_b, approved=True)
    users = {
        "anonymous": None,
        "resident": UserFactory(),
        "manager of A": manager_a,
        "manager of B": manager_b,
        "communications officer": StaffFactory(groups=["Communications officers"]),
        "partnership admin": StaffFactory(groups=["Partnership admins"]),
    }
    return {"ids": {"a": a.pk, "p": p.pk, "b": b.pk}, "users": users}


@pytest.mark.parametrize(("role", "route", "allowed"), MATRIX, ids=[f"{r}-{a}" for r, a, _ in MATRIX])
def test_role_route_matrix(client, world, role, route, allowed):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(ROUTES[route](world["ids"]))
    if allowed:
        assert response.status_code == 200, f"{role} should reach {route}"
    else:
        assert response.status_code in (302, 403, 404), f"{role} must not reach {route} ({response.status_code})"
        if response.status_code == 302:
            location = response["Location"]
            assert "login" in location or location == "/admin/", f"{role} -> {route} redirected to {location}"


@pytest.mark.parametrize("intruder", ["manager of B", "resident", "partnership admin"])
def test_no_one_else_can_post_changes_to_a_venue(client, world, intruder):
    client.force_login(world["users"][intruder])
    a = world["ids"]["a"]
    for name in ("edit", "renew", "withdraw", "exceptions"):
        response = client.post(reverse(f"safe_places:{name}", args=[a]), {"name": "Hijacked", "confirm": "on"})
        assert response.status_code == 404
    venue = Venue.objects.get(pk=a)
    assert venue.name == "Corner Shop A" and venue.status == Venue.Status.APPROVED


def test_your_venues_lists_only_your_own(client, world):
    client.force_login(world["users"]["manager of B"])
    html = client.get(reverse("safe_places:my_venues")).content.decode()
    assert "Corner Shop B" in html and "Corner Shop A" not in html and "Pending Place" not in html


def test_only_a_partnership_admin_can_post_a_decision(client, world):
    p = world["ids"]["p"]
    for role in ("manager of A", "communications officer"):
        client.force_login(world["users"][role])
        client.post(reverse("safe_places_decide", args=[p]), {"decision": "approve"})
    assert Venue.objects.get(pk=p).status == Venue.Status.PENDING
    client.force_login(world["users"]["partnership admin"])
    response = client.post(reverse("safe_places_decide", args=[p]), {"decision": "approve"})
    assert response.status_code == 302
    assert Venue.objects.get(pk=p).status == Venue.Status.APPROVED


def test_a_decline_without_a_reason_is_refused_in_the_admin(client, world):
    client.force_login(world["users"]["partnership admin"])
    p = world["ids"]["p"]
    response = client.post(reverse("safe_places_decide", args=[p]), {"decision": "decline", "reason": ""})
    assert response.status_code == 200
    assert "Give a reason: the venue will see it." in response.content.decode()
    assert Venue.objects.get(pk=p).status == Venue.Status.PENDING
