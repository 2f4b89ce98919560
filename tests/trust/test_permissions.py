"""Every app's permission matrix, run against every role, and a check that every address has a row.

The matrices live in tests/<app>/permissions.py (see tests/permissions.py and docs/apps/trust-harness.md).
Each app's world is built once; each role then runs every row inside a savepoint that is rolled back, so one
role's successful POST (a meeting cancelled, a member accepted) never changes what the next role meets.
"""

import warnings

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.urls import path

from tests.permissions import PENDING_APPS, coverage_gaps, default_succeeded, is_refusal, load_matrices, sign_in

MATRICES = load_matrices()


def run_matrix(client, matrix):
    """Every role against every row: a list of the cells that did not come out as declared."""
    world = matrix.world()
    wrong = []
    for role in matrix.all_roles:
        with transaction.atomic():
            client.logout()
            cache.clear()
            user = matrix.user_for(world, role)
            if user is not None:
                sign_in(client, user)
            for route in matrix.routes:
                allowed = route.allows(role, matrix.all_roles)
                with transaction.atomic():
                    url = route.url(world)
                    if route.method == "post":
                        response = client.post(url, route.post_data(world))
                    else:
                        response = getattr(client, route.method)(url)
                    transaction.set_rollback(True)
                where = f"{role} -> {route.label} ({route.method.upper()} {url})"
                if response.status_code >= 500:
                    wrong.append(f"{where}: server error {response.status_code}")
                    continue
                succeeded = (route.succeeded or default_succeeded)(response)
                if allowed and not succeeded:
                    wrong.append(f"{where}: expected success, got {response.status_code}")
                elif not allowed and succeeded:
                    wrong.append(f"{where}: UNEXPECTED SUCCESS {response.status_code}")
                elif not allowed and not route.succeeded and not is_refusal(response):
                    wrong.append(f"{where}: refused oddly ({response.status_code})")
                elif route.check:
                    try:
                        route.check(response, world, role, allowed)
                    except AssertionError as exc:
                        wrong.append(f"{where}: {exc}")
            transaction.set_rollback(True)
    return wrong


@pytest.mark.django_db
@pytest.mark.parametrize("app", sorted(MATRICES))
def test_the_apps_permission_matrix_holds_for_every_role(client, app):
    """0 unexpected successes and 0 unexpected refusals, for the standard roles and the app's own."""
    wrong = run_matrix(client, MATRICES[app])
    assert wrong == [], f"{len(wrong)} cells of the {app} matrix are wrong:\n" + "\n".join(wrong)


def test_every_url_pattern_has_a_row_or_a_public_declaration():
    uncovered, stale = coverage_gaps(MATRICES)
    pending = {app: keys for app, keys in uncovered.items() if app in PENDING_APPS}
    if pending:
        warnings.warn(
            "Apps pending their permission matrix (tests.permissions.PENDING_APPS): "
            + "; ".join(f"{app}: {', '.join(keys)}" for app, keys in sorted(pending.items())),
            stacklevel=1,
        )
    missing = {app: keys for app, keys in uncovered.items() if app not in PENDING_APPS}
    assert missing == {}, "URL names without a row in any app's tests/<app>/permissions.py:\n" + "\n".join(
        f"  {app}: {', '.join(keys)}" for app, keys in sorted(missing.items())
    )
    assert stale == [], f"rows naming addresses that no longer exist: {stale}"


def _an_unlisted_view(request):  # pragma: no cover - never requested
    raise AssertionError


_an_unlisted_view.__module__ = "core.views"  # as if an app had added it


urlpatterns = [
    *__import__("config.urls", fromlist=["urlpatterns"]).urlpatterns,
    path("a-new-page/", _an_unlisted_view, name="a_new_page_nobody_declared"),
]


@override_settings(ROOT_URLCONF=__name__)
def test_the_coverage_check_fails_when_a_url_is_added_without_a_row():
    before, _stale = coverage_gaps(MATRICES, urlconf="config.urls")
    after, _stale = coverage_gaps(MATRICES, urlconf=__name__)
    assert set(after["core"]) - set(before.get("core", [])) == {"a_new_page_nobody_declared"}


def test_the_coverage_check_notices_a_stale_row():
    from dataclasses import replace

    from tests.permissions import Route

    core = MATRICES["core"]
    stale_route = Route("core:no_such_page", "a removed page", lambda w: "/", set())
    _uncovered, stale = coverage_gaps({**MATRICES, "core": replace(core, routes=[*core.routes, stale_route])})
    assert stale == ["core:no_such_page"]
