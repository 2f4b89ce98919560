"""Benchmark: a Face the Public booking surge on PostgreSQL, against one uncontended booking, in one run.

    .venv/bin/python bench/meetings_booking.py        # database "bench_meetings", dropped and recreated

It migrates a fresh database, then measures, interleaved round by round (A B A B):

  bare        the minimal locked write a booking needs: lock the meeting row, count its confirmed seats, insert
              one booking row, commit. The limit to get close to (DESIGN section 8).
  booking     one uncontended `services.book_seat` (window and duplicate checks, code, outbox email queued).

and then the surge: --requests booking requests (500) for --seats seats (100) taken by --workers threads (40),
each with its own connection as a web worker would have. It prints throughput, p50 and p95 latency, and the
confirmed, waiting, oversold and error counts (oversold and errors must be 0). Emails are queued in the outbox
as in production; the task backend that would send them is swapped for the dummy one, as a separate worker
sends them in production.
"""

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_meetings"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_MEETINGS_POSTGRES_URL", POSTGRES_URL))
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--workers", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=40, help="uncontended bookings per target per round [40]")
    return parser.parse_args()


def prepare_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.startswith("bench"):
        raise SystemExit("The PostgreSQL database name must start with 'bench': it is dropped and recreated.")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    args = parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # DEBUG off: no query log
    prepare_database(args.postgres_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections, transaction
    from django.db.models import Sum
    from django.test.utils import override_settings
    from django.utils import timezone

    from meetings import policies, services
    from meetings.models import Booking, MeetingPage
    from tests.meetings.factories import MeetingPageFactory

    override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}).enable()
    call_command("migrate", verbosity=0)
    print(f"Database: {connections['default'].vendor}, {args.workers} workers")

    roomy = MeetingPageFactory(capacity=1_000_000, max_seats_per_booking=1)
    counter = iter(range(10**9))

    def bare():
        with transaction.atomic():
            meeting = MeetingPage.objects.select_for_update(of=("self",)).only("pk", "capacity").get(pk=roomy.pk)
            taken = Booking.objects.filter(meeting=meeting, status="confirmed").aggregate(s=Sum("seats"))["s"] or 0
            n = next(counter)
            Booking.objects.create(
                meeting_id=meeting.pk,
                code=policies.new_booking_code(),
                status="confirmed" if taken < meeting.capacity else "waiting",
                name=f"Bare {n}",
                email=f"bare{n}@example.org",
                created_at=timezone.now(),
            )

    def booking():
        n = next(counter)
        services.book_seat(meeting=roomy, name=f"Resident {n}", email=f"single{n}@example.org")

    timings = {"bare": [], "booking": []}
    for _ in range(args.rounds):
        for name, work in (("bare", bare), ("booking", booking)):
            for _ in range(args.per_round):
                started = time.perf_counter()
                work()
                timings[name].append(time.perf_counter() - started)
    bare_ms = statistics.median(timings["bare"]) * 1000
    single_ms = statistics.median(timings["booking"]) * 1000
    print(
        f"uncontended: bare locked write {bare_ms:.2f} ms, book_seat {single_ms:.2f} ms (median of "
        f"{len(timings['booking'])}), ratio {single_ms / bare_ms:.2f}x"
    )

    meeting = MeetingPageFactory(capacity=args.seats, max_seats_per_booking=1)

    def request(i):
        started = time.perf_counter()
        try:
            status = services.book_seat(meeting=meeting, name=f"Surge {i}", email=f"surge{i}@example.org").status
        except Exception as exc:  # counted and shown, never hidden
            status = f"error: {type(exc).__name__}: {exc}"
        return status, time.perf_counter() - started

    def worker_request(i):
        try:
            return request(i)
        finally:
            connections.close_all()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(worker_request, range(args.requests)))
    elapsed = time.perf_counter() - started
    connections.close_all()
    statuses = [status for status, _ in results]
    latencies = [seconds * 1000 for _, seconds in results]
    confirmed = Booking.objects.seats_taken(meeting)
    errors = [s for s in statuses if s.startswith("error")]
    print(
        f"surge: {args.requests} requests for {args.seats} seats: {args.requests / elapsed:.0f} bookings/s, "
        f"p50 {percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms "
        f"(p95 {percentile(latencies, 0.95) / single_ms:.0f}x one uncontended booking; "
        f"serial limit {1000 / single_ms:.0f} bookings/s)"
    )
    print(
        f"surge: confirmed {statuses.count('confirmed')}, waiting {statuses.count('waiting')}, "
        f"oversold {max(confirmed - args.seats, 0)}, errors {len(errors)}"
    )
    for error in errors[:5]:
        print(f"  {error}")
    return 1 if errors or confirmed > args.seats else 0


if __name__ == "__main__":
    sys.exit(main())
