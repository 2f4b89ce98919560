"""The environment chooses the database, the cache and the task backend."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SHOW = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'], "
    "'tasks': settings.TASKS['default']['BACKEND'], 'cache': settings.CACHES['default']['BACKEND']}))"
)


def settings_with(**env):
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "PYTHONPATH": str(ROOT / "site"), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_nothing_set_it_runs_on_sqlite_and_the_database_queue():
    chosen = settings_with()
    assert chosen["db"] == "django.db.backends.sqlite3"
    assert chosen["tasks"] == "django_tasks_db.DatabaseBackend"
    assert chosen["cache"].endswith("LocMemCache")


def test_redis_brings_the_shared_cache_and_rq_workers():
    chosen = settings_with(REDIS_URL="redis://127.0.0.1:6379/0", DATABASE_URL="postgres://postgres@127.0.0.1/test")
    assert chosen["db"] == "django.db.backends.postgresql"
    assert chosen["tasks"] == "django_tasks_rq.RQBackend"
    assert chosen["cache"] == "core.cache_backends.RedisCache"  # Django's, sharing its pool with RQ


def test_the_test_suite_runs_tasks_immediately():
    from django.conf import settings

    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
