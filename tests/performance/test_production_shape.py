"""The production shape, end to end over HTTP: gunicorn with production settings on PostgreSQL, Redis for the cache,
sessions and rate limits, an RQ worker for tasks; a resident reads a priority, answers a survey and books a seat,
and the booking confirmation is delivered by the worker.

Everything is started and stopped here, by process id: the database `prodshape` (dropped and recreated), Redis
database 12 (flushed), the RQ worker and gunicorn on a free loopback port. `make test` runs it
(`make test-production-shape` sets PRODSHAPE_REQUIRED=1; without it the test is skipped, so the suites that run
side by side do not start it too, and with it a missing PostgreSQL or Redis fails the test). Needs the front end built (`make frontend`).
"""

import contextlib
import ctypes
import html.parser
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get("PRODSHAPE_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "prodshape"
REDIS_URL = os.environ.get("PRODSHAPE_REDIS_URL", "redis://127.0.0.1:6379/12")
HOST = "127.0.0.1"


def reachable(port):
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


def needs_services():
    """Runs in its own job (`make test-production-shape`), not inside the SQLite and PostgreSQL suites that run side
    by side: it starts servers of its own and takes a few minutes."""
    if not os.environ.get("PRODSHAPE_REQUIRED"):
        pytest.skip("the production-shape journey runs in `make test-production-shape` (PRODSHAPE_REQUIRED=1)")
    if not (reachable(5432) and reachable(6379)):
        pytest.fail("needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (.ci/run starts both)")


def die_with_parent():
    """In the child before exec: SIGTERM if the test process dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


class Processes:
    """Background processes started by this test, each stopped by its own process group id."""

    def __init__(self):
        self.started = []

    def start(self, command, env, log):
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
        self.started.append(process)
        return process

    def stop_all(self):
        for process in reversed(self.started):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def postgres(statement):
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(statement)


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Browser:
    """A resident's browser over plain HTTP on loopback: cookies kept (Secure ones too, as TLS ends at the load
    balancer in production), redirects followed, X-Forwarded-Proto: https sent as the balancer would."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, data=None, *, follow=True):
        for _ in range(10):
            connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept": "text/html"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            body = None
            if data is not None:
                body = urlencode(data, doseq=True)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                headers["Referer"] = f"https://{HOST}{path}"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            connection.close()
            if follow and response.status in (301, 302, 303):
                location = urlsplit(urljoin(f"https://{HOST}{path}", response.getheader("Location")))
                path = location.path + (f"?{location.query}" if location.query else "")
                method, data = "GET", None
                continue
            return response, content, path
        raise AssertionError(f"too many redirects from {path}")

    def get(self, path):
        response, content, final = self.request("GET", path)
        assert response.status == 200, f"GET {path}: {response.status}\n{content[:2000]}"
        return response, content, final


class Forms(html.parser.HTMLParser):
    """The forms of a page with their fields, as a browser would submit them: first radio and checkbox of each
    group chosen, first real option of each select, some text in each empty text box."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "method": attrs.get("method", "get"), "data": {}})
            return
        if not self.forms:
            return
        data = self.forms[-1]["data"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox"):
                data.setdefault(name, attrs.get("value", "on"))
            elif kind == "hidden":
                data[name] = attrs.get("value", "")
            elif kind == "email":
                data[name] = attrs.get("value") or "resident@example.org"
            elif kind == "number":
                data[name] = attrs.get("value") or "1"
            elif kind not in ("submit", "button", "file"):
                data[name] = attrs.get("value") or ("" if name == "website" else "Safer streets")
        elif tag == "textarea" and name:
            data[name] = "More lighting on the redway, please."
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            data.setdefault(self._select, attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_of(content):
    parser = Forms()
    parser.feed(content)
    return [form for form in parser.forms if form["method"].lower() == "post"]


def manage(env, *arguments, timeout=600):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(arguments)}:\n{result.stdout[-2000:]}{result.stderr[-4000:]}"
    return result.stdout


@pytest.fixture
def production_site(tmp_path):
    """Everything a production machine runs, on this machine, for one test."""
    needs_services()
    if not (ROOT / "site" / "static" / "build" / "app.js").exists():
        pytest.fail("the front end is not built: run `make frontend`")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    postgres(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    postgres(f'CREATE DATABASE "{DATABASE}"')
    database_url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{DATABASE}"
    email_dir = tmp_path / "emails"
    email_dir.mkdir()
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "TASKS_USE_RQ", "FRONTEND_CACHE_PURGE_URL")
    }
    base.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / "media"),
        BENCH_STATIC_ROOT=str(tmp_path / "static"),
        PRODSHAPE_EMAIL_DIR=str(email_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        WAGTAILADMIN_BASE_URL=f"https://{HOST}",
        DEFAULT_FROM_EMAIL="Safer Neighbourhoods <no-reply@example.org>",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
    )
    production = {**base, "DJANGO_SETTINGS_MODULE": "tests.performance.prodshape_settings", "REDIS_URL": REDIS_URL}
    processes = Processes()
    try:
        manage(production, "migrate", "--noinput", "-v", "0")
        # Demo content needs the development settings (production refuses to create published passwords).
        manage({**base, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "load_demo_data")
        manage(production, "collectstatic", "--noinput", "-v", "0")
        processes.start(
            [sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.backend.Job", "default"],
            production,
            tmp_path / "rqworker.log",
        )
        port = free_port()
        gunicorn = processes.start(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                "2",
                "--no-control-socket",
            ],
            production,
            tmp_path / "gunicorn.log",
        )
        deadline = time.monotonic() + 90
        while not reachable(port):
            assert gunicorn.poll() is None, (tmp_path / "gunicorn.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "gunicorn did not start in 90 s"
            time.sleep(0.2)
        yield {"port": port, "env": production, "emails": email_dir, "logs": tmp_path}
    finally:
        processes.stop_all()
        with contextlib.suppress(Exception):
            postgres(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        with contextlib.suppress(Exception):
            redis.Redis.from_url(REDIS_URL).flushdb()


def test_a_resident_reads_a_priority_answers_the_survey_and_books_a_seat(production_site):
    browser = Browser(production_site["port"])

    # Read a priority: from the home page's "Our priorities" panel; the second anonymous view comes from the cache.
    response, home, _ = browser.get("/")
    assert "Our priorities" in home
    assert response.getheader("Strict-Transport-Security")
    priority = re.search(r'<aside class="app-priorities".*?href="([^"]+)"', home, re.DOTALL).group(1)
    _, page, _ = browser.get(priority)
    assert "<h1" in page
    again, _, _ = Browser(production_site["port"]).get(priority)
    assert again.getheader("X-Page-Cache") == "hit"

    # Static files: hashed names, cached for a year by browsers and the CDN.
    stylesheet = re.search(r'href="(/static/build/app\.[0-9a-f]+\.css)"', home).group(1)
    static_response, _, _ = browser.get(stylesheet)
    assert "max-age=315360000" in static_response.getheader("Cache-Control", "")

    # Answer the survey: start, every section, then check your answers and send.
    survey = "/safer-neighbourhoods-survey/"
    _, content, _ = browser.get(survey)
    start = re.search(r'href="([^"]+)"[^>]*class="govuk-button govuk-button--start"', content).group(1)
    _, content, path = browser.get(start)
    for _ in range(15):
        if path.endswith("/sent/"):
            break
        # The survey's own form: the page may also carry a quick poll's form, which posts elsewhere.
        forms = [form for form in forms_of(content) if not form["action"] or form["action"].startswith(survey)]
        assert forms, f"no survey form on {path}:\n{content[:1500]}"
        form = forms[0]
        response, content, path = browser.request("POST", form["action"] or path, form["data"])
        assert response.status == 200, f"{path}: {response.status}\n{content[:2000]}"
        assert "govuk-error-summary" not in content, f"{path} refused the answers:\n{content[-4000:]}"
    assert path.endswith("/sent/"), path

    # Book a seat at the next Face the Public meeting.
    _, listing, _ = browser.get("/face-the-public/")
    meeting = re.search(r'href="(/face-the-public/[^"/]+/)"', listing).group(1)
    _, meeting_page, _ = browser.get(meeting)
    book = re.search(r'href="(/meetings/\d+/book/)"', meeting_page).group(1)
    _, booking_form, _ = browser.get(book)
    form = forms_of(booking_form)[-1]
    form["data"].update(name="Sam Resident", email="sam.resident@example.org")
    response, confirmation, path = browser.request("POST", book, form["data"])
    assert response.status == 200 and "/meetings/booking/" in path, f"{path}: {response.status}\n{confirmation[:3000]}"

    # The confirmation email goes out through Redis and the RQ worker, not the web process.
    deadline = time.monotonic() + 120
    delivered = []
    while time.monotonic() < deadline and not delivered:
        delivered = [
            message
            for message in production_site["emails"].glob("*.log")
            if "sam.resident@example.org" in message.read_text(errors="replace")
        ]
        time.sleep(0.5)
    worker_log = (production_site["logs"] / "rqworker.log").read_text(errors="replace")
    assert delivered, f"no confirmation email within 120 s; worker log:\n{worker_log[-3000:]}"
    assert "Job OK" in worker_log or "Successfully completed" in worker_log or "job" in worker_log.lower()

    # Backups: a dump of the live database restores into a copy that holds the same records (docs/operations.md).
    check_backup_restores_into_a_copy(production_site)


COUNTS = """
import django, json
django.setup()
from django.apps import apps
names = ["wagtailcore.Page", "meetings.Booking", "surveys.Response", "surveys.Answer", "core.OutboxMessage"]
print(json.dumps({name: apps.get_model(name).objects.count() for name in names}))
"""


def check_backup_restores_into_a_copy(site):
    copy = f"{DATABASE}_restored"
    dump = site["logs"] / "backup.dump"
    database_url = site["env"]["DATABASE_URL"]
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", database_url], check=True, timeout=300
    )
    postgres(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
    postgres(f'CREATE DATABASE "{copy}"')
    try:
        copy_url = database_url.rsplit("/", 1)[0] + f"/{copy}"
        restored = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={copy_url}", str(dump)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert restored.returncode == 0, restored.stderr[-3000:]

        def counts(url):
            env = {**site["env"], "DATABASE_URL": url}
            result = subprocess.run(
                [sys.executable, "-c", COUNTS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
            )
            assert result.returncode == 0, result.stderr[-3000:]
            return result.stdout.strip().splitlines()[-1]

        original = counts(database_url)
        assert '"meetings.Booking": 0' not in original
        assert counts(copy_url) == original
    finally:
        postgres(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
