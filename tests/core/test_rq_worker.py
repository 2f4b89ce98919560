"""With REDIS_URL set, background work goes through Redis to RQ workers: an email queued in a transaction is
sent by a separate worker process. Needs a Redis server (`.ci/run` starts one)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The SQLite and PostgreSQL runs of the suite go side by side: each flushes a Redis database of its own.
REDIS_DB_URL = "redis://127.0.0.1:6379/{}".format(14 if "postgres" in os.environ.get("DATABASE_URL", "") else 15)

QUEUE_AN_EMAIL = """
import django
django.setup()
from django.db import transaction
from core.notifications import queue_email
with transaction.atomic():
    message = queue_email(to="resident@example.org", template="core/emails/contact_acknowledgement",
                          context={"contact": {"name": "Sam", "reference": "C-RQ"}}, purpose="rq-test")
print(message.pk)
"""

STATUS = """
import django
django.setup()
from core.models import OutboxMessage
print(OutboxMessage.objects.get(pk={pk}).status)
"""


def redis_is_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379")
def test_an_email_queued_in_a_transaction_is_sent_by_an_rq_worker(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "PYTHONPATH": str(ROOT / "site"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rq.sqlite3'}",
        "REDIS_URL": REDIS_DB_URL,
    }

    def run(*args):
        result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    import redis

    redis.Redis.from_url(REDIS_DB_URL).flushdb()
    run("manage.py", "migrate", "--noinput", "-v", "0")
    pk = run("-c", QUEUE_AN_EMAIL)
    assert run("-c", STATUS.format(pk=pk)) == "pending"  # queued in Redis, not yet sent
    # RQ must run our jobs with django-tasks-rq's Job class; plain RQ jobs cannot call a django_tasks Task.
    run("manage.py", "rqworker", "default", "--burst", "--job-class", "django_tasks_rq.backend.Job")
    assert run("-c", STATUS.format(pk=pk)) == "sent"


@pytest.mark.skipif(not redis_is_running(), reason="needs a Redis server")
def test_queueing_tasks_reuses_the_caches_redis_connection_pool():
    """django_rq builds a new client, and so opens a new connection, for every task queued unless it borrows the
    cache's pool (core.cache_backends.RedisCache with USE_REDIS_CACHE): that was a thirteenth of a booking's CPU."""
    from django.core.cache import caches
    from django.test import override_settings

    cache_settings = {"default": {"BACKEND": "core.cache_backends.RedisCache", "LOCATION": REDIS_DB_URL}}
    with override_settings(CACHES=cache_settings, RQ_QUEUES={"default": {"USE_REDIS_CACHE": "default"}}):
        import django_rq

        try:
            first, second = django_rq.get_connection("default"), django_rq.get_connection("default")
            assert first.connection_pool is second.connection_pool
            assert django_rq.get_queue("default").connection.connection_pool is first.connection_pool
            assert first.ping()
        finally:
            caches["default"].close()
