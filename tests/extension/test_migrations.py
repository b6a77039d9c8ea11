"""Settings carry a schema version (issue 7); every earlier layout is brought up to date.

Schema 1 (issue 3): backendUrl, firstOnly, paused, disabledSites (host names).
Schema 2 (issue 7): disabledSites become patterns; markHeadings, markLinks, siteMode,
enabledSites, muted and disabledGlossaries are added. Nothing stored counts as schema 1.
Every layout's migration is unit-tested in unit/settings.test.mjs; here, the browser's part.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.extension.conftest import PageOpener
from tests.support.extension import Extension

pytestmark = pytest.mark.browser

SCHEMA_1 = {
    "schema": 1,
    "backendUrl": "http://127.0.0.1:9000/",
    "firstOnly": False,
    "paused": True,
    "disabledSites": ["www.example.org", "News.Example.com", "127.0.0.1"],
}


def test_stored_schema_1_works_and_is_rewritten_once(
    extension: Extension, open_page: PageOpener, backend: Any
) -> None:
    extension.reset_settings(**{**SCHEMA_1, "backendUrl": backend.url, "paused": False})
    # Read through the migration: the old switched-off host still switches its site off.
    page, _ = open_page("plain.html")
    assert extension.wait_for_state(page, "off", "done")["state"] == "off"
    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    expect(options.locator("#sites li")).to_have_count(3)
    # On update, the background rewrites the stored layout (runtime.onInstalled).
    extension.in_background("() => upgradeSettings()")
    stored = extension.settings()
    assert stored["schema"] == 2
    assert stored["disabledSites"] == ["127.0.0.1", "news.example.com", "www.example.org"]
    assert stored["muted"] == [] and stored["siteMode"] == "all"
