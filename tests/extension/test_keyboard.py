"""The keyboard (issue 7): the manifest's commands step through the marks in reading order
and open each card with focus in it; Tab reaches the card's links; Esc closes it and gives
focus back; nothing happens while the reader types.

Headless Chromium has no browser window to take extension shortcuts, so the tests deliver a
command the way the browser does, through the background's `commands.onCommand` handler
(`Extension.command`); the shortcut keys themselves are checked in the manifest."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import PageOpener
from tests.support.browsers import EXTENSION
from tests.support.extension import (
    Extension,
    card_content,
    card_is_open,
    focused_mark,
    hover_mark,
    wait_for_card,
    wait_for_marks,
)

pytestmark = pytest.mark.browser

# article.html's marks in reading order (first occurrences; see test_marking.py).
READING_ORDER = [
    "large language model",
    "retrieval-augmented generation",
    "embedding",
    "vector database",
    "hallucination",
    "context window",
    "token",
    "prompt injection",
    "agent",
    "Quantization",
    "fine-tuning",
    "post-training",
]

_ACTIVE = """() => {
  const el = document.activeElement;
  return el === document.body ? "body" : el.id || el.localName;
}"""


def _ready(extension: Extension, page: Page) -> None:
    wait_for_marks(page, "post-training")
    extension.wait_for_state(page, "done")


def test_manifest_declares_changeable_shortcuts() -> None:
    commands = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))["commands"]
    assert commands["next-term"]["suggested_key"]["default"] == "Alt+Shift+Period"
    assert commands["previous-term"]["suggested_key"]["default"] == "Alt+Shift+Comma"
    assert all(command["description"] for command in commands.values())


def test_commands_step_through_terms_in_reading_order(
    extension: Extension, open_page: PageOpener
) -> None:
    page, console = open_page("article.html")
    _ready(extension, page)
    reached = []
    for _ in READING_ORDER:
        assert extension.command(page, "next-term") is True
        reached.append(focused_mark(page))
    assert reached == READING_ORDER
    # The card of the term reached is open, beside it, with focus in the card.
    card = card_content(page)
    assert card["term"] == "Post-training"
    assert card["focused"] == "card"
    assert page.evaluate(_ACTIVE) == "ai-glossary-card"
    # Past the last term, "next" wraps to the first; "previous" goes back.
    extension.command(page, "next-term")
    assert focused_mark(page) == "large language model"
    extension.command(page, "previous-term")
    assert focused_mark(page) == "post-training"
    extension.command(page, "previous-term")
    assert focused_mark(page) == "fine-tuning"
    assert card_content(page)["term"] == "Fine-tuning"
    assert not console.problems


def test_stepping_starts_from_the_terms_in_view(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    _ready(extension, page)
    page.set_viewport_size({"width": 1280, "height": 400})
    try:
        # The view shows the article from "retrieval-augmented generation" to "context window".
        page.evaluate("window.scrollTo(0, 500)")
        extension.command(page, "previous-term")
        assert focused_mark(page) == "context window"
        page.keyboard.press("Escape")
        page.reload()
        _ready(extension, page)
        page.evaluate("window.scrollTo(0, 500)")
        extension.command(page, "next-term")
        assert focused_mark(page) == "retrieval-augmented generation"
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_tab_reaches_the_card_links_and_escape_gives_focus_back(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("excluded.html")
    wait_for_marks(page, "large language model", "prompt injection")
    extension.wait_for_state(page, "done")
    page.focus("button")  # where the reader was
    assert extension.command(page, "next-term") is True
    wait_for_card(page)
    card = card_content(page)
    assert (card["term"], card["focused"]) == ("Prompt injection", "card")
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        stops.append(card_content(page)["focused"])
    # The card's controls in order: pin, close, its tool, "Full page", "Not this meaning",
    # "I know this term".
    assert stops == ["pin", "close", "tool", "full", "wrong", "mute"]
    page.keyboard.press("Shift+Tab")
    assert card_content(page)["focused"] == "wrong"
    page.keyboard.press("Escape")
    wait_for_card(page, is_open=False)
    assert page.evaluate(_ACTIVE) == "button"
    assert focused_mark(page) is None


def test_focus_leaving_the_card_closes_it(extension: Extension, open_page: PageOpener) -> None:
    page, _ = open_page("excluded.html")
    wait_for_marks(page, "large language model")
    extension.wait_for_state(page, "done")
    extension.command(page, "next-term")
    wait_for_card(page)
    page.click("#notes")  # the reader goes back to writing
    wait_for_card(page, is_open=False)
    assert page.evaluate(_ACTIVE) == "notes"


@pytest.mark.parametrize("where", ["#field", "#notes", "#editable"])
def test_nothing_happens_while_typing(
    extension: Extension, open_page: PageOpener, where: str
) -> None:
    page, _ = open_page("excluded.html")
    wait_for_marks(page, "large language model", "prompt injection")
    extension.wait_for_state(page, "done")
    page.click(where)
    assert extension.command(page, "next-term") is False
    assert not card_is_open(page)
    assert focused_mark(page) is None
    # A hover card opens under the pointer but never takes the focus from the field.
    hover_mark(page, "large language model")
    wait_for_card(page)
    assert page.evaluate(_ACTIVE) == where[1:]
    page.keyboard.type("x")
    assert page.evaluate(_ACTIVE) == where[1:]
