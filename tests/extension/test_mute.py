"""\"I know this term\" (issue 7): a card's button mutes its term on every page, kept in sync
storage; the options page lists muted terms, each with an undo."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.extension.conftest import PageOpener
from tests.support.extension import (
    Extension,
    click_in_card,
    hover_mark,
    marked_texts,
    wait_for_card,
    wait_for_marks,
    wait_unmarked,
)

pytestmark = pytest.mark.browser

LLM_FORMS = {"large language model", "LLM"}


def test_i_know_this_term_mutes_it_everywhere_with_an_undo(
    extension: Extension, open_page: PageOpener
) -> None:
    extension.set_settings(firstOnly=False)
    page, console = open_page("article.html")
    other, _ = open_page("plain.html")
    wait_for_marks(page, "large language model", "LLM", "hallucination")
    wait_for_marks(other, "large language model")

    # A person clicks in the tab in front (a tab behind runs no animations: its card would
    # still be fading in, and a control not yet visible takes no click).
    page.bring_to_front()
    hover_mark(page, "large language model")
    wait_for_card(page)
    click_in_card(page, "mute")
    wait_for_card(page, is_open=False)
    # Every form of the term loses its marks, in this tab and the other; the rest stay.
    wait_unmarked(page, *LLM_FORMS)
    wait_unmarked(other, *LLM_FORMS)
    assert "hallucination" in marked_texts(page)
    assert extension.settings()["muted"] == [
        {"slug": "large-language-model", "term": "Large language model"}
    ]
    page.reload()
    wait_for_marks(page, "hallucination", "post-training")
    assert not LLM_FORMS & set(marked_texts(page))

    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    muted = options.locator("#muted li")
    expect(muted).to_have_text(["Large language modelUndo"])
    options.get_by_role("button", name="Mark Large language model again").click()
    expect(options.locator("#no-muted")).to_be_visible()
    assert extension.settings()["muted"] == []
    wait_for_marks(page, "large language model", "LLM")
    assert not console.problems
