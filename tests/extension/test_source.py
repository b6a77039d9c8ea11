"""The extension's source as shipped: manifest, file lists, safety rules and size budget."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.browsers import EXTENSION

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
SOURCES = sorted(EXTENSION.rglob("*.js"))
CONTENT_SCRIPTS = MANIFEST["content_scripts"][0]["js"]
# Issue 7's budget for the content script, unminified.
CONTENT_BUDGET_BYTES = 40 * 1024
# Ways of turning strings into markup or code: data reaches pages through textContent only.
FORBIDDEN = re.compile(
    r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\("
    r"|createContextualFragment|DOMParser"
)


def test_manifest_is_one_for_chromium_and_firefox() -> None:
    assert MANIFEST["manifest_version"] == 3
    background = MANIFEST["background"]
    assert background["scripts"][-1] == background["service_worker"] == "background/sw.js"
    gecko = MANIFEST["browser_specific_settings"]["gecko"]
    assert gecko["id"] and gecko["strict_min_version"] == "142.0"
    assert gecko["data_collection_permissions"] == {"required": ["none"]}


def test_permissions_are_only_what_is_needed() -> None:
    # Settings, and the "Explain with AI Glossary" item of the selection's context menu.
    assert MANIFEST["permissions"] == ["storage", "contextMenus"]
    # The default backend is local; any other backend is reached through its CORS headers.
    assert MANIFEST["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert MANIFEST["content_scripts"][0]["matches"] == ["http://*/*", "https://*/*"]


def test_service_worker_loads_what_firefox_loads() -> None:
    """Chromium's importScripts list and Firefox's background scripts name the same files."""
    worker = (EXTENSION / "background" / "sw.js").read_text(encoding="utf-8")
    call = re.search(r"importScripts\(([^)]*)\)", worker)
    assert call
    imported = [
        str((EXTENSION / "background" / name).resolve().relative_to(EXTENSION))
        for name in re.findall(r'"([^"]+)"', call.group(1))
    ]
    assert [*imported, "background/sw.js"] == MANIFEST["background"]["scripts"]


def _referenced_files() -> list[str]:
    files = [*MANIFEST["background"]["scripts"], *CONTENT_SCRIPTS]
    files += MANIFEST["content_scripts"][0]["css"]
    files += [MANIFEST["action"]["default_popup"], MANIFEST["options_ui"]["page"]]
    files += [*MANIFEST["icons"].values(), *MANIFEST["action"]["default_icon"].values()]
    for page in ("popup/popup.html", "options/options.html"):
        folder = (EXTENSION / page).parent
        html = (EXTENSION / page).read_text(encoding="utf-8")
        for name in re.findall(r'(?:src|href)="([^"#:]+)"', html):
            files.append(str((folder / name).resolve().relative_to(EXTENSION)))
    return files


@pytest.mark.parametrize("name", sorted(set(_referenced_files())))
def test_every_referenced_file_exists(name: str) -> None:
    assert (EXTENSION / name).is_file()


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(EXTENSION)))
def test_no_markup_is_built_from_strings(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert not FORBIDDEN.search(source), FORBIDDEN.search(source)


def test_content_script_stays_within_budget() -> None:
    size = sum((EXTENSION / name).stat().st_size for name in CONTENT_SCRIPTS)
    assert size < CONTENT_BUDGET_BYTES, f"content script is {size} bytes"


def test_every_content_module_is_loaded() -> None:
    on_disk = {str(path.relative_to(EXTENSION)) for path in (EXTENSION / "content").glob("*.js")}
    assert on_disk <= set(CONTENT_SCRIPTS)
