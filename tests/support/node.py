"""The Node tools of the test command, from tests/node_modules (`make browsers` installs them)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "tests" / "node_modules"
WEB_EXT = NODE_MODULES / ".bin" / "web-ext"
# Never ask the registry for a newer version while testing, never send usage data.
QUIET = {"NO_UPDATE_NOTIFIER": "1", "WEB_EXT_TELEMETRY": "false", "DO_NOT_TRACK": "1"}


def require(tool: Path) -> Path:
    if not tool.exists():
        raise RuntimeError(
            f"{tool.relative_to(ROOT)} is missing: run `make browsers` (or `cd tests && npm ci`)"
        )
    return tool


def web_ext_lint(source: Path) -> dict[str, Any]:
    """`web-ext lint` of an unpacked extension folder, as JSON (errors, warnings, notices)."""
    result = subprocess.run(
        [str(require(WEB_EXT)), "lint", "--source-dir", str(source), "--output", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **QUIET},
        check=False,
    )
    start = result.stdout.find("{")
    assert start >= 0, f"web-ext lint said nothing useful: {result.stdout}{result.stderr}"
    report: dict[str, Any] = json.loads(result.stdout[start:])
    return report
