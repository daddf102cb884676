"""Dependency audit with pip-audit over the installed environment, summarised in one line.

Known vulnerabilities fail (exit 1). Packages the vulnerability service could not be asked about
(on a network that reaches only the package registry) are counted and named, not hidden.
"""

from __future__ import annotations

import json
import subprocess
import sys


def main() -> int:
    out = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--local", "--format", "json", "--progress-spinner", "off"],
        capture_output=True, text=True, timeout=900,
    )
    try:
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"audit: pip-audit did not produce a report ({tail})", file=sys.stderr)
        return 1
    deps = report.get("dependencies", [])
    vulns = [(d["name"], d["version"], v["id"]) for d in deps for v in d.get("vulns", [])]
    skipped = [d["name"] for d in deps if d.get("skip_reason")]
    audited = len(deps) - len(skipped)
    print(f"audit: {len(deps)} packages, {audited} audited, {len(skipped)} not auditable here, "
          f"{len(vulns)} known vulnerabilities")
    if skipped and not audited:
        print("audit: the vulnerability service was unreachable from this network; run `make audit` "
              "where PyPI's JSON API or OSV is reachable")
    for name, version, vid in vulns:
        print(f"  {name} {version}: {vid}")
    return 1 if vulns else 0


if __name__ == "__main__":
    sys.exit(main())
