"""Settings carry a schema version (issue 7); every earlier layout is brought up to date.

Schema 1 (issue 3): backendUrl, firstOnly, paused, disabledSites (host names).
Schema 2 (issue 7): disabledSites become patterns; markHeadings, markLinks, siteMode,
enabledSites, muted and disabledGlossaries are added. Nothing stored counts as schema 1.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.extension.conftest import PageOpener
from tests.support.extension import Extension

pytestmark = pytest.mark.browser

DEFAULTS: dict[str, Any] = {
    "schema": 2,
    "backendUrl": "http://127.0.0.1:8000",
    "firstOnly": True,
    "markHeadings": False,
    "markLinks": False,
    "paused": False,
    "siteMode": "all",
    "disabledSites": [],
    "enabledSites": [],
    "muted": [],
    "disabledGlossaries": [],
}

SCHEMA_1 = {
    "schema": 1,
    "backendUrl": "http://127.0.0.1:9000/",
    "firstOnly": False,
    "paused": True,
    "disabledSites": ["www.example.org", "News.Example.com", "127.0.0.1"],
}

SCHEMA_2 = {
    **DEFAULTS,
    "backendUrl": "http://glossary.internal:8000",
    "markLinks": True,
    "siteMode": "listed",
    "enabledSites": ["example.com/docs"],
    "muted": [{"slug": "token", "term": "Token"}],
    "disabledGlossaries": ["company"],
}


def _migrate(extension: Extension, stored: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = extension.control.evaluate("(s) => migrateSettings(s)", stored)
    return result


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        pytest.param({}, DEFAULTS, id="nothing-stored"),
        pytest.param(
            SCHEMA_1,
            {
                **DEFAULTS,
                "backendUrl": "http://127.0.0.1:9000",
                "firstOnly": False,
                "paused": True,
                "disabledSites": ["127.0.0.1", "news.example.com", "www.example.org"],
            },
            id="schema-1",
        ),
        pytest.param(
            {k: v for k, v in SCHEMA_1.items() if k != "schema"},
            {
                **DEFAULTS,
                "backendUrl": "http://127.0.0.1:9000",
                "firstOnly": False,
                "paused": True,
                "disabledSites": ["127.0.0.1", "news.example.com", "www.example.org"],
            },
            id="schema-1-unversioned",
        ),
        pytest.param(SCHEMA_2, SCHEMA_2, id="schema-2"),
        pytest.param(
            {"schema": 1, "firstOnly": "yes", "disabledSites": "example.org", "backendUrl": 7},
            DEFAULTS,
            id="schema-1-mistyped",
        ),
        pytest.param(
            {
                **SCHEMA_2,
                "muted": [{"slug": "token"}, "rag", {"slug": "rag", "term": "RAG", "x": 1}],
                "siteMode": "sometimes",
                "enabledSites": ["example.com/docs", "not a site", 3],
            },
            {
                **SCHEMA_2,
                "muted": [{"slug": "rag", "term": "RAG"}],
                "siteMode": "all",
            },
            id="schema-2-mistyped",
        ),
        pytest.param({**SCHEMA_2, "schema": 3, "later": True}, SCHEMA_2, id="later-schema"),
    ],
)
def test_every_earlier_layout_is_migrated(
    extension: Extension, stored: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert _migrate(extension, stored) == expected


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
