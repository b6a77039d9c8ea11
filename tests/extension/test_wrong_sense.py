"""The "Not this meaning" button on a card (issue 16, item 5): the term's marks go from the
page and it is not marked on that site again (other sites keep it); the options page lists
it with an undo; a local count of term, site and date, never page text, is exported as a
JSON file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.extension.conftest import PageOpener
from tests.support.extension import (
    Extension,
    click_in_card,
    hover_mark,
    marked_texts,
    wait_for_card,
    wait_for_live_card,
    wait_for_marks,
    wait_unmarked,
)

pytestmark = pytest.mark.browser

SITE = "127.0.0.1"  # the fixture pages' host; "localhost" is another site on the same server


def _stored(extension: Extension, ready: str) -> dict[str, Any]:
    """The synced settings and the local count, once `ready` holds for them (polled)."""
    read = (
        "async () => ({sync: await chrome.storage.sync.get(null),"
        " local: await chrome.storage.local.get(null)})"
    )
    extension.control.wait_for_function(f"async () => ({ready})(await ({read})())", polling=50)
    stored: dict[str, Any] = extension.control.evaluate(read)
    return stored


def test_not_this_meaning_mutes_the_term_on_this_site_and_counts_it(
    extension: Extension, open_page: PageOpener, tmp_path: Path
) -> None:
    page, console = open_page("article.html")
    other, _ = open_page("article.html")
    other.goto(other.url.replace(SITE, "localhost"))
    wait_for_marks(other, "hallucination")
    page.bring_to_front()
    wait_for_marks(page, "hallucination", "embedding")

    hover_mark(page, "hallucination")
    click_in_card(page, "wrong", wait_for_live_card(page, "Hallucination"))
    wait_for_card(page, is_open=False)
    wait_unmarked(page, "hallucination")
    assert "embedding" in marked_texts(page)  # only that term goes
    stored = _stored(extension, "(s) => s.local.senseReports")
    assert stored["sync"]["siteMuted"] == [
        {"slug": "hallucination", "term": "Hallucination", "site": SITE}
    ]
    assert stored["sync"].get("muted", []) == []  # not muted everywhere
    # Another site keeps the term; this one does not mark it again.
    assert "hallucination" in marked_texts(other)
    page.reload()
    wait_for_marks(page, "embedding")
    extension.wait_until_marked(page)
    assert "hallucination" not in marked_texts(page)

    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    expect(options.locator("#site-muted li")).to_have_text([f"Hallucination on {SITE}Undo"])
    expect(options.locator("#reports-status")).to_have_text("1 report kept on this computer.")
    with options.expect_download() as download:
        options.get_by_role("button", name="Export the count (JSON)").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    today = datetime.now(UTC).date().isoformat()
    assert exported["reports"] == [
        {"term": "hallucination", "site": SITE, "date": today, "count": 1}
    ]
    # Nothing of the page: besides the format's name, only the term's id, the site, the day.
    strings = {v for line in exported["reports"] for v in line.values() if isinstance(v, str)}
    assert strings == {"hallucination", SITE, today}
    assert set(exported) == {"format", "version", "reports"}

    # Undo in the options: the term is marked on the site again.
    options.get_by_role("button", name=f"Mark Hallucination on {SITE} again").click()
    expect(options.locator("#no-site-muted")).to_be_visible()
    wait_for_marks(page, "hallucination")
    # The count stays until the reader deletes it.
    expect(options.locator("#reports-status")).to_have_text("1 report kept on this computer.")
    options.get_by_role("button", name="Delete the count").click()
    expect(options.locator("#reports-status")).to_have_text("0 reports kept on this computer.")
    expect(options.get_by_role("button", name="Export the count (JSON)")).to_be_disabled()
    assert not console.problems


def test_not_this_meaning_from_the_keyboard(extension: Extension, open_page: PageOpener) -> None:
    page, _ = open_page("excluded.html")
    wait_for_marks(page, "prompt injection")
    extension.wait_for_state(page, "done")
    assert extension.command(page, "next-term") is True
    card = wait_for_live_card(page, "Prompt injection")
    assert card["focused"] == "card"
    for _ in range(6):  # Tab through the card's controls to "Not this meaning"
        if card["focused"] == "wrong":
            break
        page.keyboard.press("Tab")
        card = wait_for_live_card(page, "Prompt injection")
    assert card["focused"] == "wrong"
    page.keyboard.press("Enter")
    wait_for_card(page, is_open=False)
    wait_unmarked(page, "prompt injection")
    stored = _stored(extension, "(s) => (s.sync.siteMuted ?? []).length > 0")
    assert [m["slug"] for m in stored["sync"]["siteMuted"]] == ["prompt-injection"]
