"""Every page type's response headers, under production settings, scored with the Mozilla HTTP Observatory rubric.

Issue 11 asks for at least 100 (A+) on every page type. The rubric's header tests are implemented below as code
(source: the Observatory's published scoring methodology, mozilla/http-observatory httpobs/docs/scoring.md and
MDN's "HTTP Observatory: tests and scoring"). Every site starts at 100; penalties are taken first, and bonuses are
added only if the result is still 90 (A) or more. The tests the current Observatory runs are scored: Content
Security Policy, cookies, CORS, redirection, Referrer-Policy, Strict-Transport-Security, Subresource Integrity,
X-Content-Type-Options, X-Frame-Options and Cross-Origin-Resource-Policy; retired ones (X-XSS-Protection, HPKP,
contribute.json) are not. Two facts a response cannot show are taken as a scanner would find a new site: no HSTS
preload-list bonus, and no cross-domain policy files (the site serves none).

The settings that shape headers are read from config.settings.production itself, so a change there is scored.
"""

import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from unittest import mock
from urllib.parse import urlsplit

import pytest

SIX_MONTHS = 15_768_000
PRIVATE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRER_POLICIES = {"origin", "origin-when-cross-origin", "unsafe-url"}
ALL_REFERRER_POLICIES = PRIVATE_REFERRER_POLICIES | UNSAFE_REFERRER_POLICIES | {"no-referrer-when-downgrade"}


@dataclass
class Score:
    modifiers: dict = field(default_factory=dict)  # test name -> (result, modifier)

    def add(self, test, result, modifier):
        self.modifiers[test] = (result, modifier)

    @property
    def total(self):
        penalties = sum(value for _, value in self.modifiers.values() if value < 0)
        bonuses = sum(value for _, value in self.modifiers.values() if value > 0)
        score = max(0, 100 + penalties)
        return score + bonuses if score >= 90 else score

    def explain(self):
        return "\n".join(f"{value:+4d}  {test}: {result}" for test, (result, value) in sorted(self.modifiers.items()))


def parse_csp(header):
    policy = {}
    for directive in header.split(";"):
        parts = directive.strip().split()
        if parts:
            policy.setdefault(parts[0].lower(), [source.lower() for source in parts[1:]])
    return policy


def score_csp(policy_header):
    if not policy_header:
        return "csp-not-implemented", -25
    policy = parse_csp(policy_header)
    default = policy.get("default-src")

    def effective(name):
        return policy.get(name, default)

    script_src, object_src, style_src = effective("script-src"), effective("object-src"), effective("style-src")
    broad = {"*", "http:", "https:", "data:"}
    # A browser ignores 'unsafe-inline' in a directive that also lists a hash or nonce, and so does the Observatory.
    hash_or_nonce = any(s.startswith(("'sha256-", "'sha384-", "'sha512-", "'nonce-")) for s in script_src or [])
    if (
        script_src is None
        or object_src is None
        or broad & set(script_src)
        or broad & set(object_src)
        or ("'unsafe-inline'" in script_src and not hash_or_nonce)
    ):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script_src:
        return "csp-implemented-with-unsafe-eval", -10
    if any(source.startswith("http:") for sources in policy.values() for source in sources):
        return "csp-implemented-with-insecure-scheme", -20
    if style_src is not None and (broad | {"'unsafe-inline'"}) & set(style_src):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def parse_set_cookies(headers):
    cookies = []
    for line in headers:
        jar = SimpleCookie()
        jar.load(line)
        for name, morsel in jar.items():
            flags = {part.strip().split("=")[0].lower() for part in line.split(";")[1:]}
            cookies.append(
                {
                    "name": name,
                    "secure": "secure" in flags,
                    "httponly": "httponly" in flags,
                    "samesite": (morsel["samesite"] or "").lower() or None,
                }
            )
    return cookies


def score_cookies(set_cookie_lines, *, hsts):
    cookies = parse_set_cookies(set_cookie_lines)
    if not cookies:
        return "cookies-not-found", 0
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for cookie in cookies:
        session = any(word in cookie["name"].lower() for word in ("sess", "login"))
        anticsrf = "csrf" in cookie["name"].lower()
        candidates = []
        if not cookie["secure"]:
            if session:
                candidates.append(
                    ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                    if hsts
                    else ("cookies-session-without-secure-flag", -40)
                )
            else:
                candidates.append(
                    ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                    if hsts
                    else ("cookies-without-secure-flag", -20)
                )
        if session and not cookie["httponly"]:
            candidates.append(("cookies-session-without-httponly-flag", -30))
        if cookie["samesite"] is not None and cookie["samesite"] not in {"strict", "lax"}:
            candidates.append(("cookies-samesite-flag-invalid", -20))
        if anticsrf and cookie["samesite"] is None:
            candidates.append(("cookies-anticsrf-without-samesite-flag", -20))
        if cookie["samesite"] is None:
            candidates.append(("cookies-secure-with-httponly-sessions", 0))
        for candidate in candidates:
            if candidate[1] < worst[1]:
                worst = candidate
    return worst


def score_hsts(header, *, https):
    if not https:
        return "hsts-not-implemented-no-https", -20
    if not header:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=\"?(\d+)\"?", header, re.I)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0  # the +5 needs the browsers' preload list


def score_referrer_policy(header):
    if not header:
        return "referrer-policy-not-implemented", 0
    values = [value.strip().lower() for value in header.split(",") if value.strip()]
    if not values or any(value not in ALL_REFERRER_POLICIES for value in values):
        return "referrer-policy-header-invalid", -5
    last = values[-1]  # browsers apply the last policy they understand
    if last in PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private", 5
    if last in UNSAFE_REFERRER_POLICIES:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-no-referrer-when-downgrade", 0


def score_nosniff(header):
    if not header:
        return "x-content-type-options-not-implemented", -5
    if header.strip().lower() != "nosniff":
        return "x-content-type-options-header-invalid", -5
    return "x-content-type-options-nosniff", 0


def score_frame_options(header, csp_header):
    if csp_header and "frame-ancestors" in parse_csp(csp_header):
        return "x-frame-options-implemented-via-csp", 5
    if not header:
        return "x-frame-options-not-implemented", -20
    value = header.strip().lower()
    if value in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("allow-from "):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def score_cors(header):
    if not header:
        return "cross-origin-resource-sharing-not-implemented", 0
    if header.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def score_corp(header):
    if not header:
        return "corp-not-implemented", 0
    if header.strip().lower() not in {"same-origin", "same-site", "cross-origin"}:
        return "corp-header-invalid", -5
    return f"corp-implemented-with-{header.strip().lower()}", 0


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def score_sri(content_type, body, *, origin):
    if "html" not in (content_type or ""):
        return "sri-not-implemented-response-not-html", 0
    parser = _Scripts()
    parser.feed(body)
    external = []
    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        parts = urlsplit(src)
        if parts.netloc and f"{parts.scheme or 'https'}://{parts.netloc}" != origin:
            external.append(script)
    if not parser.scripts or not any(script.get("src") for script in parser.scripts):
        return "sri-not-implemented-but-no-scripts-loaded", 0
    if not external:
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    insecure = [script for script in external if script["src"].startswith("http:")]
    with_integrity = all(script.get("integrity") and script.get("crossorigin") is not None for script in external)
    if with_integrity:
        return (
            ("sri-implemented-but-external-scripts-not-loaded-securely", -20)
            if insecure
            else ("sri-implemented-and-external-scripts-loaded-securely", 5)
        )
    return (
        ("sri-not-implemented-and-external-scripts-not-loaded-securely", -50)
        if insecure
        else ("sri-not-implemented-but-external-scripts-loaded-securely", -5)
    )


def score_redirection(http_response, *, host):
    """The first answer to the same address over plain http: it must go straight to https on the same host."""
    if http_response.status_code not in {301, 302, 303, 307, 308}:
        return "redirection-missing", -20
    target = urlsplit(http_response["Location"])
    if target.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection", -10
    if target.hostname != host:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def score_response(response, *, http_response, host):
    """Score one https response (a Django test response) and the plain-http answer for the same address."""
    headers = response.headers
    https_origin = f"https://{host}"
    hsts = headers.get("Strict-Transport-Security")
    csp = headers.get("Content-Security-Policy")
    set_cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    score = Score()
    score.add("content-security-policy", *score_csp(csp))
    score.add("cookies", *score_cookies(set_cookies, hsts=bool(hsts)))
    score.add("cross-origin-resource-sharing", *score_cors(headers.get("Access-Control-Allow-Origin")))
    score.add("redirection", *score_redirection(http_response, host=host))
    score.add("referrer-policy", *score_referrer_policy(headers.get("Referrer-Policy")))
    score.add("strict-transport-security", *score_hsts(hsts, https=True))
    body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
    score.add("subresource-integrity", *score_sri(headers.get("Content-Type"), body, origin=https_origin))
    score.add("x-content-type-options", *score_nosniff(headers.get("X-Content-Type-Options")))
    score.add("x-frame-options", *score_frame_options(headers.get("X-Frame-Options"), csp))
    score.add("cross-origin-resource-policy", *score_corp(headers.get("Cross-Origin-Resource-Policy")))
    return score


# The pages -------------------------------------------------------------------------------------------------------

HOST = "safer.example.org"
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "a-long-random-production-secret-for-tests-only-7f3e9c1b5d2a4e6f8091",
    "ALLOWED_HOSTS": HOST,
    "DATABASE_URL": "sqlite:///unused.sqlite3",
    "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
    "DEFAULT_FROM_EMAIL": f"Safer Neighbourhoods <no-reply@{HOST}>",
    "EMAIL_BACKEND": "anymail.backends.test.EmailBackend",
}
HEADER_SETTINGS = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_", "CONTENT_SECURITY_POLICY")


def production_header_settings():
    """The settings that decide response headers and cookies, as config.settings.production sets them."""
    with mock.patch.dict(os.environ, PRODUCTION_ENVIRONMENT):
        sys.modules.pop("config.settings.production", None)
        try:
            production = importlib.import_module("config.settings.production")
        finally:
            sys.modules.pop("config.settings.production", None)
    names = [
        name
        for name in dir(production)
        if name.isupper() and (name.startswith(HEADER_SETTINGS) or name in {"X_FRAME_OPTIONS", "MIDDLEWARE"})
    ]
    return {name: getattr(production, name) for name in names} | {"ALLOWED_HOSTS": [HOST]}


@pytest.fixture
def production(settings):
    for name, value in production_header_settings().items():
        setattr(settings, name, value)
    return settings


def page_types():
    """One address for each kind of page residents and staff meet (the demo content provides them)."""
    from meetings.models import MeetingPage
    from partnership.models import NewsPage, PriorityPage
    from surveys.models import SurveyPage

    def first(model):
        page = model.objects.live().filter(locale__language_code="en-gb").order_by("path").first()
        assert page is not None, f"the demo has no live {model.__name__}"
        return page.url

    return {
        "home": "/",
        "standard page": "/about/",
        "priority": first(PriorityPage),
        "news": first(NewsPage),
        "form page (contact)": "/contact/",
        "survey": first(SurveyPage),
        "meeting": first(MeetingPage),
        "Safe Places finder": "/safe-places/",
        "Neighbourhood Watch finder": "/neighbourhood-watch/",
        "404": "/no-such-page-here/",
        "accounts sign-in": "/accounts/login/",
        "admin sign-in": "/admin/login/",
    }


# The demo content of the apps whose pages are scored (each app's own loader; the others are not needed here).
DEMO_LOADERS = {"partnership", "surveys", "meetings", "safe_places", "watch_schemes"}


@pytest.fixture
def demo(db):
    from django.utils.module_loading import import_string

    from core.demo import ordered_loaders
    from core.demo.loader import load_demo_data

    home = load_demo_data()
    for loader in ordered_loaders():
        if loader.name in DEMO_LOADERS:
            import_string(loader.path)(stdout=None)
    return home


def fetch(client, path):
    https = client.get(path, HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    http = client.get(path, HTTP_HOST=HOST)
    return https, http


def test_every_page_type_scores_at_least_100_a_plus_under_production_settings(demo, production, client):
    report, failures = [], []
    for kind, path in page_types().items():
        response, http_response = fetch(client, path)
        assert response.status_code == (404 if kind == "404" else 200), (kind, path, response.status_code)
        score = score_response(response, http_response=http_response, host=HOST)
        report.append(f"{score.total:4d}  {kind} ({path})")
        if score.total < 100:
            failures.append(f"{kind} ({path}) scored {score.total}:\n{score.explain()}")
    print("\n".join(["Mozilla Observatory scores:", *report]))
    assert not failures, "\n\n".join(failures)


def test_the_form_pages_cookies_earn_the_cookie_bonus(demo, production, client):
    response, http_response = fetch(client, "/contact/")
    score = score_response(response, http_response=http_response, host=HOST)

    assert response.cookies, "the contact form sets its CSRF cookie"
    assert score.modifiers["cookies"] == ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    assert score.modifiers["redirection"] == ("redirection-to-https", 0)


# The rubric itself can fail ---------------------------------------------------------------------------------------


class FakeResponse:
    def __init__(self, headers=None, body="<html><body></body></html>", status_code=200, cookies=None):
        from http.cookies import SimpleCookie

        self.headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        self.content = body.encode()
        self.status_code = status_code
        self.cookies = SimpleCookie()
        for line in cookies or []:
            self.cookies.load(line)

    def __getitem__(self, name):
        return self.headers[name]


REDIRECT = FakeResponse({"Location": f"https://{HOST}/"}, status_code=301)
STRONG = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def test_a_bare_response_scores_an_f():
    score = score_response(FakeResponse(), http_response=FakeResponse(), host=HOST)
    assert score.total == 100 - 25 - 20 - 20 - 5 - 20  # CSP, redirection, HSTS, nosniff, framing


def test_unsafe_inline_scripts_cost_20_and_lose_the_a_plus():
    safe = FakeResponse({**STRONG, "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'"})
    unsafe = FakeResponse(
        {
            **STRONG,
            "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
            "X-Frame-Options": "DENY",
        }
    )
    assert score_response(safe, http_response=REDIRECT, host=HOST).total == 115
    assert score_response(unsafe, http_response=REDIRECT, host=HOST).total == 80


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        ("sessionid=x; Secure; HttpOnly; SameSite=Lax", ("cookies-secure-with-httponly-sessions-and-samesite", 5)),
        ("sessionid=x; Secure; SameSite=Lax", ("cookies-session-without-httponly-flag", -30)),
        ("sessionid=x; HttpOnly; SameSite=Lax", ("cookies-session-without-secure-flag", -40)),
        ("csrftoken=x; Secure", ("cookies-anticsrf-without-samesite-flag", -20)),
        ("pref=x; Secure; SameSite=Bogus", ("cookies-samesite-flag-invalid", -20)),
    ],
)
def test_cookie_rules(cookie, expected):
    assert score_cookies([cookie], hsts=False) == expected


def test_external_scripts_need_integrity():
    origin = f"https://{HOST}"
    assert score_sri("text/html", '<script src="https://cdn.example.net/a.js"></script>', origin=origin)[1] == -5
    with_sri = '<script src="https://cdn.example.net/a.js" integrity="sha384-x" crossorigin="anonymous"></script>'
    assert score_sri("text/html", with_sri, origin=origin)[1] == 5
    assert score_sri("text/html", '<script src="/static/app.js"></script>', origin=origin)[1] == 0


def test_a_redirect_to_plain_http_or_another_host_is_penalised():
    assert score_redirection(FakeResponse(status_code=200), host=HOST)[1] == -20
    assert score_redirection(FakeResponse({"Location": f"http://{HOST}/"}, status_code=301), host=HOST)[1] == -10
    elsewhere = FakeResponse({"Location": "https://elsewhere.example/"}, status_code=301)
    assert score_redirection(elsewhere, host=HOST)[1] == -5


@pytest.mark.django_db
def test_only_staff_past_the_second_factor_get_the_editors_inline_script_allowance(client):
    from tests.accounts.two_factor import force_login_with_password_only
    from tests.factories import StaffFactory

    def script_src(response):
        return parse_csp(response["Content-Security-Policy"])["script-src"]

    staff = StaffFactory(groups=["Communications officers"])
    assert "'unsafe-inline'" not in script_src(client.get("/admin/login/"))
    force_login_with_password_only(client, staff)
    assert "'unsafe-inline'" not in script_src(client.get("/admin/two-factor/set-up/"))
    client.force_login(staff)  # the test suite's sign-in, second factor included
    assert "'unsafe-inline'" in script_src(client.get("/admin/"))
