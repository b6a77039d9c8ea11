"""The hover card (check 2 of issue 3, and issue 7's WCAG 1.4.13): content, links, hover
intent, dismissible with Esc, hoverable, persistent, placement, pinning."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import PageOpener
from tests.support.clock import ContentClock
from tests.support.extension import (
    NEXT_FRAME,
    Extension,
    card_content,
    card_is_open,
    click_in_card,
    hover_mark,
    mark_box,
    open_cards,
    wait_for_card,
    wait_for_live_card,
    wait_for_marks,
)
from tests.support.servers import Backend

pytestmark = pytest.mark.browser


def _viewport(page: Page) -> dict[str, float]:
    size = page.evaluate("({width: innerWidth, height: innerHeight})")
    return {"left": 0, "top": 0, "right": size["width"], "bottom": size["height"]}


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return all(
        [
            inner["left"] >= outer["left"],
            inner["top"] >= outer["top"],
            inner["right"] <= outer["right"],
            inner["bottom"] <= outer["bottom"],
        ]
    )


def test_hovering_a_term_shows_its_card(
    extension: Extension, open_page: PageOpener, backend: Backend
) -> None:
    page, console = open_page("article.html")
    wait_for_marks(page, "large language model")
    term = hover_mark(page, "large language model")
    wait_for_card(page)
    card = card_content(page)
    assert card["term"] == "Large language model"
    assert card["plain_english"] == (
        "An AI system that has read a huge amount of text and can write and answer questions."
    )
    assert card["definition"].startswith("A neural network with billions of parameters")
    # Up to three tool links, each opening in a new tab without an opener.
    assert [(tool["text"], tool["href"]) for tool in card["tools"]] == [
        ("Hugging Face Transformers", "https://github.com/huggingface/transformers"),
        ("vLLM", "https://github.com/vllm-project/vllm"),
        ("Ollama", "https://ollama.com/"),
    ]
    for link in [*card["tools"], card["full"]]:
        assert link["target"] == "_blank" and "noopener" in link["rel"]
    assert card["full"]["text"] == "Full page"
    assert card["full"]["href"] == f"{backend.url}/terms/large-language-model"
    assert not _overlap(card["box"], term)
    assert _inside(card["box"], _viewport(page))

    page.keyboard.press("Escape")
    wait_for_card(page, is_open=False)
    assert not console.problems


def test_card_stays_while_the_pointer_is_on_it_and_hides_after(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "hallucination")
    clock = ContentClock.install(page, extension.id)
    hover_mark(page, "hallucination")
    clock.run_all()  # however long the dwell is
    assert card_is_open(page)
    box = card_content(page)["box"]
    page.mouse.move((box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2, steps=5)
    clock.run_all()  # however long the hide delay is
    assert card_is_open(page), "the card hid while the pointer was on it"
    assert card_content(page)["term"] == "Hallucination"
    page.mouse.move(5, 5, steps=3)  # off the card and the term
    assert card_is_open(page), "the card hid at once: no time to cross to it"
    clock.run_all()
    assert not card_is_open(page)


def test_the_next_term_opens_its_card_though_the_last_card_was_about_to_hide(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "hallucination", "embedding")
    clock = ContentClock.install(page, extension.id)
    hover_mark(page, "hallucination")
    clock.run_all()
    assert card_content(page)["term"] == "Hallucination"
    # Off the card (its hide starts), then onto another term before the hide is due.
    page.mouse.move(5, 5)
    page.evaluate(NEXT_FRAME)
    page.evaluate(NEXT_FRAME)
    hover_mark(page, "embedding")
    clock.run_all()  # the last card's hide and the next card's dwell, in their own order
    assert card_is_open(page), "the hide meant for the last card closed the next one"
    assert card_content(page)["term"] == "Embedding"


def test_a_pointer_passing_over_a_term_opens_nothing(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "embedding")
    clock = ContentClock.install(page, extension.id)
    box = mark_box(page, "embedding")
    y = (box["top"] + box["bottom"]) / 2
    page.mouse.move(box["left"] - 40, y)
    page.mouse.move((box["left"] + box["right"]) / 2, y)
    page.evaluate(NEXT_FRAME)
    page.evaluate(NEXT_FRAME)
    assert clock.pending() == 1, "resting on the term starts the dwell"
    page.mouse.move(box["right"] + 40, y, steps=3)
    page.mouse.move(5, 5)  # nothing is marked in the masthead
    clock.run_all()
    assert not card_is_open(page)


def test_card_near_the_bottom_goes_above_the_term(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "fine-tuning")
    box = mark_box(page, "fine-tuning")
    page.evaluate("(bottom) => window.scrollBy(0, bottom - innerHeight + 30)", box["bottom"])
    term = hover_mark(page, "fine-tuning")
    assert term["bottom"] > _viewport(page)["bottom"] - 60  # the term is near the bottom
    wait_for_card(page)
    card = card_content(page)
    assert card["term"] == "Fine-tuning"
    assert card["box"]["bottom"] <= term["top"]
    assert _inside(card["box"], _viewport(page))
    page.mouse.wheel(0, 200)  # scrolling away closes the card
    wait_for_card(page, is_open=False, timeout=2)


def test_card_says_which_glossary_its_term_comes_from(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "embedding")
    hover_mark(page, "embedding")
    wait_for_card(page)
    card = card_content(page)
    assert card["term"] == "Embedding"
    assert card["source"] in ("", "From End-to-end test glossary")  # when the backend says


def test_pinned_cards_stay_while_scrolling_and_close_one_by_one(
    extension: Extension, open_page: PageOpener
) -> None:
    page, console = open_page("article.html")
    wait_for_marks(page, "large language model", "hallucination", "embedding")
    for text, term in [
        ("large language model", "Large language model"),
        ("hallucination", "Hallucination"),
    ]:
        hover_mark(page, text)
        click_in_card(page, "pin", wait_for_live_card(page, term))
    assert [(c["term"], c["pinned"]) for c in open_cards(page)] == [
        ("Large language model", True),
        ("Hallucination", True),
    ]
    # Pinned cards stay while the page scrolls and the pointer goes elsewhere.
    clock = ContentClock.install(page, extension.id)
    page.mouse.move(5, 5)
    page.mouse.wheel(0, mark_box(page, "post-training")["top"] - 860)
    clock.run_all()
    pinned = open_cards(page)
    assert [(c["term"], c["pinned"]) for c in pinned] == [
        ("Large language model", True),
        ("Hallucination", True),
    ]
    # A hover card opens beside them, and goes as usual.
    assert not any(_overlap(mark_box(page, "post-training"), c["box"]) for c in pinned)
    hover_mark(page, "post-training")
    clock.run_all()
    wait_for_live_card(page, "Post-training")
    page.mouse.move(5, 5)
    clock.run_all()
    assert len(open_cards(page)) == 2
    # Each has its own close button, named after its term.
    assert pinned[0]["buttons"]["close"]["label"] == "Close the card on Large language model"
    click_in_card(page, "close", pinned[0])
    assert [c["term"] for c in open_cards(page)] == ["Hallucination"]
    click_in_card(page, "close", open_cards(page)[0])
    assert open_cards(page) == []
    assert not console.problems
