"""The staff roles themselves; who may do what with them is the matrix in tests/core/permissions.py, run by
tests/trust/test_permissions.py."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_staff_groups_exist_from_the_migrations(db):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Communications officers", "Case officers", "Partnership admins"} <= names
