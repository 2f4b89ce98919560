"""Benchmark: the Safe Places finder among 10,000 venues, against a bare indexed query, in one process.

    .venv/bin/python bench/safe_places_finder.py                      # SQLite (a temporary file)
    .venv/bin/python bench/safe_places_finder.py --database postgres  # database "bench_safe_places", recreated

Builds a fresh database (migrate), imports the full libraries file (OGL v3.0, Libraries Taskforce) as approved
venues, adds venues around them up to --venues (10,000) with varied hours (day, evening, overnight, closed
days), then times, interleaved round by round (A B A B), for the same search points:

  bare     the cheapest read the location index allows: one ORM query for approved venues inside the
           bounding box, the first 20 rows the index yields (not the nearest: no ordering, no hours).
  nearest  the bare indexed nearest-venue query: the public venues in the box ordered by (planar) distance,
           first 20, with their type: what a finder without opening hours would cost.
  finder   `querysets.find_nearest(..., open_now=True)`: in one query, the candidates nearest the point through
           the same index with what the list shows, their type and their hours exceptions for today and
           yesterday; then exact distances and opening worked out for the moment, the chosen 20.

The ratio bench/all.py reports is finder / bare: the stricter yardstick, since bare neither orders nor reads
hours. "nearest" is the equivalent query a finder without opening hours needs; finder / nearest is printed too.

It prints the time per search of each, their ratio (per round and overall) and the queries each search made
(which must not change with the number of venues: it is also run at a tenth of the venues).
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
# bench/all.py passes a migrated, empty database to copy (BENCH_TEMPLATE_DATABASE): migrating takes minutes.
TEMPLATE = f' TEMPLATE "{os.environ["BENCH_TEMPLATE_DATABASE"]}"' if os.environ.get("BENCH_TEMPLATE_DATABASE") else ""
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_safe_places"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_SAFE_PLACES_POSTGRES_URL", POSTGRES_URL))
    parser.add_argument("--venues", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--searches", type=int, default=200, help="searches per target per round [200]")
    return parser.parse_args()


def prepare_database(args):
    if args.database == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="bench-safe-places-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    name = args.postgres_url.rsplit("/", 1)[1]
    if not name.startswith("bench"):
        raise SystemExit("The PostgreSQL database name must start with 'bench': it is dropped and recreated.")
    admin_url = args.postgres_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"' + TEMPLATE)
    os.environ["DATABASE_URL"] = args.postgres_url


def populate(total):
    from core.importers import SHARED_DATA
    from safe_places.importers import import_venues
    from safe_places.models import Venue, VenueType

    report = import_venues(path=SHARED_DATA / "england_public_libraries.csv")
    Venue.objects.update(status="approved", verified_at="2026-01-01T00:00:00Z", next_check_due="2099-01-01")
    libraries = list(Venue.objects.values_list("latitude", "longitude"))
    types = list(VenueType.objects.all())
    patterns = [
        [[["09:00", "17:30"]]] * 6 + [[]],
        [[["07:00", "23:00"]]] * 7,
        [[["18:00", "02:00"]]] * 7,
        [[]] + [[["10:00", "16:00"]]] * 5 + [[]],
        [[["00:00", "00:00"]]] * 7,
    ]
    rng = random.Random(42)
    extra = []
    for index in range(total - len(libraries)):
        lat, lng = rng.choice(libraries)
        extra.append(
            Venue(
                name=f"Bench venue {index}",
                venue_type=rng.choice(types),
                address="Somewhere",
                postcode="MK9 3EJ",
                latitude=lat + rng.uniform(-0.03, 0.03),
                longitude=lng + rng.uniform(-0.05, 0.05),
                opening_hours=rng.choice(patterns),
                status="approved",
                verified_at="2026-01-01T00:00:00Z",
                next_check_due="2099-01-01",
                step_free=rng.random() < 0.5,
            )
        )
    Venue.objects.bulk_create(extra, batch_size=1000)
    return report, libraries


def main():
    args = parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # DEBUG off: no query log
    prepare_database(args)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from safe_places import policies
    from safe_places.models import Venue
    from safe_places.querysets import DEFAULT_RADIUS_KM, find_nearest

    call_command("migrate", verbosity=0)
    report, libraries = populate(args.venues)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a live database keeps them
    print(f"Database: {connection.vendor}; libraries import: {report}; venues: {Venue.objects.count()}")
    rng = random.Random(7)
    points = [rng.choice(libraries) for _ in range(args.searches)]
    now = timezone.now()
    today = policies.today_in_london(now)
    public = Venue.objects.public(today=today)

    def bare(lat, lng):
        box = policies.bounding_box(lat, lng, DEFAULT_RADIUS_KM)
        return list(
            Venue.objects.filter(
                status="approved", latitude__range=(box.south, box.north), longitude__range=(box.west, box.east)
            )[:20]
        )

    def nearest(lat, lng):
        return list(public.near(lat, lng).select_related("venue_type")[:20])

    def finder(lat, lng):
        return find_nearest(public, latitude=lat, longitude=lng, at=now, open_now=True)

    def run(target):
        started = time.perf_counter()
        for lat, lng in points:
            target(lat, lng)
        return (time.perf_counter() - started) / len(points) * 1000

    def queries(target):
        executed = []
        with connection.execute_wrapper(lambda execute, sql, *rest: executed.append(sql) or execute(sql, *rest)):
            target(*points[0])
        return len(executed)

    targets = {"bare": bare, "nearest": nearest, "finder": finder}
    for target in targets.values():
        run(target)  # warm up
    timings = {name: [] for name in targets}
    for _ in range(args.rounds):
        for name, target in targets.items():
            timings[name].append(run(target))
    found = statistics.mean(len(finder(lat, lng)) for lat, lng in points[:50])
    print(f"{'target':<8} {'ms/search (median)':>20} {'queries':>8}   ratio finder/target (per-round range)")
    for name, target in targets.items():
        ratios = [f / t for f, t in zip(timings["finder"], timings[name], strict=True)]
        print(
            f"{name:<8} {statistics.median(timings[name]):>20.3f} {queries(target):>8}   "
            f"{statistics.median(timings['finder']) / statistics.median(timings[name]):.2f}x "
            f"({min(ratios):.2f}-{max(ratios):.2f})"
        )
    print(f"open venues found per finder search: {found:.1f} (at most 20)")
    full = queries(finder)
    keep = set(Venue.objects.order_by("pk").values_list("pk", flat=True)[::10])
    Venue.objects.exclude(pk__in=keep).update(status="withdrawn")
    tenth = queries(finder)
    verdict = "the same" if tenth == full else "DIFFERENT"
    print(f"queries per finder search: {full} among {args.venues} venues, {tenth} among {len(keep)}: {verdict}")
    result = {
        "venues": args.venues,
        "bare_ms": statistics.median(timings["bare"]),
        "finder_ms": statistics.median(timings["finder"]),
        "ratio": statistics.median(timings["finder"]) / statistics.median(timings["bare"]),
        "nearest_ms": statistics.median(timings["nearest"]),
        "queries_constant": tenth == full,
    }
    print("BENCH_RESULT " + json.dumps(result))  # read by bench/all.py


if __name__ == "__main__":
    main()
