"""Page text never crosses the network in clear (issue 15, item 5): the options take plain
http only for a backend on this computer (127.0.0.0/8, ::1, localhost), https anywhere; the
background refuses to call any other plain-http address, whatever the stored settings say.
The organisation's managed setting `allowInsecureBackend` (extension/managed_schema.json)
lifts the rule: unit-tested in unit/settings.test.mjs, as a test cannot set a browser policy."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.support.browsers import EXTENSION
from tests.support.extension import Extension
from tests.support.servers import Backend, free_port

pytestmark = pytest.mark.browser

REFUSED = (
    "Page text would cross the network unencrypted. Use an https:// address; plain http:// is "
    "only for a backend on this computer (localhost, 127.0.0.1, ::1), unless your "
    "organisation's settings allow it."
)


def test_options_refuse_plain_http_beyond_this_computer(
    extension: Extension, backend: Backend
) -> None:
    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    address = options.locator("#backend-url")
    status = options.locator("#backend-status")
    save = options.get_by_role("button", name="Save")
    expect(status).to_have_text("Connected: End-to-end test glossary, 12 terms.")  # page ready
    for remote in ("http://glossary.example.com", "http://10.0.0.5:8000"):
        address.fill(remote)
        save.click()
        expect(status).to_have_text(REFUSED)
        expect(status).to_have_class("status problem")
        assert extension.settings()["backendUrl"] == backend.url  # nothing saved
    # Loopback in any spelling is this computer: plain http is fine there.
    local = f"http://localhost:{backend.url.rsplit(':', 1)[1]}"
    address.fill(local)
    save.click()
    expect(status).to_have_text("Connected: End-to-end test glossary, 12 terms.")
    assert extension.settings()["backendUrl"] == local
    # https to any host is taken (nothing answers on this port: it says so).
    secure = f"https://127.0.0.1:{free_port()}"
    address.fill(secure)
    save.click()
    expect(status).to_contain_text("Can't reach the glossary backend")
    assert extension.settings()["backendUrl"] == secure


def test_the_background_never_calls_a_plain_http_remote_backend(extension: Extension) -> None:
    # Stored settings that bypassed the options page (synced from elsewhere, say): refused
    # before any request is made, with its own code.
    reply = extension.in_background(
        "() => backendHealth('http://glossary.example.com').then("
        "() => 'called', (error) => errorInfo(error).code)"
    )
    assert reply == "insecure_backend"


def test_the_managed_setting_is_declared() -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    schema = json.loads((EXTENSION / manifest["storage"]["managed_schema"]).read_text())
    assert schema["properties"]["allowInsecureBackend"]["type"] == "boolean"
