"""Managed settings (issue 17, item 1): an organisation's browser policy sets the backend,
site rules and glossaries and locks what readers may change; its values win over the
reader's, and the popup and the options page show them as locked.

The policy is a real Chromium policy file in the machine's managed-policy folder, written
(as root) before this module's browser starts and removed after. The folder is read by
every Chromium on the machine, so the policy names a test copy of the extension with a key
of its own (tests/fixtures/managed/test-key.b64, a public key only): other browsers running
the extension at the same time (other test modules, other runs) are left alone."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.axe import blocking, scan
from tests.support.browsers import EXTENSION, chromium
from tests.support.extension import Extension, wait_for_marks
from tests.support.servers import Backend

pytestmark = pytest.mark.browser

POLICY_DIR = Path("/etc/chromium/policies/managed")
TEST_KEY = Path(__file__).resolve().parents[1] / "fixtures" / "managed" / "test-key.b64"
DOCUMENTED_ID = "mphhkcabfhhgkfghigkciicaniinhodd"  # docs/extension.md, for the shipped key
NOWHERE = "http://127.0.0.1:9"  # the discard port: no backend answers there
ELSEWHERE = "http://127.0.0.1:7"
LOCKED = "Set by your organisation"
OFF_PAGE = "127.0.0.1/plain.html"  # a path rule: one fixture page only


def extension_id(key: str) -> str:
    """Chromium's id for a manifest key: the SHA-256 of the key's DER, first 32 hex
    digits written with the letters a to p."""
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(digit, 16)) for digit in digest)


def test_the_shipped_key_gives_the_documented_id() -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert extension_id(manifest["key"]) == DOCUMENTED_ID
    docs = (EXTENSION.parent / "docs" / "extension.md").read_text(encoding="utf-8")
    assert DOCUMENTED_ID in docs


def test_every_managed_setting_is_documented() -> None:
    schema = json.loads((EXTENSION / "managed_schema.json").read_text(encoding="utf-8"))
    docs = (EXTENSION.parent / "docs" / "extension.md").read_text(encoding="utf-8")
    admin = docs.split("## For administrators", 1)[1].split("\n## ", 1)[0]
    missing = [name for name in schema["properties"] if f"`{name}`" not in admin]
    assert not missing, f"not in docs/extension.md's administrator section: {missing}"


@pytest.fixture(scope="module")
def managed(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[Extension]:
    if os.geteuid() != 0:
        pytest.skip("writing Chromium's managed-policy folder needs root")
    copy = tmp_path_factory.mktemp("managed") / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    key = TEST_KEY.read_text(encoding="ascii").strip()
    manifest["key"] = key
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    values = {
        "backendUrl": backend.url,
        "disabledSites": [OFF_PAGE],
        "lockedSettings": ["markLinks", "paused"],
    }
    policy = POLICY_DIR / f"ai-glossary-test-{os.getpid()}.json"
    POLICY_DIR.mkdir(parents=True, exist_ok=True)
    policy.write_text(json.dumps({"3rdparty": {"extensions": {extension_id(key): values}}}))
    try:
        with chromium(tmp_path_factory.mktemp("profile"), extension=copy) as context:
            loaded = Extension.attach(context)
            assert loaded.id == extension_id(key)
            yield loaded
    finally:
        policy.unlink()


@pytest.fixture(autouse=True)
def reader_settings(managed: Extension) -> None:
    """The reader had chosen otherwise before the policy came: another backend, links marked."""
    managed.reset_settings(backendUrl=NOWHERE, markLinks=True, disabledSites=["example.com"])
    for page in managed.context.pages:
        if page is not managed.control:
            page.close()


def _open(managed: Extension, site: str, name: str) -> Page:
    page = managed.context.new_page()
    page.goto(f"{site}/{name}")
    return page


def test_the_managed_backend_is_used(managed: Extension, site: str, backend: Backend) -> None:
    page = _open(managed, site, "article.html")
    wait_for_marks(page, "vector database")
    health = managed.control.evaluate("() => askBackground('health', null)")
    assert health["backendUrl"] == backend.url


def test_locked_controls_are_disabled_with_a_note(
    managed: Extension, site: str, backend: Backend
) -> None:
    options = managed.context.new_page()
    options.goto(managed.url("options/options.html"))
    address = options.get_by_role("textbox", name="Backend address")
    expect(address).to_have_value(backend.url)
    expect(address).to_be_disabled()
    expect(address).to_have_accessible_description(LOCKED)
    expect(options.get_by_role("button", name="Save")).to_be_disabled()
    links = options.get_by_role("checkbox", name="Mark terms inside links")
    expect(links).to_be_disabled()
    expect(links).not_to_be_checked()  # locked at its default, not the reader's choice
    # Settings the policy neither gives nor locks stay the reader's.
    expect(options.get_by_role("checkbox", name="Mark terms inside headings")).to_be_enabled()
    # The organisation's site rules replace the reader's, and cannot be edited.
    expect(options.locator("#sites li")).to_have_text([f"{OFF_PAGE}Remove"])
    expect(options.get_by_role("button", name=f"Remove {OFF_PAGE}")).to_be_disabled()
    expect(options.get_by_role("textbox", name="Site to add")).to_be_disabled()
    expect(options.get_by_role("radio", name="Only on the sites I list")).to_be_enabled()
    assert not blocking(scan(options)), blocking(scan(options))

    page = _open(managed, site, "plain.html")
    managed.wait_for_state(page, "off")
    popup = managed.open_popup(page)
    expect(popup.locator("#status")).to_have_text("Off on 127.0.0.1.")
    for name in ("Highlight terms on 127.0.0.1", "Pause everywhere"):
        switch = popup.get_by_role("switch", name=name)
        expect(switch).to_be_disabled()
        expect(switch).to_have_accessible_description(LOCKED)
    assert not blocking(scan(popup)), blocking(scan(popup))


def test_a_reader_change_does_not_override(managed: Extension, site: str, backend: Backend) -> None:
    # Through the extension's own saving (as the options page saves) and straight into storage.
    managed.control.evaluate(
        "(url) => saveSettings({backendUrl: url, markLinks: false, paused: true})", ELSEWHERE
    )
    stored = managed.settings()
    assert stored["backendUrl"] == NOWHERE and stored["markLinks"] is True  # as before
    assert "paused" not in stored
    managed.set_settings(backendUrl=NOWHERE, paused=True, disabledSites=[])
    page = _open(managed, site, "article.html")
    wait_for_marks(page, "vector database")
    health = managed.control.evaluate("() => askBackground('health', null)")
    assert health["backendUrl"] == backend.url
    off = _open(managed, site, "plain.html")
    assert managed.wait_for_state(off, "off")["marks"] == 0
