"""Look-ups without a marked term (issue 7): the popup's search box (the backend's
/v1/search) and the context menu's "Explain with AI Glossary" on a selection.

Headless Chromium shows no context menu, so the tests choose the menu item the way the
browser reports a click on it: through the background's `contextMenus.onClicked` handler
(`Extension.explain`), with the selected text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.extension.conftest import PageOpener
from tests.support.extension import (
    Extension,
    card_content,
    click_in_card,
    marked_texts,
    wait_for_card,
    wait_for_marks,
)
from tests.support.servers import Backend, free_port

pytestmark = pytest.mark.browser


def _select(page: Page, element_id: str) -> str:
    selected: str = page.evaluate(
        """(id) => {
          const range = document.createRange();
          range.selectNodeContents(document.getElementById(id));
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          return getSelection().toString();
        }""",
        element_id,
    )
    return selected


def test_popup_search_shows_terms_and_opens_their_pages(
    extension: Extension, open_page: PageOpener, backend: Backend
) -> None:
    page, _ = open_page("plain.html")
    popup = extension.open_popup(page)
    search = popup.get_by_role("searchbox", name="Look up a term")
    search.fill("vector")
    results = popup.get_by_role("list", name="Matching terms").get_by_role("link")
    expect(results).to_have_count(1)
    expect(results).to_have_text(
        ["Vector databaseA database that finds things by similar meaning rather than exact words."]
    )
    with extension.context.expect_page() as opened:
        results.first.click()
    term_page = opened.value
    term_page.wait_for_load_state()
    assert term_page.url == f"{backend.url}/terms/vector-database"

    search.fill("zzzz")
    expect(popup.locator("#search-status")).to_have_text("No term matches “zzzz”.")
    expect(results).to_have_count(0)
    # Enter searches at once.
    search.fill("embed")
    search.press("Enter")
    expect(results).to_have_count(1)


def test_popup_search_says_when_the_backend_is_down(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("plain.html")
    extension.set_settings(backendUrl=f"http://127.0.0.1:{free_port()}")
    popup = extension.open_popup(page)
    popup.get_by_role("searchbox", name="Look up a term").fill("vector")
    expect(popup.locator("#search-status")).to_have_text("Can't reach the glossary backend.")


def test_explain_a_selection_shows_the_best_matching_card(
    extension: Extension, open_page: PageOpener
) -> None:
    page, console = open_page("article.html")
    wait_for_marks(page, "large language model")
    # The selection holds two terms; the longest one found is the one explained.
    selected = _select(page, "rag")
    assert extension.explain(page, selected) is True
    wait_for_card(page)
    card = card_content(page)
    assert card["term"] == "Retrieval-augmented generation"
    assert card["focused"] == "card"  # focus moved in: announced, and Esc brings it back
    assert card["box"]["top"] >= 0
    page.keyboard.press("Escape")
    wait_for_card(page, is_open=False)
    # Not written as any form of a term: the search's best hit is explained.
    assert extension.explain(page, "quantisation") is True
    wait_for_card(page)
    assert card_content(page)["term"] == "Quantization"
    assert not console.problems


def test_explain_a_selection_that_is_not_in_the_glossary(
    extension: Extension, open_page: PageOpener, backend: Backend
) -> None:
    page, _ = open_page("article.html")
    extension.wait_for_state(page, "done")
    assert extension.explain(page, "  quarterly   planning ") is True
    wait_for_card(page)
    card = card_content(page)
    assert card["term"] == "“quarterly planning”"
    assert card["plain_english"] == "Not in the glossary."
    assert card["full"] == {
        "text": "Search the glossary",
        "href": f"{backend.url}/search?q=quarterly%20planning",
        "target": "_blank",
        "rel": "noopener noreferrer",
    }
    assert "mute" not in card["buttons"]


def test_explain_works_where_marking_is_off_and_can_mute(
    extension: Extension, open_page: PageOpener
) -> None:
    extension.set_settings(paused=True)
    page, _ = open_page("article.html")
    extension.wait_for_state(page, "paused")
    extension.explain(page, "LLM")
    wait_for_card(page)
    assert card_content(page)["term"] == "Large language model"
    click_in_card(page, "mute")
    wait_for_card(page, is_open=False)
    assert extension.settings()["muted"] == [
        {"slug": "large-language-model", "term": "Large language model"}
    ]
    extension.set_settings(paused=False)
    wait_for_marks(page, "hallucination")
    assert "large language model" not in marked_texts(page)
