"""Object rules of the registry; the role x route matrix over every route, members' privacy on every page that
shows a scheme, and the member's signed link (issue 8 acceptance) are in tests/watch_schemes/permissions.py,
run by tests/trust/test_permissions.py."""

import pytest

from tests.factories import StaffFactory
from tests.watch_schemes import permissions

pytestmark = pytest.mark.django_db

A_COORDINATORS = {"deputy_a", "coordinator_a"}


@pytest.fixture
def world(db):
    built = permissions.world()
    users = {
        "resident": None,
        "coordinator_b": built.users["watch coordinator"],
        "deputy_a": built.users[permissions.DEPUTY_A],
        "coordinator_a": built.users[permissions.COORDINATOR_A],
        "comms": StaffFactory(groups=["Communications officers"]),
        "admin": StaffFactory(groups=["Partnership admins"]),
    }
    return {**built.objects, "users": users}


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
