"""axe-core accessibility scans of a page in a real browser (axe from tests/node_modules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def require_axe() -> str:
    """axe-core's source; a clear error if `make browsers` (npm install in tests/) has not run."""
    if not AXE.is_file():
        raise RuntimeError(
            f"axe-core is missing ({AXE.relative_to(ROOT)}): run `make browsers` "
            "(or `cd tests && npm install`)"
        )
    return AXE.read_text(encoding="utf-8")


def scan(page: Page) -> list[dict[str, Any]]:
    """Every axe violation on the page as it is now (WCAG 2.x A and AA rules and best practice)."""
    # Evaluated through the DevTools protocol, so a page's strict CSP does not block it.
    page.evaluate(require_axe())
    violations: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return violations


def blocking(violations: list[dict[str, Any]]) -> list[str]:
    """Serious and critical violations, one readable line each."""
    return [
        f"{v['impact']}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
