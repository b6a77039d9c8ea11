"""The same extension folder in real Firefox (issue 7): Debian's firefox-esr, headless, with
the extension installed as a temporary add-on, through load, mark, hover, card, Esc and the
popup's site switch. tests/extension/firefox/e2e.mjs drives it with puppeteer-core over
WebDriver BiDi (see its header); this test runs it against the real backend and fixture
pages, and reports each step it got through."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.browsers import EXTENSION, ROOT
from tests.support.node import QUIET
from tests.support.servers import Backend

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).parent / "firefox" / "e2e.mjs"
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
ARTIFACTS = ROOT / "test-artifacts"


def test_firefox_marks_shows_the_card_and_switches_the_site(backend: Backend, site: str) -> None:
    if not os.path.exists(FIREFOX):
        raise RuntimeError("Firefox ESR is missing: run `make browsers` (the test command does)")
    ARTIFACTS.mkdir(exist_ok=True)
    config = {
        "extension": str(EXTENSION),
        "site": site,
        "backend": backend.url,
        "artifacts": str(ARTIFACTS),
    }
    result = subprocess.run(
        ["node", str(SCRIPT), json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        # Every Firefox the tests start stays on loopback (the script sets it too).
        env={**os.environ, **QUIET, "FIREFOX": FIREFOX, "MOZ_DISABLE_NONLOCAL_CONNECTIONS": "1"},
        check=False,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    steps = [line.get("step") for line in lines if line.get("ok")]
    assert result.returncode == 0, f"{lines[-1:]}\n{result.stderr[-2000:]}"
    assert steps == [
        "installed",
        "settings",
        "marked",
        "card",
        "escape",
        "switched off",
        "switched on",
        "frames and shadow roots",
    ]
    assert lines[-1] == {"done": True}
