"""Browser tests: Debian's Chromium through Playwright, against Django's live server, axe-core on every page.

`playwright install` cannot download a browser here, so the session launches /usr/bin/chromium itself.
The site's Content-Security-Policy stays on: axe-core is run with `page.evaluate`, which the policy does not
govern, and any message from the browser about the policy fails the test (a refused inline script or style
is a bug in our templates).

Fixtures:
    visit   visit(page, path, status=200, public=True) -> Response: open a page, check its status and that
            the browser reported no CSP refusals or script errors; on public pages (public=False for the
            Wagtail admin, which is Wagtail's own UI) also check that app.css applied and run axe-core.
    follow  follow(page, link_or_button, status=200, public=True) -> Response: click something that
            navigates (a link, a form's submit button) and check the page it lands on the same way.
    check   check(page, public=True): the same checks on the page as it is now.
    axe     check_accessibility(page): run axe-core on the page; fail listing every violation.
    page_without_javascript   a page whose browser context has JavaScript turned off.
"""

import os
import threading
import time
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests make
# (loading demo data, asserting on records) are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

SETTLE_TIMERS_AS_PROMISES = """() => {
  window.setTimeout = (callback, _delay, ...args) => {
    Promise.resolve().then(() => callback(...args));
    return 0;
  };
  window.clearTimeout = () => {};
}"""

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (Playwright's own browser download fails on these machines)."""
    return {"headless": True, **browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser(live_server, browser):
    """pytest-playwright's browser, closed while the live server still runs.

    Chromium keeps idle keep-alive connections to the server open until it closes; each is a server thread
    that closes the shared database connection when its socket ends. Closing the browser first (and waiting for
    those threads) keeps them from touching the connection after the live server has stopped sharing it.
    """
    yield browser
    browser.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        thread.name.endswith("(process_request_thread)") for thread in threading.enumerate()
    ):
        time.sleep(0.05)


@pytest.fixture(scope="session")
def _django_connections():
    """The database connections as Django made them in this thread, before Playwright's loop runs."""
    from django.db import connections

    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(_django_connections, playwright):
    """Playwright, with Django still using the connections it made before Playwright's loop started.

    Django keeps connections in an asgiref Local, which switches to separate storage once an event loop runs
    in the thread. Without this, the tests would get fresh connection objects without the data that
    `serialized_rollback` restores from, and every test after the first would start with an empty database.
    """
    from django.db import connections

    for alias, connection in _django_connections.items():
        connections[alias] = connection
    return playwright


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_SCRIPT.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE_SCRIPT.relative_to(PROJECT_DIR)}): run `make frontend` "
            "(or `cd frontend && npm ci`) before the browser tests.",
            pytrace=False,
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


class RequestsInFlight:
    """Counts the requests the live server is handling, from Django's request_started/finished signals."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.count += 1

    def finished(self, **kwargs):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_until_idle(self, timeout):
        with self.changed:
            return self.changed.wait_for(lambda: self.count <= 0, timeout)


@pytest.fixture(scope="session")
def _requests_in_flight():
    from django.core.signals import request_finished, request_started

    tracker = RequestsInFlight()
    request_started.connect(tracker.started, dispatch_uid="e2e-requests-in-flight")
    request_finished.connect(tracker.finished, dispatch_uid="e2e-requests-in-flight")
    yield tracker
    request_started.disconnect(dispatch_uid="e2e-requests-in-flight")
    request_finished.disconnect(dispatch_uid="e2e-requests-in-flight")


@pytest.fixture(autouse=True)
def _live_server_idle_before_the_database_is_reset(_requests_in_flight):
    """Let the live server finish what the browser asked of it before the test's database is flushed.

    The server thread shares the test's SQLite connection. A request still running when the test ends (a form
    post, an admin autosave) would write in the middle of the flush; the flush then fails, and every later test
    starts on a database that was never reset. Set up before the browser contexts, this runs after they close.
    """
    yield
    if not _requests_in_flight.wait_until_idle(timeout=30):
        pytest.fail(f"the live server was still handling {_requests_in_flight.count} request(s) 30 s after the test")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The live server shares this process's cache: start each journey with no posts counted."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class BrowserChecks:
    """What every page a journey visits must pass. One instance per test."""

    def __init__(self, base_url, axe_source, contexts_without_javascript):
        self.base_url = base_url.rstrip("/")
        self.axe_source = axe_source
        self.problems = {}  # page -> messages about the CSP and uncaught script errors
        self.contexts_without_javascript = contexts_without_javascript

    def watch(self, page):
        if page in self.problems:
            return
        problems = self.problems[page] = []

        def on_console(message):
            if "Content Security Policy" in message.text:
                problems.append(f"{page.url}: console {message.type}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"{page.url}: uncaught script error: {error}"))

    def visit(self, page, path, *, status=200, public=True):
        self.watch(page)
        response = page.goto(self.base_url + path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path} answered {response.status}, expected {status}"
        self.check(page, public=public)
        return response

    def follow(self, page, target, *, status=200, public=True):
        self.watch(page)
        with page.expect_navigation() as navigation:
            target.click()
        response = navigation.value
        assert response is not None, "the navigation had no response"
        assert response.status == status, f"{response.url} answered {response.status}, expected {status}"
        self.check(page, public=public)
        return response

    def check(self, page, *, public=True):
        self.watch(page)
        page.wait_for_load_state("load")
        self.assert_no_csp_problems(page)
        if public:
            self.assert_stylesheet_applied(page)
            self.assert_accessible(page)
        # Messages can arrive while axe runs: look again.
        self.assert_no_csp_problems(page)

    def assert_no_csp_problems(self, page):
        problems = self.problems.get(page, [])
        assert not problems, "The browser reported problems (refused by the CSP, or script errors):\n" + "\n".join(
            problems
        )

    @staticmethod
    def assert_stylesheet_applied(page):
        """axe's colour-contrast check means nothing on an unstyled page: prove app.css loaded."""
        background = page.evaluate(
            "() => { const header = document.querySelector('.app-header');"
            " return header ? getComputedStyle(header).backgroundColor : null; }"
        )
        assert background is not None, f"{page.url}: no .app-header on the page"
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), (
            f"{page.url}: the header has no background colour; build/app.css did not load (run `make frontend`)"
        )

    def assert_accessible(self, page):
        violations = self.axe_violations(page)
        assert not violations, f"axe-core found {len(violations)} violation(s) on {page.url}:\n" + format_violations(
            violations
        )

    def axe_violations(self, page):
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source)
        if page.context in self.contexts_without_javascript:
            # Evaluated code still runs and promises still settle, but timers (and queueMicrotask) never fire,
            # so axe would wait forever. The page's own scripts cannot run: replacing its timers harms nothing.
            page.evaluate(SETTLE_TIMERS_AS_PROMISES)
        results = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return results["violations"]


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


@pytest.fixture
def _contexts_without_javascript():
    return set()


@pytest.fixture
def new_context(new_context, _contexts_without_javascript, request):
    """pytest-playwright's `new_context`, remembering which contexts have JavaScript turned off."""
    marker = request.node.get_closest_marker("browser_context_args")
    marker_args = marker.kwargs if marker else {}

    def create(**kwargs):
        context = new_context(**kwargs)
        if {**marker_args, **kwargs}.get("java_script_enabled") is False:
            _contexts_without_javascript.add(context)
        return context

    return create


@pytest.fixture
def browser_checks(live_server, axe_source, _contexts_without_javascript):
    return BrowserChecks(live_server.url, axe_source, _contexts_without_javascript)


@pytest.fixture
def visit(browser_checks):
    return browser_checks.visit


@pytest.fixture
def check(browser_checks):
    return browser_checks.check


@pytest.fixture
def follow(browser_checks):
    return browser_checks.follow


@pytest.fixture
def axe(browser_checks):
    return browser_checks.assert_accessible


@pytest.fixture
def page_without_javascript(new_context):
    """A page in a browser context with JavaScript turned off (axe-core still runs on it)."""
    return new_context(java_script_enabled=False).new_page()
