"""The security baseline under production settings: `check --deploy` is clean and every response is hardened."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra):
    # The browser tests' conftest allows Django's async-unsafe calls in this process; production never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-for-tests-only-7f3e9c1b5d2a4e6f8091",
        "ALLOWED_HOSTS": "safer.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://safer.example.org",
        "DEFAULT_FROM_EMAIL": "Safer Neighbourhoods <no-reply@safer.example.org>",
        "EMAIL_BACKEND": "anymail.backends.test.EmailBackend",
        **extra,
    }


def run(args, env):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_reports_no_issues(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_BACKEND"])
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


RESPONSE_HEADERS = """
import json
import django
from django.test import Client

django.setup()
response = Client().get("/robots.txt", secure=True, headers={"host": "safer.example.org"})
print(json.dumps({"status": response.status_code, "headers": dict(response.headers)}))
"""


def test_responses_carry_the_security_headers(tmp_path):
    env = production_env(tmp_path, PYTHONPATH=str(ROOT / "site"))
    result = run(["-c", RESPONSE_HEADERS], env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    headers = {name.lower(): value for name, value in answer["headers"].items()}
    assert answer["status"] == 200

    csp = {
        directive.split()[0]: directive.split()[1:]
        for directive in headers["content-security-policy"].split(";")
        if directive.strip()
    }
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"


def test_production_cookies_are_secure_and_http_only(tmp_path):
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY, "
        "settings.CSRF_COOKIE_SECURE, settings.CSRF_COOKIE_HTTPONLY, settings.SECURE_SSL_REDIRECT]))"
    )
    result = run(["-c", script], production_env(tmp_path, PYTHONPATH=str(ROOT / "site")))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, True, True, True, True]


@pytest.mark.django_db
def test_public_pages_allow_only_the_hashed_inline_script(client, demo_site):
    from core.csp import GOVUK_FRONTEND_SUPPORTED_SCRIPT, GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH

    response = client.get("/")
    body = response.content.decode()
    assert GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert f"<script>{GOVUK_FRONTEND_SUPPORTED_SCRIPT}</script>" in body
    assert body.count("<script>") == 1
    assert "style=" not in body


@pytest.mark.django_db
def test_the_admin_gets_its_own_looser_policy_only_past_the_second_factor(client, demo_site):
    from core.csp import GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH
    from tests.factories import StaffFactory

    def script_src(policy):
        return next(part for part in policy.split(";") if part.strip().startswith("script-src"))

    # The sign-in pages are open to anyone, so they keep the strict public policy.
    sign_in = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in script_src(sign_in)
    # Staff past the second factor get the editor's allowance; browsers ignore 'unsafe-inline' where a hash is
    # listed too, which would break the editor, so the admin's script policy has no hash.
    client.force_login(StaffFactory(groups=["Communications officers"]))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" in script_src(policy)
    assert GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH not in script_src(policy)
    assert "frame-ancestors 'self'" in policy
