"""Production settings plus the bare baseline view, for `bench/run.py` only.

Everything (middleware, templates, database, static files) is what production runs; only the URLconf gains
`/bench/bare/`, and STATIC_ROOT may point at the benchmark's own collectstatic output.
"""

import os

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
