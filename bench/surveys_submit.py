"""Benchmark: survey submissions per second on PostgreSQL, as a ratio to a bare view, in one run.

    .venv/bin/python bench/surveys_submit.py          # database "bench_surveys", dropped and recreated
    .venv/bin/python bench/surveys_submit.py --rounds 8 --per-round 60

Both targets go through the whole Django stack in this process (every middleware, sessions, CSRF, CSP) with
Django's test client, interleaved round by round (A B A B ...):

  bare     POST /bench/bare/ (bench/urls.py): HttpResponse("ok"), the cost of any request.
  submit   POST <survey>/check-your-answers/ for a resident whose session holds a complete set of answers to
           the Safer neighbourhoods survey (13 answers): rate limit, token check, SubmissionReceipt, one
           Response and its Answer rows in one transaction, then the redirect to the confirmation.

Each submission is a different resident (own session, own one-time token), prepared before the clock starts.
It prints both medians, the throughput and the ratio submit/bare.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
# bench/all.py passes a migrated, empty database to copy (BENCH_TEMPLATE_DATABASE): migrating takes minutes.
TEMPLATE = f' TEMPLATE "{os.environ["BENCH_TEMPLATE_DATABASE"]}"' if os.environ.get("BENCH_TEMPLATE_DATABASE") else ""
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_surveys"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_SURVEYS_POSTGRES_URL", POSTGRES_URL))
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-round", type=int, default=40, help="requests per target per round [40]")
    return parser.parse_args()


def prepare_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.startswith("bench"):
        raise SystemExit("The PostgreSQL database name must start with 'bench': it is dropped and recreated.")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"' + TEMPLATE)
    os.environ["DATABASE_URL"] = url


def main():
    args = parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # DEBUG off: no query log
    prepare_database(args.postgres_url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from core.demo.loader import load_demo_data
    from core.models import Ward
    from core.protection import issue_token
    from surveys.models import Response
    from tests.surveys.factories import make_survey

    override_settings(
        ROOT_URLCONF="bench.urls",
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        PUBLIC_FORM_RATE_LIMITS={"ip": (10**9, 3600), "email": (10**9, 3600)},
    ).enable()
    call_command("migrate", verbosity=0)
    home = load_demo_data()
    survey = make_survey(home, title="Safer neighbourhoods survey", slug="safer-neighbourhoods-survey")
    ward = Ward.objects.order_by("code").first().code
    answers = {
        "ward": ward,
        "connection": "Other",
        "connection__other": "I study here",
        "crime-perception": "Increased a lot",
        "feel-safe": "Agree",
        "victim": "Yes",
        "reported": "No",
        "report-handling": 2,
        "concerns": "Speeding cars on the grid roads. Fly tipping behind the shops.",
        "seen": ["Speeding", "Fly-tipping", "Drug dealing"],
        "age": "25 to 44",
        "disability": "No",
    }
    submit_url = f"{survey.url}check-your-answers/"
    counter = iter(range(10**9))

    def resident():
        client = Client()
        session = client.session
        session[f"surveys:{survey.pk}:answers"] = answers
        session["surveys:respondent"] = f"bench-{next(counter)}"
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return client, {"website": "", "submission_token": issue_token("survey-submit")}

    bare_client = Client()

    def bare(_prepared):
        response = bare_client.post("/bench/bare/", {"website": ""})
        assert response.status_code == 200, response.status_code

    def submit(prepared):
        client, data = prepared
        response = client.post(submit_url, data)
        assert response.status_code == 302 and response["Location"].endswith("/sent/"), response.status_code

    print(f"Database: {connection.vendor}; {args.rounds} rounds x {args.per_round} requests per target")
    timings = {"bare": [], "submit": []}
    for _ in range(args.rounds):
        for name, work in (("bare", bare), ("submit", submit)):
            prepared = [resident() if name == "submit" else None for _ in range(args.per_round)]
            for item in prepared:
                started = time.perf_counter()
                work(item)
                timings[name].append(time.perf_counter() - started)
    stored = Response.objects.filter(survey=survey).count()
    expected = args.rounds * args.per_round
    bare_ms = statistics.median(timings["bare"]) * 1000
    submit_ms = statistics.median(timings["submit"]) * 1000
    print(f"bare view:   median {bare_ms:6.2f} ms  -> {1000 / bare_ms:7.0f} requests/s (one thread)")
    print(f"submission:  median {submit_ms:6.2f} ms  -> {1000 / submit_ms:7.0f} submissions/s (one thread)")
    print(
        f"ratio: a submission costs {submit_ms / bare_ms:.1f}x the bare view; throughput {bare_ms / submit_ms:.2f} of it"
    )
    print(f"responses stored: {stored} of {expected} submissions")
    result = {"bare_ms": bare_ms, "submit_ms": submit_ms, "ratio": submit_ms / bare_ms, "stored": stored}
    print("BENCH_RESULT " + json.dumps(result))  # read by bench/all.py
    return 0 if stored == expected else 1


if __name__ == "__main__":
    sys.exit(main())
