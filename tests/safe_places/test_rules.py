"""What a refused change leaves behind, and the admin's decision rules; who may open which route is the matrix
in tests/safe_places/permissions.py, run by tests/trust/test_permissions.py.

"Only my venue" (SP-052, DESIGN section 1): another venue's manager gets the same 404 as a stranger, so it
cannot even learn which venues exist unapproved. Decisions belong to the Partnership admins only.
"""

import pytest
from django.urls import reverse

from safe_places.models import Venue
from tests.factories import StaffFactory, UserFactory
from tests.safe_places import permissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo_site):
    """The matrix's world (tests/safe_places/permissions.py): venues A and pending P of one manager, B of another."""
    built = permissions.world()
    return {"ids": built.objects, "users": {
        "resident": UserFactory(),
        "manager of A": built.users["manager of A"],
        "manager of B": built.users["Safe Places venue"],
        "communications officer": StaffFactory(groups=["Communications officers"]),
        "partnership admin": StaffFactory(groups=["Partnership admins"]),
    }}  # fmt: skip


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
