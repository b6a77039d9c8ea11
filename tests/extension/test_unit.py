"""The extension's pure logic (site patterns, settings migrations, card placement), unit-tested
without a browser by Node's built-in test runner: tests/extension/unit/*.test.mjs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.browsers import ROOT

UNIT = Path(__file__).parent / "unit"


def test_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node, "Node is missing: run `make browsers` (the test command does)"
    result = subprocess.run(
        [node, "--test", str(UNIT.relative_to(ROOT))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
