"""Benchmark: exporting 100,000 survey responses as CSV and XLSX with flat memory, against a bare read, in one run.

    .venv/bin/python bench/surveys_export.py                       # PostgreSQL database "bench_surveys_export"
    .venv/bin/python bench/surveys_export.py --responses 20000     # quicker
    .venv/bin/python bench/surveys_export.py --database sqlite

It fills a fresh database with generated responses to the Safer neighbourhoods survey (about 11 answers each),
then at 10%, 50% and 100% of them measures three ways of reading every response:

  bare     iterate over the same answers with values_list().iterator(): the least any export must do
  csv      consume surveys.exports.csv_chunks (what the streamed CSV download sends)
  xlsx     surveys.exports.write_xlsx into a temporary file (openpyxl's write-only workbook)

For each it prints the time, the time as a ratio to bare, and the peak Python memory (tracemalloc) while it
ran. Flat memory means the peak does not grow with the number of responses: the last line prints the peak at
100% divided by the peak at 10% for each export (about 1.0 is flat; 10 would be proportional).
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_surveys_export"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_SURVEYS_POSTGRES_URL", POSTGRES_URL))
    return parser.parse_args()


def prepare_database(args, temp):
    if args.database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{temp}/bench.sqlite3"
        return
    import psycopg

    name = args.postgres_url.rsplit("/", 1)[1]
    if not name.startswith("bench"):
        raise SystemExit("The PostgreSQL database name must start with 'bench': it is dropped and recreated.")
    with psycopg.connect(args.postgres_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = args.postgres_url


def measured(work):
    tracemalloc.start()
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 2**20


def main():
    args = parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # DEBUG off: no query log
    with tempfile.TemporaryDirectory() as temp:
        prepare_database(args, temp)
        import django

        django.setup()
        return run(args)


def run(args):
    import random
    from datetime import datetime, timedelta

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import override_settings
    from django.utils import timezone

    from core.demo.loader import load_demo_data
    from core.models import Ward
    from surveys import demo, exports, policies
    from surveys.models import Answer, Response
    from tests.surveys.factories import make_survey

    override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}).enable()
    call_command("migrate", verbosity=0)
    home = load_demo_data()
    survey = make_survey(home, title="Safer neighbourhoods survey", slug="safer-neighbourhoods-survey")
    questionnaire = survey.questionnaire()
    wards = list(Ward.objects.order_by("code"))
    rng = random.Random(2016)
    start = timezone.make_aware(datetime(2026, 5, 1, 8))

    def add(count, offset):
        batch = 5000
        for first in range(0, count, batch):
            with transaction.atomic():
                responses = []
                answer_sets = []
                for i in range(first, min(first + batch, count)):
                    ward = rng.choice(wards)
                    answer_sets.append(demo._random_answers(rng, ward))
                    responses.append(
                        Response(
                            survey=survey,
                            reference=f"B-{offset + i:08d}",
                            respondent_key=f"bench-{offset + i}",
                            ward=ward,
                            submitted_at=start + timedelta(seconds=offset + i),
                        )
                    )
                Response.objects.bulk_create(responses)
                Answer.objects.bulk_create(
                    (
                        Answer(response=response, question=r.reference, value=r.value, detail=r.detail, number=r.number)
                        for response, answers in zip(responses, answer_sets, strict=True)
                        for r in policies.answer_rows(questionnaire, answers)
                    ),
                    batch_size=5000,
                )

    def bare():
        for _row in (
            Answer.objects.filter(response__survey=survey)
            .values_list("response__reference", "question", "value", "detail")
            .order_by("response__submitted_at", "response_id", "pk")
            .iterator(chunk_size=exports.CHUNK_SIZE)
        ):
            pass

    def csv():
        for _chunk in exports.csv_chunks(survey):
            pass

    def xlsx():
        with tempfile.TemporaryFile() as handle:
            exports.write_xlsx(survey, handle)

    print(f"Database: {connection.vendor}; up to {args.responses:,} responses")
    steps = [args.responses // 10, args.responses // 2, args.responses]
    done = 0
    peaks = {}
    print(f"{'responses':>10} {'answers':>10} | {'bare s':>7} | {'csv s':>7} {'x bare':>6} {'peak MiB':>8} | "
          f"{'xlsx s':>7} {'x bare':>6} {'peak MiB':>8}")  # fmt: skip
    for step in steps:
        started = time.perf_counter()
        add(step - done, done)
        done = step
        filled = time.perf_counter() - started
        answers = Answer.objects.filter(response__survey=survey).count()
        results = {name: measured(work) for name, work in (("bare", bare), ("csv", csv), ("xlsx", xlsx))}
        peaks[step] = {name: peak for name, (_t, peak) in results.items()}
        bare_s = results["bare"][0]
        print(
            f"{step:>10,} {answers:>10,} | {bare_s:>7.2f} | "
            f"{results['csv'][0]:>7.2f} {results['csv'][0] / bare_s:>6.1f} {results['csv'][1]:>8.1f} | "
            f"{results['xlsx'][0]:>7.2f} {results['xlsx'][0] / bare_s:>6.1f} {results['xlsx'][1]:>8.1f}"
            f"   (filled in {filled:.0f} s)"
        )
    first, last = steps[0], steps[-1]
    print(
        f"memory growth from {first:,} to {last:,} responses ({last // first}x the data): "
        + ", ".join(f"{name} peak x{peaks[last][name] / peaks[first][name]:.2f}" for name in ("bare", "csv", "xlsx"))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
