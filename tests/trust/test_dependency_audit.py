"""The dependency audit in `make test`: a known vulnerability in a locked package fails the build (Trust, item 7).

The advisory services are not reachable from every machine, so these tests feed the summarisers in tools/audit/
the reports pip-audit and npm audit write, in the shapes those tools produce, and check the verdict.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "audit"

DJANGO_CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
DJANGO_VULNERABLE = {
    "name": "django",
    "version": "5.2.1",
    "vulns": [{"id": "PYSEC-2025-47", "fix_versions": ["5.2.2"], "aliases": ["CVE-2025-48432"], "description": "..."}],
}
UNREACHED = {"name": "wagtail", "skip_reason": "Dependency not found on PyPI and could not be audited: wagtail"}


def pip_verdict(tmp_path, report, strict=""):
    path = tmp_path / "pip-audit.json"
    path.write_text(json.dumps(report) if report is not None else "")
    done = subprocess.run(
        [sys.executable, str(TOOLS / "pip_summary.py"), str(path), strict], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout


def test_a_known_python_vulnerability_fails_the_build_naming_the_advisory_and_the_fix(tmp_path):
    status, said = pip_verdict(tmp_path, {"dependencies": [DJANGO_CLEAN | {"name": "pillow"}, DJANGO_VULNERABLE]})
    assert status == 1
    assert "VULNERABLE django 5.2.1: PYSEC-2025-47 (fixed in 5.2.2)" in said
    assert "2 of 2 locked packages audited, 1 known vulnerabilities" in said


def test_clean_python_dependencies_pass(tmp_path):
    status, said = pip_verdict(tmp_path, {"dependencies": [DJANGO_CLEAN]})
    assert (status, "VULNERABLE" in said) == (0, False)


def test_an_unreachable_advisory_service_is_said_loudly_and_fails_only_when_strict(tmp_path):
    report = {"dependencies": [DJANGO_CLEAN, UNREACHED]}
    status, said = pip_verdict(tmp_path, report)
    assert status == 0 and "pip-audit NOT PERFORMED for 1 packages" in said
    assert pip_verdict(tmp_path, report, strict="1")[0] == 1


def test_a_vulnerability_fails_even_when_other_packages_could_not_be_checked(tmp_path):
    assert pip_verdict(tmp_path, {"dependencies": [DJANGO_VULNERABLE, UNREACHED]})[0] == 1


@pytest.mark.parametrize("report", [None, {}, {"dependencies": []}])
def test_an_audit_that_wrote_no_report_fails(tmp_path, report):
    status, said = pip_verdict(tmp_path, report)
    assert status == 1 and "pip-audit FAILED" in said


NODE = shutil.which("node")
NPM_CLEAN = {
    "auditReportVersion": 2,
    "vulnerabilities": {},
    "metadata": {"vulnerabilities": {"info": 0, "low": 0, "moderate": 0, "high": 0, "critical": 0, "total": 0}},
}


def npm_verdict(tmp_path, report, strict=""):
    path = tmp_path / "npm-audit.json"
    path.write_text(json.dumps(report))
    done = subprocess.run(
        [NODE, str(TOOLS / "npm_summary.js"), str(path), strict], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout


@pytest.mark.skipif(NODE is None, reason="the front-end build installs Node.js; without it there is no npm audit")
class TestNpmAudit:
    def test_a_high_vulnerability_fails_the_build(self, tmp_path):
        report = {
            **NPM_CLEAN,
            "vulnerabilities": {
                "braces": {"name": "braces", "severity": "high", "range": "<3.0.3", "via": [], "fixAvailable": True}
            },
            "metadata": {"vulnerabilities": {**NPM_CLEAN["metadata"]["vulnerabilities"], "high": 1, "total": 1}},
        }
        status, said = npm_verdict(tmp_path, report)
        assert status == 1
        assert "VULNERABLE braces (high) <3.0.3" in said

    def test_a_moderate_one_is_reported_but_does_not_fail(self, tmp_path):
        report = {
            **NPM_CLEAN,
            "vulnerabilities": {"nanoid": {"name": "nanoid", "severity": "moderate", "range": "<3.3.8"}},
            "metadata": {"vulnerabilities": {**NPM_CLEAN["metadata"]["vulnerabilities"], "moderate": 1, "total": 1}},
        }
        status, said = npm_verdict(tmp_path, report)
        assert status == 0 and "1 known vulnerabilities, 0 high, 0 critical" in said

    def test_an_unreachable_advisory_service_is_said_loudly_and_fails_only_when_strict(self, tmp_path):
        report = {"message": "405 Method Not Allowed", "error": {"code": "E405"}}
        status, said = npm_verdict(tmp_path, report)
        assert status == 0 and "npm audit NOT PERFORMED" in said and "405 Method Not Allowed" in said
        assert npm_verdict(tmp_path, report, strict="1")[0] == 1
