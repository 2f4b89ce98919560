"""`make bench`: one table, every row a ratio to the bare Django view measured in the same run.

    .venv/bin/python bench/all.py                 # about 6-9 minutes on the shared 2-core machine
    .venv/bin/python bench/all.py --quick         # fewer rounds, smaller data: a smoke run

The site is served as production serves it: gunicorn (2 sync workers) with production settings (bench.settings)
on PostgreSQL (database "bench", recreated) and Redis (database 11, flushed) for the cache, sessions and rate limits,
with the demo content. Measured interleaved round by round (A B A B, as bench/run.py explains) on loopback:

  bare                 GET /bench/bare/: HttpResponse("ok") behind the same middleware: the yardstick
  home, priority       each twice: "page cache missed" (a query string, which the anonymous page cache never keeps,
                       so the page is rendered; the shared fragments are cached) and "cached" (the page cache's copy)
  booking surge        500 booking POSTs (CSRF, form token, rate limit, locked seat count, outbox email queued to
                       RQ) for a meeting with 100 seats, 20 clients at once: confirmed, oversold, errors, p95, and
                       throughput as a ratio to the bare view's, measured just before with the same 20 clients;
                       the clock starts once every client has loaded its booking form
  web worker memory    the peak resident memory (VmHWM) of the gunicorn workers over the run

then, each in its own process against its own bare baseline (the scripts beside this one):

  survey submission    bench/surveys_submit.py on PostgreSQL (database bench_surveys)
  Safe Places finder   bench/safe_places_finder.py among 10,000 venues on PostgreSQL (database bench_safe_places)
  concern analysis     bench/concerns.py, if present: 40,000 answers against WordCloud().generate()

Ratios are what to compare: the machine is shared and its speed swings (bench/README.md). Every process this
starts is stopped by its PID, whatever happens; load goes to 127.0.0.1 only and stops by itself.
"""

import argparse
import contextlib
import hashlib
import html.parser
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from bench import run as harness  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/11"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", harness.DEFAULT_POSTGRES_URL)
SURGE_REQUESTS, SURGE_SEATS, SURGE_CLIENTS = 500, 100, 20


def say(message=""):
    print(message, flush=True)


def peak_rss_mib(pid):
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


class Hidden(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value", "")


def booking_surge(port, book_path, stop, secret_key):
    """SURGE_REQUESTS bookings from SURGE_CLIENTS clients, each with its own CSRF cookie; every booking has its own
    one-time form token, signed with the site's key as core.protection.issue_token signs it."""
    from django.conf import settings
    from django.core import signing

    if not settings.configured:
        settings.configure(SECRET_KEY=secret_key)
    tokens = [signing.dumps(os.urandom(16).hex(), salt="submission:meeting-booking") for _ in range(SURGE_REQUESTS)]
    statuses, latencies, lock = [], [], threading.Lock()
    numbers = iter(range(SURGE_REQUESTS))

    def client(index):
        connection = http.client.HTTPConnection(harness.HOST, port, timeout=120)
        try:
            connection.request("GET", book_path, headers=harness.REQUEST_HEADERS)
            response = connection.getresponse()
            page = response.read().decode()
            cookie = "; ".join(
                header.split(";", 1)[0] for header in response.msg.get_all("Set-Cookie") or [] if "csrftoken" in header
            )
            hidden = Hidden()
            hidden.feed(page)
            ready.wait(timeout=120)  # every client has its form: the clock starts now
            headers = {
                **harness.REQUEST_HEADERS,
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{harness.HOST}{book_path}",
            }
            while not stop.is_set():
                with lock:
                    number = next(numbers, None)
                if number is None:
                    return
                body = urlencode(
                    {
                        **hidden.fields,
                        # One-time tokens (core.protection): each resident's own, as if each had loaded the form.
                        "submission_token": tokens[number],
                        "name": f"Surge {number}",
                        "email": f"surge{number}@example.org",
                        "seats": "1",
                        "consent": "on",
                    }
                )
                started = time.perf_counter()
                connection.request("POST", book_path, body=body, headers=headers)
                answer = connection.getresponse()
                answer.read()
                elapsed = (time.perf_counter() - started) * 1000
                location = answer.getheader("Location") or ""
                ok = answer.status == 302 and "/meetings/booking/" in location
                with lock:
                    statuses.append("ok" if ok else f"{answer.status} {location}")
                    latencies.append(elapsed)
        except Exception as error:  # counted as an error, never hidden
            ready.abort()  # nobody waits for a client that failed: the others go, and it shows as an error
            with lock:
                statuses.append(f"error: {error!r}")
        finally:
            connection.close()

    ready = threading.Barrier(SURGE_CLIENTS + 1)
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(SURGE_CLIENTS)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait(timeout=120)
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return statuses, latencies, time.perf_counter() - started


def script_result(command, env, timeout):
    """Run another bench script; its figures are on the line starting BENCH_RESULT."""
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"took more than {timeout} s"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("BENCH_RESULT "):
            return json.loads(line.removeprefix("BENCH_RESULT "))
    return {"error": f"exit {done.returncode}: {(done.stderr or done.stdout)[-600:]}"}


def shell(environment, code):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise harness.BenchError(f"manage.py shell failed:\n{completed.stderr[-3000:]}")
    return completed.stdout.strip().splitlines()[-1]


PREPARE_SURGE = """
from meetings.models import Booking, MeetingPage
from django.utils import timezone
meeting = MeetingPage.objects.live().filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
Booking.objects.filter(meeting=meeting).delete()
MeetingPage.objects.filter(pk=meeting.pk).update(capacity={seats}, max_seats_per_booking=1)
print(meeting.pk)
"""

COUNT_SURGE = """
from meetings.models import Booking
print(Booking.objects.filter(meeting_id={pk}, status="confirmed").count(), Booking.objects.filter(meeting_id={pk}).count())
"""


MIGRATED, WITH_DEMO = "bench_template_migrated", "bench_template_demo"


def fingerprint():
    """What the prepared databases depend on: every migration and demo loader (a change rebuilds them)."""
    digest = hashlib.sha256()
    for path in sorted(
        [*ROOT.glob("site/**/migrations/*.py"), *ROOT.glob("site/**/demo*.py"), *ROOT.glob("site/**/demo/*.py")]
    ):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def postgres(statement, fetch=False):
    import psycopg

    admin = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if fetch else None


def prepare_databases(environment):
    """`bench` from a template holding the migrated schema and the demo content, rebuilt only when a migration or
    demo loader changed: migrating takes minutes on a busy machine, copying a template a second or two.

    Two templates: migrated and empty (for bench/surveys_submit.py and bench/safe_places_finder.py, which fill
    their own) and with the demo content (for the site)."""
    name = POSTGRES_URL.rsplit("/", 1)[1]
    wanted = fingerprint()
    found = postgres(
        "SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d "
        f"WHERE d.datname IN ('{MIGRATED}', '{WITH_DEMO}')",
        fetch=True,
    )
    if {row[0]: row[1] for row in found} != {MIGRATED: wanted, WITH_DEMO: wanted}:
        with harness.timed("Preparing the template databases (once per change of migrations or demo content)"):
            for template in (MIGRATED, WITH_DEMO):
                postgres(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            harness.recreate_postgres_database(POSTGRES_URL)
            harness.manage(environment, "config.settings.dev", "migrate", "--noinput")
            postgres(f'CREATE DATABASE "{MIGRATED}" TEMPLATE "{name}"')
            harness.manage(environment, "config.settings.dev", "load_demo_data")
            postgres(f'CREATE DATABASE "{WITH_DEMO}" TEMPLATE "{name}"')
            for template in (MIGRATED, WITH_DEMO):
                postgres(f"COMMENT ON DATABASE \"{template}\" IS '{wanted}'")
    with harness.timed(f"Copying the demo site into database {name!r}"):
        postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres(f'CREATE DATABASE "{name}" TEMPLATE "{WITH_DEMO}"')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 rounds of 1.5 s, smaller side benchmarks")
    args = parser.parse_args(argv)
    rounds, duration = (2, 1.5) if args.quick else (4, 2.5)
    signal.signal(signal.SIGTERM, lambda signum, _frame: (_ for _ in ()).throw(SystemExit(128 + signum)))
    stop = threading.Event()
    temp = Path(tempfile.mkdtemp(prefix="safer-bench-all-"))
    started_at = time.monotonic()
    rows = []
    gunicorn = None
    try:
        import redis

        harness.check_front_end_built()
        redis.Redis.from_url(REDIS_URL).flushdb()
        environment = harness.site_environment(
            database_url=POSTGRES_URL, media_root=temp / "media", static_root=temp / "static"
        )
        prepare_databases(environment)
        with harness.timed("Collecting static files"):
            harness.manage(environment, "bench.settings", "collectstatic", "--noinput", "--verbosity", "0")
        environment.update(REDIS_URL=REDIS_URL, RATE_LIMIT_PER_IP="100000000", CONTENT_CACHE_SECONDS="300")
        meeting_pk = shell(environment, PREPARE_SURGE.format(seats=SURGE_SEATS))

        port = harness.choose_port(0)
        gunicorn = harness.Gunicorn(port=port, workers=2, environment=environment, log_path=temp / "gunicorn.log")
        with harness.timed(f"Starting gunicorn (2 sync workers, Redis cache) on {harness.HOST}:{port}"):
            gunicorn.start()
        connection = http.client.HTTPConnection(harness.HOST, port, timeout=60)
        home = harness.fetch(connection, "/").decode()
        connection.close()
        priority = re.search(r'<aside class="app-priorities".*?href="([^"]+)"', home, re.DOTALL).group(1)
        targets = {
            "bare": harness.BARE_PATH,
            "home, page cache missed": "/?bench=miss",
            "home, cached": "/",
            "priority, page cache missed": f"{priority}?bench=miss",
            "priority, cached": priority,
        }
        with harness.timed("Warming up"):
            for path in targets.values():
                harness.load(port, path, seconds=1.0, concurrency=4, stop=stop)
        measured = {name: [] for name in targets}
        say(f"Measuring {rounds} rounds x {len(targets)} targets x {duration:g} s, 4 clients")
        for _ in range(rounds):
            for name, path in targets.items():
                measured[name].append(harness.measure(gunicorn, None, path, seconds=duration, concurrency=4, stop=stop))
        summaries = {name: harness.summarise(found) for name, found in measured.items()}
        bare = summaries["bare"]
        rows.append(
            (
                "bare Django view",
                f"{bare['requests_per_second']:.0f} req/s, {bare['cpu_ms_per_request']:.2f} ms CPU",
                "1",
                "",
                "",
            )
        )
        for name, summary in summaries.items():
            if name == "bare":
                continue
            share = summary["requests_per_second"] / bare["requests_per_second"]
            cpu = summary["cpu_ms_per_request"] / bare["cpu_ms_per_request"]
            target = 0.6 if name.endswith("cached") else 0.1
            rows.append(
                (
                    name,
                    f"{summary['requests_per_second']:.0f} req/s, {summary['cpu_ms_per_request']:.2f} ms CPU",
                    f"{share:.2f} of req/s ({cpu:.1f}x CPU)",
                    f">= {target:.2f}",
                    "yes" if share >= target else "NO",
                )
            )

        book_path = f"/meetings/{meeting_pk}/book/"
        with harness.timed(
            f"Booking surge: {SURGE_REQUESTS} requests for {SURGE_SEATS} seats, {SURGE_CLIENTS} clients"
        ):
            bare_now = harness.measure(
                gunicorn, None, harness.BARE_PATH, seconds=duration, concurrency=SURGE_CLIENTS, stop=stop
            )
            cpu_before = gunicorn.cpu.ticks()
            statuses, latencies, wall = booking_surge(port, book_path, stop, environment["SECRET_KEY"])
            cpu_ticks = gunicorn.cpu.ticks() - cpu_before
        confirmed, booked = (int(n) for n in shell(environment, COUNT_SURGE.format(pk=meeting_pk)).split())
        errors = [status for status in statuses if status != "ok"]
        surge_rps = len(statuses) / wall
        share = surge_rps / bare_now.requests_per_second
        p95 = harness.percentile(latencies, 0.95) if latencies else float("nan")
        good = not errors and confirmed == SURGE_SEATS and booked == SURGE_REQUESTS and share >= 0.1
        rows.append(
            (
                f"booking surge ({SURGE_REQUESTS} for {SURGE_SEATS} seats)",
                f"{surge_rps:.0f} req/s, p95 {p95:.0f} ms, {cpu_ticks * 1000 / harness.CLK_TCK / len(statuses):.1f}"
                f" ms CPU; confirmed {confirmed}, oversold {max(confirmed - SURGE_SEATS, 0)}, errors {len(errors)}",
                f"{share:.2f} of req/s",
                ">= 0.10, 0 oversold, 0 errors",
                "yes" if good else "NO",
            )
        )
        for error in errors[:3]:
            say(f"  surge error: {error}")
        peaks = [peak_rss_mib(pid) for pid in sorted(harness.children_of(gunicorn.process.pid))]
        peak = max((p for p in peaks if p), default=None)
        rows.append(("web worker peak memory", f"{peak} MiB (VmHWM, each of {len(peaks)} workers)", "", "", ""))
    finally:
        stop.set()
        if gunicorn is not None:
            with harness.timed("Stopping gunicorn"):
                gunicorn.stop()
        with contextlib.suppress(Exception):
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()

    plain = {key: value for key, value in os.environ.items() if key not in harness.SCRUBBED_ENV}
    plain["BENCH_TEMPLATE_DATABASE"] = MIGRATED
    with harness.timed("Survey submission on PostgreSQL (bench/surveys_submit.py)"):
        per_round = "20" if args.quick else "40"
        found = script_result(
            [sys.executable, "bench/surveys_submit.py", "--rounds", "4", "--per-round", per_round], plain, 300
        )
    if "error" in found:
        rows.append(("survey submission", f"failed: {found['error']}", "", "", "NO"))
    else:
        rows.append(
            (
                "survey submission (PostgreSQL)",
                f"{found['submit_ms']:.1f} ms vs bare {found['bare_ms']:.2f} ms; {found['stored']} stored",
                f"{1 / found['ratio']:.2f} of req/s ({found['ratio']:.1f}x time)",
                "",
                "",
            )
        )
    with harness.timed("Safe Places finder (bench/safe_places_finder.py)"):
        venues = "2000" if args.quick else "10000"
        found = script_result(
            [
                sys.executable,
                "bench/safe_places_finder.py",
                "--database",
                "postgres",
                "--venues",
                venues,
                "--rounds",
                "4",
                "--searches",
                "100",
            ],
            plain,
            400,
        )
    if "error" in found:
        rows.append(("Safe Places finder", f"failed: {found['error']}", "", "", "NO"))
    else:
        rows.append(
            (
                f"Safe Places finder ({found['venues']:,} venues)",
                f"{found['finder_ms']:.2f} ms vs bare box query {found['bare_ms']:.2f} ms; "
                f"queries constant: {found['queries_constant']}",
                f"{found['ratio']:.2f}x bare query time",
                "<= 2x",
                "yes" if found["ratio"] <= 2 else "NO",
            )
        )
    if (ROOT / "bench" / "concerns.py").exists():
        with harness.timed("Concern analysis (bench/concerns.py)"):
            responses = 5000 if args.quick else 40000
            code = (
                "import json, os, sys; sys.path[:0] = ['.', 'site']; "
                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.test'); "
                "import django; django.setup(); from bench import concerns; "
                f"print('BENCH_RESULT ' + json.dumps(concerns.run(responses={responses})))"
            )
            found = script_result([sys.executable, "-c", code], plain, 300)
        if "error" in found:
            rows.append(("concern analysis", f"failed: {found['error']}", "", "", "NO"))
        else:
            rows.append(
                (
                    f"concern analysis ({found.get('responses', responses):,} answers)",
                    f"{found['analysis_seconds']:.2f} s vs WordCloud().generate() {found['wordcloud_seconds']:.2f} s"
                    + (f", peak {found['peak_mib']} MiB" if "peak_mib" in found else ""),
                    f"{found['ratio']:.1f}x faster",
                    ">= 3x",
                    "yes" if found["ratio"] >= 3 else "NO",
                )
            )
    else:
        rows.append(("concern analysis", "bench/concerns.py not present: skipped", "", "", ""))

    print_table(rows, time.monotonic() - started_at)
    return 0


def print_table(rows, seconds):
    headings = ("measurement", "figures", "ratio to the bare baseline", "target", "met")
    widths = [max(len(headings[i]), *(len(row[i]) for row in rows)) for i in range(5)]
    say()
    say(f"Safer Neighbourhoods benchmark, {time.strftime('%Y-%m-%d %H:%M')}, load average {harness.load_average()}")
    say("  ".join(heading.ljust(widths[i]) for i, heading in enumerate(headings)))
    say("  ".join("-" * width for width in widths))
    for row in rows:
        say("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
    say(f"\n(whole run: {seconds / 60:.1f} minutes)")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except harness.BenchError as error:
        say(f"\nbench failed: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
