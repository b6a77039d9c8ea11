"""Touch (issue 7): a tap on a term opens its card, a second tap or a tap elsewhere closes
it; a term inside a link follows the link on a tap and shows its card on a long press; a
pinned card stays while the reader scrolls. In Chromium with Playwright's touch emulation:
taps through `page.touchscreen`, a long press as raw touch events (touchStart, a pause,
touchEnd) through the DevTools protocol, as a finger would send them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import PageOpener
from tests.support.browsers import chromium
from tests.support.clock import ContentClock
from tests.support.extension import (
    Extension,
    card_content,
    card_is_open,
    click_in_card,
    mark_box,
    open_cards,
    wait_for_card,
    wait_for_live_card,
    wait_for_marks,
)
from tests.support.servers import Backend

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[Extension]:
    with chromium(tmp_path_factory.mktemp("touch-profile"), has_touch=True) as context:
        yield Extension.attach(context)


def _center(box: dict[str, float]) -> tuple[float, float]:
    return (box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    across = a["left"] < b["right"] and b["left"] < a["right"]
    return across and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _tap(page: Page, text: str) -> None:
    page.touchscreen.tap(*_center(mark_box(page, text, "first")))


def _long_press(page: Page, clock: ContentClock, text: str) -> None:
    """Touch, hold however long a long press takes (the clock), lift."""
    x, y = _center(mark_box(page, text, "first"))
    cdp = page.context.new_cdp_session(page)
    try:
        point = [{"x": x, "y": y, "radiusX": 4, "radiusY": 4, "force": 1, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
        clock.run_all()
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


def _linked_page(extension: Extension, open_page: PageOpener) -> tuple[Page, list[str]]:
    extension.set_settings(markLinks=True)  # "RAG" is a link's text
    page, console = open_page("rewrite.html")
    wait_for_marks(page, "RAG", "hallucination", "large language model")
    return page, console.problems


def test_a_tap_opens_the_card_and_a_second_tap_closes_it(
    extension: Extension, open_page: PageOpener
) -> None:
    page, problems = _linked_page(extension, open_page)
    clock = ContentClock.install(page, extension.id)
    _tap(page, "hallucination")
    wait_for_card(page)
    assert card_content(page)["term"] == "Hallucination"
    clock.run_all()  # a card opened by touch does not close by itself
    assert card_is_open(page)
    _tap(page, "hallucination")
    wait_for_card(page, is_open=False)
    # A tap elsewhere closes it too.
    _tap(page, "large language model")
    wait_for_card(page)
    assert card_content(page)["term"] == "Large language model"
    page.touchscreen.tap(5, 5)
    wait_for_card(page, is_open=False)
    assert not problems


def test_a_term_in_a_link_follows_it_on_a_tap_and_explains_on_a_long_press(
    extension: Extension, open_page: PageOpener
) -> None:
    page, problems = _linked_page(extension, open_page)
    clock = ContentClock.install(page, extension.id)
    _long_press(page, clock, "RAG")
    wait_for_card(page)
    assert card_content(page)["term"] == "Retrieval-augmented generation"
    # The long press did not follow the link or run the page's click handler.
    assert page.evaluate("location.hash") == ""
    assert page.text_content("#clicks") == "0"
    page.touchscreen.tap(5, 5)
    wait_for_card(page, is_open=False)
    # A tap follows the link, as it did before the extension, and opens no card.
    _tap(page, "RAG")
    page.wait_for_function("location.hash === '#rag-guide'")
    assert page.text_content("#clicks") == "1"
    clock.run_all()
    assert not card_is_open(page)
    assert not problems


def test_a_pinned_card_stays_while_scrolling(extension: Extension, open_page: PageOpener) -> None:
    extension.set_settings(firstOnly=False)
    page, _ = open_page("article.html")
    wait_for_marks(page, "hallucination", "context window", "Quantization")
    clock = ContentClock.install(page, extension.id)
    _tap(page, "hallucination")
    wait_for_card(page)
    card = card_content(page)
    x, y = _center(card["buttons"]["pin"])
    page.touchscreen.tap(x, y)
    page.mouse.wheel(0, 300)
    page.wait_for_function("scrollY > 0")
    clock.run_all()
    pinned = open_cards(page)[0]["box"]
    free = next(
        text
        for text in ("context window", "token", "agent", "prompt injection", "Quantization")
        if not _overlap(mark_box(page, text), pinned)
    )
    _tap(page, free)  # a new card beside the pinned one
    wait_for_live_card(page, free[0].upper() + free[1:])
    assert [c["pinned"] for c in open_cards(page)] == [True, False]
    page.touchscreen.tap(5, 5)  # closes the live card, not the pinned one
    clock.run_all()
    pinned = open_cards(page)
    assert [c["term"] for c in pinned] == ["Hallucination"]
    click_in_card(page, "close", pinned[0])
    assert open_cards(page) == []
