"""Who may do what in the admin: a role x action matrix for the shared kernel's staff roles."""

import pytest
from wagtail.models import Site

from core.models import HomePage
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "resident": {"groups": []},
    "communications officer": {"groups": ["Communications officers"], "is_staff": True},
    "case officer": {"groups": ["Case officers"], "is_staff": True},
    "partnership admin": {"groups": ["Partnership admins"], "is_staff": True},
}

ACTIONS = {
    "open the admin": lambda ids: "/admin/",
    "edit a page": lambda ids: f"/admin/pages/{ids['home']}/edit/",
    "add a page": lambda ids: f"/admin/pages/add/core/standardpage/{ids['home']}/",
    "change partnership settings": lambda ids: f"/admin/settings/core/partnershipsettings/{ids['site']}/",
    "manage users": lambda ids: "/admin/users/",
    "read the email outbox": lambda ids: "/admin/snippets/core/outboxmessage/",
    "read contact messages": lambda ids: "/admin/snippets/core/contactmessage/",
    "edit wards": lambda ids: "/admin/snippets/core/ward/",
}

ALLOWED = {
    "anonymous": set(),
    "resident": set(),
    "communications officer": {"open the admin", "edit a page", "add a page", "read contact messages"},
    "case officer": {"open the admin"},
    "partnership admin": set(ACTIONS),
}

MATRIX = [(role, action, action in ALLOWED[role]) for role in ROLES for action in ACTIONS]


@pytest.mark.parametrize(("role", "action", "allowed"), MATRIX, ids=[f"{r}-{a}" for r, a, _ in MATRIX])
def test_role_action_matrix(client, demo_site, role, action, allowed):
    spec = ROLES[role]
    if spec is not None:
        factory = StaffFactory if spec.get("is_staff") else UserFactory
        client.force_login(factory(groups=spec["groups"]))
    ids = {"home": HomePage.objects.first().pk, "site": Site.objects.get(is_default_site=True).pk}
    response = client.get(ACTIONS[action](ids))
    if allowed:
        assert response.status_code == 200, f"{role} should be able to {action}"
    else:
        assert response.status_code in (302, 403), f"{role} must not {action} (got {response.status_code})"
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or response["Location"] == "/admin/"


def test_the_staff_groups_exist_from_the_migrations(db):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Communications officers", "Case officers", "Partnership admins"} <= names
