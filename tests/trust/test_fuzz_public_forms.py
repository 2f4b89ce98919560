"""Fuzzing every public form: whatever a browser, a script or an attacker sends, no server error and no half record.

Discovery, so that each app's forms join without editing this file:

- every URL pattern in config.urls outside the admin whose view reads input: a class-based view with a form
  (FormMixin) or a `post` method, or a function view whose code (or a helper in its module) reads
  request.GET/POST/FILES or uses a Django form class; our own apps' views and django-allauth's account pages;
- every route of every routable Wagtail page type in our apps (survey sections, check your answers, save for
  later, ...) and every page type with its own `serve`.

Each form is reached through the app's permission matrix (tests/<app>/permissions.py): its world builds the
objects the form needs (a meeting to book, a venue to report, a survey to answer) and a row for the URL says who
may use it, so the fuzzer signs in as that role (someone signed out when anyone may). A form whose address needs
objects but has no row fails here, naming the file to add it to (apps in PENDING_APPS are skipped).

Each input: the form's real fields (read from the page, with the real one-time submission token from a GET, the
honeypot left empty unless Hypothesis fills it) mixed with long strings, control characters, NUL, lone
surrogates and invalid UTF-8, wrong types, missing and repeated fields, huge numbers and impossible dates, sent
as raw bytes. Rate limits are lifted for the run. Asserted for every input: no exception, status < 500, every
submission receipt points at its record, and a refused submission (4xx, or the form shown again with its error
summary) leaves no new or changed row count behind.

FUZZ_EXAMPLES sets the inputs per form (default 10, to keep `make test` within its time); the acceptance run is
`FUZZ_EXAMPLES=10000 .venv/bin/pytest tests/trust/test_fuzz_public_forms.py -p no:randomly -s`,
which prints the count per form.
"""

import inspect
import os
import re
import sys
import traceback
from html.parser import HTMLParser
from types import CodeType, FunctionType, ModuleType
from urllib.parse import quote_from_bytes

import pytest
from django import forms as django_forms
from django.core.cache import cache
from django.test import override_settings
from django.views.generic.edit import FormMixin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.permissions import (
    PENDING_APPS,
    load_matrices,
    page_endpoints,
    project_apps,
    route_rows,
    sign_in,
    url_endpoints,
)

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
INPUT_ATTRIBUTES = {"POST", "GET", "FILES", "method"}  # request.POST, request.GET, request.FILES, request.method
# Outside the public site: the Wagtail admin (staff only, behind two-factor sign-in), provider webhooks.
NOT_PUBLIC_PREFIXES = ("admin/", "anymail/", "documents/", "_util/")


# --- discovery ---------------------------------------------------------------------------------------------------


def _names_in(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _names_in(const)
    return names


def _is_form_thing(obj):
    return isinstance(obj, type) and (issubclass(obj, django_forms.BaseForm) or issubclass(obj, FormMixin))


def reads_input(view, depth=0):
    """Whether a view (class or function, or a page's route method) takes input from the person asking."""
    if isinstance(view, type):
        return issubclass(view, FormMixin) or hasattr(view, "post")
    func = inspect.unwrap(view)
    if not isinstance(func, FunctionType):
        return False
    names = _names_in(func.__code__)
    if names & INPUT_ATTRIBUTES:
        return True
    parts = func.__module__.split(".")
    packages = [".".join(parts[:i]) for i in range(1, len(parts))]  # surveys.models.pages: surveys, surveys.models
    modules = [func.__globals__.get(n) for n in names]
    modules += [sys.modules.get(f"{package}.{n}") for package in packages for n in names]
    for name in names:
        obj = func.__globals__.get(name)
        if _is_form_thing(obj):
            return True
        same_module_helper = isinstance(obj, FunctionType) and obj.__module__ == func.__module__
        if depth < 2 and same_module_helper and reads_input(obj, depth + 1):
            return True
    for module in modules:
        if isinstance(module, ModuleType):
            for name in names:
                obj = getattr(module, name, None)
                if _is_form_thing(obj) or (
                    isinstance(obj, type) and hasattr(obj, "as_view") and reads_input(obj, depth + 1)
                ):
                    return True
    return False


def discover_forms():
    """Every public endpoint that takes input, as Endpoints."""
    found = []
    for endpoint in url_endpoints():
        if endpoint.path.startswith(NOT_PUBLIC_PREFIXES):
            continue
        if endpoint.app is None and not endpoint.module.startswith("allauth."):
            continue
        if reads_input(endpoint.view):
            found.append(endpoint)
    found += [endpoint for endpoint in page_endpoints() if reads_input(endpoint.view)]
    return found


FORMS = discover_forms()
MATRICES = load_matrices()
ROWS = route_rows(MATRICES)


def reach(endpoint):
    """(matrix, route, role) through which the fuzzer opens this form, or None when no row says."""
    rows = ROWS.get(endpoint.key, [])
    for app, route in rows:
        matrix = MATRICES[app]
        roles = [role for role in matrix.all_roles if route.allows(role, matrix.all_roles)]
        if roles:
            return matrix, route, ("anonymous" if "anonymous" in roles else roles[0])
    if rows:  # nobody may succeed (a forged link): fuzz it as someone signed out all the same
        app, route = rows[0]
        return MATRICES[app], route, "anonymous"
    return None


# --- reading the form from the page ------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The fields of each <form> on a page: name -> (type, candidate values), and the form's method and action."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._select = None
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag in ("input", "textarea", "select", "button") and name:
            kind = attrs.get("type", tag)
            entry = self._form["fields"].setdefault(name, {"type": kind, "values": []})
            if attrs.get("value") is not None:
                entry["values"].append(attrs["value"])
            if tag == "select":
                self._select = entry
        elif tag == "option" and self._select is not None and attrs.get("value") is not None:
            self._select["values"].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def main_form(html, path):
    """The page's own form: a POST form if there is one (the site header's search is a GET form), else the form
    that submits to this address, else the biggest."""
    parser = FormFields()
    parser.feed(html)
    forms = [f for f in parser.forms if f["fields"]]
    posts = [f for f in forms if f["method"] == "post"]
    if posts:
        return max(posts, key=lambda f: len(f["fields"]))
    here = [f for f in forms if not f["action"] or f["action"].split("?")[0] == path]
    return max(here or forms, key=lambda f: len(f["fields"])) if forms else {"method": "post", "fields": {}}


def token_in(html):
    match = re.search(r'name="submission_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="submission_token"', html)
    return (match.group(1) or match.group(2)) if match else None


def token_source(client, url, first_html):
    """Where each input's fresh one-time token comes from. Tokens are signed with their form's name, so the token
    on the page names its form: new ones are then minted as the form itself would, and only a form the kernel's
    protection does not know is fetched again for each input."""
    from django.core import signing

    from core.protection import ProtectedForm, issue_token, read_token

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    shown = token_in(first_html)
    for name in {ProtectedForm.form_name} | {getattr(form, "form_name", None) for form in subclasses(ProtectedForm)}:
        try:
            read_token(shown or "", name)
        except signing.BadSignature:
            continue
        return lambda: issue_token(name)
    return lambda: token_in(client.get(url).content.decode(errors="replace"))


# --- what Hypothesis sends ---------------------------------------------------------------------------------------

ODD = [
    "\x00", "a\x00b", "\ud800", "\udfff", "\x1b[31m", "\r\n\r\n", "\u202e", "\ufeff", "\u0000\u0001\u0002",
    "💣💥", "ﷺ", "Z̷̡̛a̸l̷g̶o̴", "0", "-1", "-0", "9" * 400, "1e309", "NaN", "inf", "0x10", "true", "null", "[]",
    "{}", "2024-02-30", "31/02/2024", "0000-00-00", "9999-12-31", "10000", "-2147483649", "9223372036854775808",
    "../../etc/passwd", "<script>alert(1)</script>", "'; DROP TABLE core_user; --", "%00", "MK9 3EJ", "mk93ej",
    "resident@example.org", "a@b", "on", "yes", "1", "2", "12", "31", "2026", "1900", "09:00", "25:61",
    "¹", "²⁰²⁴", "١٢", "\uff12\uff10\uff12\uff14", "½",  # digits to str.isdigit, not to int
]  # fmt: skip
ODD_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(categories=["Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Mn"]), max_size=30),
    st.sampled_from(ODD),
    st.builds(lambda char, size: char * size, st.characters(), st.integers(1000, 20000)),
    st.binary(max_size=24),  # not UTF-8 at all
)


def plausible(field):
    """A value the field might accept: one of its own (an option, its current value) or one by its type."""
    values = [v for v in field["values"] if v is not None]
    by_type = {
        "email": ["resident@example.org"],
        "number": ["1", "2"],
        "checkbox": ["on", "yes"],
        "date": ["2026-12-24"],
        "time": ["09:00"],
        "tel": ["01908 000000"],
    }.get(field["type"], ["Something reasonable", "MK9 3EJ", "1"])
    return st.sampled_from(values + by_type)


def submissions(fields):
    """A whole submission: each real field kept plausible, made odd, left out, or repeated; plus stray fields."""
    per_field = {}
    for name, field in fields.items():
        value = st.one_of(plausible(field), ODD_TEXT)
        per_field[name] = st.one_of(
            st.just(None),  # missing
            plausible(field).map(lambda v: [v]),
            ODD_TEXT.map(lambda v: [v]),
            st.lists(value, min_size=2, max_size=4),  # repeated
        )
    stray = st.lists(st.tuples(st.one_of(st.text(max_size=12), st.sampled_from(["id", "pk", "user", "status"])),
                               ODD_TEXT), max_size=3)  # fmt: skip
    return st.tuples(st.fixed_dictionaries(per_field), stray)


def encode(pairs):
    def raw(value):
        return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")

    return "&".join(f"{quote_from_bytes(raw(k))}={quote_from_bytes(raw(v))}" for k, v in pairs)


# --- the run -----------------------------------------------------------------------------------------------------


def counted_models():
    """What a refused submission must not add to or take from: every model of our apps, but the audit log (which
    records who looked at personal data, whether or not their form was accepted) and site settings (Wagtail
    creates their row the first time any page reads them)."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return [
        model
        for config in project_apps().values()
        for model in config.get_models()
        if not model._meta.proxy
        and model.__name__ != "AuditEvent"
        and not issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]


def counts(models):
    """Row counts of every counted model, in one round trip: the fuzzer asks before and after each input."""
    from django.db import connection

    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(model._meta.db_table)})" for model in models)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return dict(zip((model._meta.label for model in models), row, strict=True))


@pytest.fixture
def plain_template_rendering():
    """Render templates as the live site does. The test client's instrumented rendering records every template and
    context for assertions this module never makes, and at thousands of inputs per form it costs more than the
    request itself."""
    from django.template.base import Template
    from django.test.utils import _TestState

    instrumented, Template._render = Template._render, _TestState.saved_data.template_render
    yield
    Template._render = instrumented


def receipts_without_record():
    from core.models import SubmissionReceipt

    return SubmissionReceipt.objects.filter(object_id__in=["", None]).count()


def refused(response):
    if 400 <= response.status_code < 500:
        return True
    return response.status_code == 200 and b"govuk-error-summary" in response.content


# Emailed links whose view keeps the key in the session and redirects to the form at an address without it
# (so the key cannot leak through the Referer header): the fuzzer follows to that form.
MOVES_ITS_KEY_TO_THE_SESSION = {"account_reset_password_from_key"}
NO_LIMITS = {"ip": (10**9, 3600), "email": (10**9, 3600)}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", FORMS, ids=[e.key for e in FORMS])
@override_settings(PUBLIC_FORM_RATE_LIMITS=NO_LIMITS, ACCOUNT_RATE_LIMITS=False)
def test_no_server_error_and_no_half_record_whatever_is_posted(client, endpoint, plain_template_rendering):
    how = reach(endpoint)
    if how is None:
        has_params = "<" in endpoint.path or "(?P" in endpoint.path or endpoint.page_model is not None
        if endpoint.app in PENDING_APPS:
            pytest.skip(f"{endpoint.app} is pending its permission matrix")
        if has_params and endpoint.app is None:
            pytest.skip(f"{endpoint.key}: a third-party step reached only by an emailed key")
        assert not has_params, (
            f"{endpoint.key} needs objects to reach: add a row for it to tests/{endpoint.app}/permissions.py"
        )
        url, role, user = "/" + re.sub(r"^\^|\$$", "", endpoint.path), "anonymous", None
    else:
        matrix, route, role = how
        world = matrix.world()
        url = route.url(world).split("?")[0]
        user = matrix.user_for(world, role)
    cache.clear()
    if user is not None:
        sign_in(client, user)

    first = client.get(url)
    if endpoint.key in MOVES_ITS_KEY_TO_THE_SESSION and first.status_code == 302:
        url = first["Location"]
        first = client.get(url)
    assert first.status_code < 500
    form = main_form(first.content.decode(errors="replace"), url)
    fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
    has_token = "submission_token" in fields
    fresh_token = token_source(client, url, first.content.decode(errors="replace")) if has_token else None
    models = counted_models()
    sent = {"inputs": 0}
    failures = []

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(submission=submissions(fields), method=st.sampled_from(["post", "post", "post", "get"]),
           keep_token=st.sampled_from([True, True, True, False]), honeypot=st.sampled_from(["", "", "", "http://spam"]))  # fmt: skip
    def fuzz(submission, method, keep_token, honeypot):
        chosen, stray = submission
        pairs = [(name, value) for name, values in chosen.items() if values for value in values]
        if has_token and chosen.get("submission_token") is not None and keep_token:
            token = fresh_token()
            pairs = [(k, v) for k, v in pairs if k != "submission_token"] + (
                [("submission_token", token)] if token else []
            )
        if "website" in fields:
            pairs = [(k, v) for k, v in pairs if k != "website"] + [("website", honeypot)]
        pairs += stray
        body = encode(pairs)
        before = counts(models)
        try:
            if method == "get":
                response = client.get(f"{url}?{body}")
            else:
                response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
        except Exception:
            failures.append(f"{method.upper()} {url} {body[:300]!r}\n{traceback.format_exc(limit=-6)}")
            raise
        sent["inputs"] += 1
        assert response.status_code < 500, f"{method.upper()} {url} {body[:300]!r}: {response.status_code}"
        assert receipts_without_record() == 0, f"a submission receipt without its record after {body[:300]!r}"
        if refused(response):
            after = counts(models)
            changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
            assert changed == {}, f"refused ({response.status_code}) but rows changed {changed}: {body[:300]!r}"

    try:
        fuzz()
    finally:
        print(f"\nfuzzed {sent['inputs']} inputs at {endpoint.key} ({url}) as {role}: {len(failures)} server errors")
    assert failures == []


def test_the_discovery_finds_the_forms_every_app_is_known_to_have():
    """The discovery must see the known public forms; if it stops seeing one, the fuzzing silently shrinks."""
    keys = {endpoint.key for endpoint in FORMS}
    known = {
        "core:contact", "meetings:book", "meetings:ask", "meetings:cancel", "watch_schemes:join",
        "watch_schemes:register", "watch_schemes:membership", "safe_places:report_concern", "safe_places:register",
        "safe_places:finder", "surveys:poll_vote", "page:surveys.SurveyPage:section",
        "page:surveys.SurveyPage:check_answers", "page:surveys.SurveyPage:save_for_later", "partnership:search",
        "account_login", "account_signup", "account_reset_password",
    }  # fmt: skip
    assert known <= keys, sorted(known - keys)


@pytest.mark.django_db
@pytest.mark.parametrize("question", ["abc", "", "\x00", "1.5", "٣", "9" * 40])
def test_found_by_fuzzing_a_tampered_question_id_in_the_triage_form_is_a_404(client, question):
    """meetings:questions took the posted question id straight into a query: a non-number was a server error."""
    from tests.factories import StaffFactory
    from tests.meetings.factories import MeetingPageFactory

    meeting = MeetingPageFactory()
    sign_in(client, StaffFactory(groups=["Communications officers"]))
    response = client.post(f"/meetings/{meeting.pk}/questions/", {"action": "accept", "question": question})
    assert response.status_code == 404
