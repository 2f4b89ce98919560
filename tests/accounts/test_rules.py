"""Who may open which account page: a role x page matrix.

Front-end account pages send anyone signed out to the front-end sign-in; the Wagtail admin keeps its own
sign-in at /admin/login/ and stays closed to people with only a front-end account.
"""

import pytest

from tests.accounts.factories import AccountFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "venue manager": lambda: AccountFactory(),
    "communications officer": lambda: StaffFactory(groups=["Communications officers"]),
}

PAGES = {
    "your account": "/accounts/",
    "change password": "/accounts/password/change/",
    "change email address": "/accounts/email/",
    "sign out": "/accounts/logout/",
    "the admin": "/admin/",
}

ALLOWED = {
    "anonymous": set(),
    "venue manager": {"your account", "change password", "change email address", "sign out"},
    "communications officer": set(PAGES),
}

MATRIX = [(role, page, page in ALLOWED[role]) for role in ROLES for page in PAGES]


@pytest.mark.parametrize(("role", "page", "allowed"), MATRIX, ids=[f"{r}-{p}" for r, p, _ in MATRIX])
def test_role_page_matrix(client, role, page, allowed):
    if ROLES[role] is not None:
        client.force_login(ROLES[role]())
    path = PAGES[page]

    response = client.get(path)

    if allowed:
        assert response.status_code == 200, f"{role} should open {page}"
    elif page == "the admin":
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/")
    elif page == "sign out":
        assert (response.status_code, response["Location"]) == (302, "/")  # nobody to sign out
    else:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={path}"
