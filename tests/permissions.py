"""The permission harness: each app's role x object x action matrix, in one shape, run by one test.

Each app declares its matrix in `tests/<app>/permissions.py` as a module-level `MATRIX = Matrix(...)`:

- `world`: a function that builds the app's objects (scheme A and B, a meeting with a booking, ...) and the
  users who play the app's own roles ("coordinator of A"), returned as a `World`;
- `routes`: one `Route` per row: the URL name it covers, how to build its address from the world, the method,
  and which roles may succeed. Secondary routes (exports, feeds, APIs, previews, downloads) are rows like any other;
- `public`: URL names that need no row because anyone may open them and they show no personal data, each with
  the reason (a reviewer reads it);
- `roles`: the app's own roles, on top of the standard ones below.

`tests/trust/test_permissions.py` runs every app's matrix against every standard role and the app's own roles
(0 unexpected successes, 0 unexpected refusals), and checks that every URL pattern in `config.urls` has a row or
a public declaration. How an app adds its matrix: docs/apps/trust-harness.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps

# Apps still being built: the coverage check lists their URL names without rows but does not fail on them, and
# the fuzzer skips their forms that need objects. The lead empties this list once their matrices have landed.
# concern_analysis is surveys.analysis (its app label), wired in with the other two and being built alongside.
PENDING_APPS = set()

# Audiences for Route.allowed, besides an explicit set of role names.
ANYONE = "anyone"
SIGNED_IN = "anyone signed in"


# --- roles -------------------------------------------------------------------------------------------------------


def _account():
    from tests.accounts.factories import AccountFactory

    return AccountFactory()


def _staff(*groups):
    def make():
        from tests.factories import StaffFactory

        return StaffFactory(groups=list(groups))

    return make


def _watch_coordinator():
    """The main coordinator of a scheme of their own: someone else's scheme, as seen from any other app's world."""
    from tests.watch_schemes.factories import WatchSchemeFactory, main_coordinator

    scheme = WatchSchemeFactory(active=True, name="Another street's Home Watch", coordinator=_account())
    return main_coordinator(scheme)


def _safe_places_venue():
    """The manager of an approved Safe Place of their own (not any venue in the app's world)."""
    from tests.safe_places.factories import VenueFactory

    return VenueFactory(name="Another Safe Place", manager=_account(), approved=True).manager


# The roles every matrix is run against, whether or not the app names them: a role added here is checked
# everywhere at once. A maker returns the signed-in user, or None for someone signed out.
STANDARD_ROLES: dict[str, Callable[[], Any] | None] = {
    "anonymous": None,
    "resident": _account,  # a front-end account, confirmed, with nothing to manage
    "watch coordinator": _watch_coordinator,
    "Safe Places venue": _safe_places_venue,
    "staff without a role": _staff(),
    "communications officer": _staff("Communications officers"),
    "case officer": _staff("Case officers"),
    "partnership admin": _staff("Partnership admins"),
}
STAFF_ROLES = {"communications officer", "case officer", "partnership admin"}


# --- declarations ------------------------------------------------------------------------------------------------


@dataclass
class World:
    """The objects a matrix's routes refer to, and the users who play the app's own roles (or stand in for a
    standard role, e.g. "watch coordinator" as scheme B's coordinator)."""

    objects: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]


@dataclass(frozen=True)
class Route:
    """One row: a role may or may not do `label` at `url_name`.

    url_name: the resolver's name ("meetings:attendees", "watch_schemes_audit") or, for a route of a routable
        Wagtail page, "page:<app_label>.<ModelName>:<route name>" (see `page_route_key`).
    url: builds the address from the World.
    allowed: the role names that must succeed, or ANYONE, or SIGNED_IN; everyone else must be refused.
    data: what a POST sends (a dict, or a function of the World).
    succeeded: overrides what counts as success for this row (the default is `default_succeeded`).
    check: a further assertion run on every response, check(response, world, role, allowed); e.g. that an
        attendee list shows the access needs to the staff who may read it.
    """

    url_name: str
    label: str
    url: Callable[[World], str]
    allowed: frozenset[str] | set[str] | str
    method: str = "get"
    data: dict | Callable[[World], dict] | None = None
    succeeded: Callable[[Any], bool] | None = None
    check: Callable[[Any, World, str, bool], None] | None = None

    def allows(self, role, all_roles):
        if self.allowed == ANYONE:
            return True
        if self.allowed == SIGNED_IN:
            return role != "anonymous"
        unknown = set(self.allowed) - set(all_roles)
        assert not unknown, f"{self.label}: unknown roles {sorted(unknown)}"
        return role in self.allowed

    def post_data(self, world):
        return self.data(world) if callable(self.data) else (self.data or {})


@dataclass(frozen=True)
class Matrix:
    app: str
    world: Callable[[], World]
    routes: list[Route]
    roles: tuple[str, ...] = ()
    public: dict[str, str] = field(default_factory=dict)

    @property
    def all_roles(self):
        return (*STANDARD_ROLES, *self.roles)

    def covered_names(self):
        return {route.url_name for route in self.routes} | set(self.public)

    def user_for(self, world, role):
        """The user who plays `role` in this world: the world's own, else a fresh one from the standard maker."""
        if role in world.users:
            return world.users[role]
        assert role in STANDARD_ROLES, f"{self.app}: the world has no user for its role {role!r}"
        maker = STANDARD_ROLES[role]
        return maker() if maker else None


def page_route_key(page_model, route_name):
    """The row name of a route of a routable Wagtail page: page:surveys.SurveyPage:results."""
    return f"page:{page_model._meta.label}:{route_name}"


def page_route_url(page, route_name, *args):
    return page.url + page.reverse_subpage(route_name, args=list(args))


def sign_in(client, user):
    """Sign `user` in as a finished sign-in: for staff that includes the second factor (a confirmed authenticator
    that the session has proved), as after the real two-step sign-in. Who is refused without it is tested in
    tests/trust/test_two_factor.py; here the question is what each role may do once signed in."""
    client.force_login(user)
    if not django_apps.is_installed("django_otp"):
        return
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


# --- outcomes ----------------------------------------------------------------------------------------------------


def default_succeeded(response):
    """A success is a 2xx, or a redirect anywhere but a sign-in page (or the second-factor step of one) or the
    admin's dashboard (where Wagtail sends staff who lack a permission). 400, 403, 404, 405, 410 (a forged or spent link) and redirects to sign in are
    refusals."""
    from django.urls import reverse

    if 200 <= response.status_code < 300:
        return True
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"].split("?")[0]
        refused_to = ("login", "two-factor")  # sign in, or finish signing in with the second factor
        return not any(word in location for word in refused_to) and location not in (
            reverse("wagtailadmin_home"),
            "/admin",
        )
    return False


def is_refusal(response):
    if response.status_code in (400, 403, 404, 405, 410):
        return True
    return response.status_code in (301, 302, 303) and not default_succeeded(response)


# --- discovery ---------------------------------------------------------------------------------------------------


def project_apps():
    """The project's own apps (those whose code lives in site/), by label: core, meetings, surveys, ..."""
    site_dir = Path(__file__).resolve().parent.parent / "site"
    return {
        config.label: config for config in django_apps.get_app_configs() if Path(config.path).is_relative_to(site_dir)
    }


def app_of_module(module_name):
    """The project app a module belongs to (surveys.analysis.views -> surveys.analysis), or None."""
    labels_by_package = {config.name: config.label for config in project_apps().values()}
    best = None
    for package, label in labels_by_package.items():
        if (module_name == package or module_name.startswith(package + ".")) and (
            best is None or len(package) > len(best[0])
        ):
            best = (package, label)
    return best[1] if best else None


def load_matrices():
    """Every app's MATRIX, from tests/<app>/permissions.py, found by walking the tests package."""
    import tests

    matrices = {}
    for info in pkgutil.walk_packages(tests.__path__, "tests."):
        if info.name.endswith(".permissions") and info.name != "tests.permissions":
            module = importlib.import_module(info.name)
            matrix = getattr(module, "MATRIX", None)
            if matrix is not None:
                assert matrix.app not in matrices, f"two matrices for {matrix.app}"
                matrices[matrix.app] = matrix
    return matrices


def route_rows(matrices=None):
    """{url_name: [(app, Route)]} over every matrix."""
    rows = {}
    for app, matrix in (matrices or load_matrices()).items():
        for route in matrix.routes:
            rows.setdefault(route.url_name, []).append((app, route))
    return rows


# --- every address the site answers ------------------------------------------------------------------------------

# URL patterns that belong to third-party packages and need no row, each with why. Everything else in
# config.urls, and every route of a routable page in our apps, must have a row or a public declaration.
# Matching is on the view's module, so a view of ours mounted under /admin/ (a register_admin_urls hook) still
# needs its row.
THIRD_PARTY = {
    # Wagtail's admin (pages, snippets, images, users, settings): Wagtail checks its own model and page
    # permissions; the rows that matter to us (outbox, contact messages, snippets holding personal data) are
    # in the core and app matrices all the same. Also its document serving, sitemap and page serving (page
    # routes are covered as page:... rows).
    "wagtail.": "Wagtail's admin, documents, sitemap and page serving",
    "wagtail_localize.": "wagtail-localize's translation admin",
    "django.views.i18n": "the admin's JavaScript translation catalogue (wagtail-localize)",
    "django.contrib.auth.views": "Wagtail's password-protected-page sign-in at /_util/login/",
    # Email provider webhooks: authenticated by the shared webhook secret, no session, no personal data out.
    "anymail.": "Anymail's provider webhooks",
    # allauth's account machinery: the pages residents use (sign in, sign out, change password or email) have
    # rows in tests/accounts/permissions.py; the rest are allauth's key-checked confirmation steps.
    "allauth.": "django-allauth's account pages",
}
# Unnamed patterns of third-party URL files, by path.
THIRD_PARTY_PATHS = {"admin/test404/": "Wagtail's admin 404 test page (staff only)"}


@dataclass(frozen=True)
class Endpoint:
    """One address: a named URL pattern, or one route of a routable page type."""

    key: str  # the row name: "meetings:book" or "page:surveys.SurveyPage:section"
    path: str  # the pattern, for messages
    view: Any  # the callback (class-based views: the view class; page routes: the route method)
    module: str
    app: str | None  # the project app that owns it, or None for third-party code
    page_model: Any = None
    route_name: str | None = None


def _walk(patterns, prefix="", namespace=None):
    from django.urls import URLPattern, URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespace


def url_endpoints(urlconf=None):
    """Every URL pattern reachable from the root URLconf (or `urlconf`), as Endpoints."""
    from django.urls import get_resolver

    seen = set()
    for path, pattern, namespace in _walk(get_resolver(urlconf).url_patterns):
        callback = pattern.callback
        view = getattr(callback, "view_class", None) or callback
        key = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or path)
        if key in seen:
            continue
        seen.add(key)
        module = view.__module__
        yield Endpoint(key=key, path=path, view=view, module=module, app=app_of_module(module))


def page_endpoints():
    """Every route of every routable page type in our apps (RoutablePageMixin), and pages with their own serve."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page, get_page_models

    for model in get_page_models():
        app = app_of_module(model.__module__)
        if app is None:
            continue
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                method = pattern.callback
                yield Endpoint(
                    key=page_route_key(model, pattern.name),
                    path=f"<{model.__name__}>/{pattern.pattern}",
                    view=method,
                    module=model.__module__,
                    app=app,
                    page_model=model,
                    route_name=pattern.name,
                )
        elif model.serve is not Page.serve:
            yield Endpoint(
                key=page_route_key(model, "serve"),
                path=f"<{model.__name__}>",
                view=model.serve,
                module=model.__module__,
                app=app,
                page_model=model,
                route_name="serve",
            )


def third_party_reason(endpoint):
    if endpoint.app is not None:
        return None
    if endpoint.path in THIRD_PARTY_PATHS:
        return THIRD_PARTY_PATHS[endpoint.path]
    for prefix, reason in THIRD_PARTY.items():
        if endpoint.module == prefix or endpoint.module.startswith(prefix):
            return reason
    return None


def coverage_gaps(matrices=None, urlconf=None):
    """What the permission matrices miss: (uncovered, unknown_rows).

    uncovered: {app: [keys]} of our URL patterns and page routes with neither a row nor a public declaration,
        and of third-party patterns not in THIRD_PARTY (app "third party"), so a new include is noticed too.
    unknown_rows: row names that match no address (a renamed or removed URL leaves a stale row).
    """
    matrices = matrices if matrices is not None else load_matrices()
    covered = set().union(*(m.covered_names() for m in matrices.values())) if matrices else set()
    uncovered = {}
    known = set()
    for endpoint in [*url_endpoints(urlconf), *page_endpoints()]:
        known.add(endpoint.key)
        if endpoint.key in covered or third_party_reason(endpoint):
            continue
        uncovered.setdefault(endpoint.app or "third party", []).append(endpoint.key)
    return uncovered, sorted(covered - known)
