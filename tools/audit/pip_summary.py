"""Read pip-audit's JSON report and decide the build: any known vulnerability in a locked package fails it.

pip-audit marks a package it could not check with a skip_reason (the advisory service did not answer). That is
said loudly as NOT PERFORMED and passes, so a machine without the service can still build; AUDIT_STRICT=1 (the
second argument) makes it a failure, as a release build should.

Usage: python tools/audit/pip_summary.py var/pip-audit.json [strict]
"""

import json
import sys


def summarise(report, strict):
    """(lines to print, exit status) for one pip-audit report."""
    packages = report.get("dependencies", [])
    found = [
        (package["name"], package["version"], vuln["id"], ", ".join(vuln.get("fix_versions") or []) or "no fix yet")
        for package in packages
        for vuln in package.get("vulns", [])
    ]
    skipped = [package["name"] for package in packages if package.get("skip_reason")]
    lines = [f"VULNERABLE {name} {version}: {advisory} (fixed in {fix})" for name, version, advisory, fix in found]
    lines.append(
        f"pip-audit: {len(packages) - len(skipped)} of {len(packages)} locked packages audited, "
        f"{len(found)} known vulnerabilities"
    )
    if not packages:  # pip-audit itself failed (not the service): a broken audit must not pass unnoticed
        lines.append("pip-audit FAILED: it wrote no report; run it by hand to see why")
        return lines, 1
    if skipped:
        lines.append(
            f"pip-audit NOT PERFORMED for {len(skipped)} packages: PyPI's advisory data could not be reached"
            + _strictly(strict)
        )
    return lines, 1 if found or (skipped and strict) else 0


def _strictly(strict):
    return " (AUDIT_STRICT=1: failing)" if strict else " (AUDIT_STRICT=1 makes this fail)"


def main(argv):
    try:
        with open(argv[1], encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError):
        report = {}
    lines, status = summarise(report, strict=len(argv) > 2 and bool(argv[2]))
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
