"""The extension's source as shipped: manifest, file lists, safety rules and size budget."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from tests.support.browsers import EXTENSION

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
SOURCES = sorted(EXTENSION.rglob("*.js"))
CONTENT_SCRIPTS = MANIFEST["content_scripts"][0]["js"]
# What every page downloads and parses: the content script's files as shipped (no build step,
# so the source is what ships), gzipped together, as Wikimedia's Popups budgets its bundle.
# 17 KB since issue 16 (item 7): reading, painting and hovering open shadow roots and frames.
CONTENT_BUDGET_GZIP_BYTES = 17 * 1024
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
    for page in ("popup/popup.html", "options/options.html", "welcome/welcome.html"):
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


def content_script_gzip_bytes() -> int:
    """The content script's JavaScript and CSS, in the manifest's order, gzipped at level 9."""
    files = [*CONTENT_SCRIPTS, *MANIFEST["content_scripts"][0]["css"]]
    shipped = b"".join((EXTENSION / name).read_bytes() for name in files)
    return len(gzip.compress(shipped, compresslevel=9, mtime=0))


def test_content_script_stays_within_budget() -> None:
    size = content_script_gzip_bytes()
    assert size <= CONTENT_BUDGET_GZIP_BYTES, f"content script is {size} bytes gzipped"


def test_docs_state_the_budget() -> None:
    docs = (EXTENSION.parent / "docs" / "extension.md").read_text(encoding="utf-8")
    assert f"{CONTENT_BUDGET_GZIP_BYTES // 1024} KB gzipped" in docs


def test_every_content_module_is_loaded() -> None:
    on_disk = {str(path.relative_to(EXTENSION)) for path in (EXTENSION / "content").glob("*.js")}
    assert on_disk <= set(CONTENT_SCRIPTS)


def _rules(css: str) -> str:
    """CSS rules without comments or optional whitespace, so two copies can be compared."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\s*([{};:,()])\s*", r"\1", css)
    return re.sub(r"\s+", " ", css).replace(";}", "}").strip()


def test_shadow_roots_get_the_marks_own_styles() -> None:
    """Marks in a shadow tree are painted by the rules its root adopts (content/marks.js):
    the same rules as the page's (content/styles.css)."""
    marks = (EXTENSION / "content" / "marks.js").read_text(encoding="utf-8")
    adopted = re.search(r"const SHADOW_CSS = `([^`]*)`", marks)
    assert adopted
    page = (EXTENSION / "content" / "styles.css").read_text(encoding="utf-8")
    assert _rules(adopted.group(1)) == _rules(page)
