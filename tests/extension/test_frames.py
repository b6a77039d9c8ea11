"""Where readers meet jargon (issue 16, item 7): open shadow roots and same-origin frames are
read, marked and hovered; closed shadow roots and cross-origin frames are left alone.

frames.html holds a term in its own text, one in an open shadow root, one in a closed shadow
root, and frame.html twice: from its own origin and from another port of 127.0.0.1 (another
origin). The backend is reached through a counting proxy, so the test sees which copy of the
frame's text was sent (the frame writes its origin into its text)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page

from tests.extension.conftest import PAGES, PageOpener
from tests.support.extension import (
    HIGHLIGHT,
    NEXT_FRAME,
    Extension,
    card_is_open,
    focused_mark,
    hover_mark,
    marked_texts,
    wait_for_card,
    wait_for_live_card,
    wait_for_marks,
)
from tests.support.proxy import CountingProxy, counting_proxy
from tests.support.servers import Backend, static_server

pytestmark = pytest.mark.browser

ANNOTATE = "/v1/annotate"
IN_OPEN_ROOT = "retrieval-augmented generation"
IN_CLOSED_ROOT = "hallucination"
IN_FRAME = ["vector database", "embedding"]

# The marked texts of a document, and whether any mark lies inside the page's closed root.
_FRAME_MARKS = "(name) => [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString())"
_IN_CLOSED_ROOT = """() => [...CSS.highlights.values()].some((highlight) =>
  [...highlight].some((range) => range.startContainer.getRootNode() === window.closedRoot))"""
_CARD_OPEN = "() => [...document.querySelectorAll('ai-glossary-card')].some((h) => !h.hidden)"


@pytest.fixture(scope="module")
def other_origin() -> Iterator[str]:
    """The fixture pages again, on another port: another origin."""
    with static_server(Path(PAGES)) as url:
        yield url


@pytest.fixture(scope="module")
def proxy(backend: Backend) -> Iterator[CountingProxy]:
    with counting_proxy(backend.url) as counting:
        yield counting


@pytest.fixture(autouse=True)
def through_proxy(extension: Extension, proxy: CountingProxy) -> None:
    extension.set_settings(backendUrl=proxy.url)
    proxy.sent.clear()


def _open(open_page: PageOpener, other_origin: str) -> tuple[Page, Frame, Frame]:
    page, console = open_page(f"frames.html?other={other_origin}")
    page.wait_for_load_state("load")  # both frames loaded, their content scripts run
    same_element, cross_element = page.query_selector("#same"), page.query_selector("#cross")
    assert same_element and cross_element
    same, cross = same_element.content_frame(), cross_element.content_frame()
    assert same and cross and cross.url.startswith(other_origin)
    assert not console.problems
    return page, same, cross


def _wait_for_frame_marks(frame: Frame, *texts: str) -> None:
    frame.wait_for_function(
        f"([name, texts]) => texts.every((t) => ({_FRAME_MARKS})(name).includes(t))",
        arg=[HIGHLIGHT, list(texts)],
        polling=50,
        timeout=10_000,
    )


def test_open_shadow_roots_and_same_origin_frames_are_marked(
    extension: Extension, open_page: PageOpener, other_origin: str, proxy: CountingProxy
) -> None:
    page, same, cross = _open(open_page, other_origin)
    wait_for_marks(page, "large language model", IN_OPEN_ROOT)
    _wait_for_frame_marks(same, *IN_FRAME)
    extension.wait_until_marked(page)
    # The closed shadow root is neither read nor marked.
    assert IN_CLOSED_ROOT not in marked_texts(page)
    assert not page.evaluate(_IN_CLOSED_ROOT)
    sent = b"".join(each.body for each in proxy.to(ANNOTATE))
    assert b"a hallucination stays unmarked" not in sent
    # The cross-origin copy of the frame, by now marked in its same-origin twin, is left
    # alone: no marks, and none of its text went to the backend.
    assert cross.evaluate(_FRAME_MARKS, HIGHLIGHT) == []
    assert other_origin.encode() not in sent
    assert page.url.split("/frames.html")[0].encode() in sent  # the same-origin copy went


def test_marks_in_an_open_shadow_root_are_painted(
    extension: Extension, open_page: PageOpener, other_origin: str
) -> None:
    page, _same, _cross = _open(open_page, other_origin)
    wait_for_marks(page, IN_OPEN_ROOT)
    extension.wait_until_marked(page)
    box = page.evaluate(
        "(term) => { const r = [...CSS.highlights.get('ai-glossary-term')]"
        ".find((range) => range.toString() === term).getBoundingClientRect();"
        " return {x: r.left, y: r.top, width: r.width, height: r.height + 6}; }",
        IN_OPEN_ROOT,
    )
    marked = page.screenshot(clip=box)
    # The page's own script takes the highlight away: what changes is the mark's paint.
    page.evaluate("() => CSS.highlights.delete('ai-glossary-term')")
    page.evaluate(NEXT_FRAME)
    assert page.screenshot(clip=box) != marked


def test_hovering_a_term_in_an_open_shadow_root_opens_its_card(
    extension: Extension, open_page: PageOpener, other_origin: str
) -> None:
    page, _same, _cross = _open(open_page, other_origin)
    wait_for_marks(page, IN_OPEN_ROOT)
    hover_mark(page, IN_OPEN_ROOT)
    wait_for_card(page)
    card = wait_for_live_card(page, "Retrieval-augmented generation")  # the card names the term
    assert card["plain_english"]


def test_hovering_a_term_in_a_same_origin_frame_opens_its_card_there(
    extension: Extension, open_page: PageOpener, other_origin: str
) -> None:
    page, same, _cross = _open(open_page, other_origin)
    _wait_for_frame_marks(same, "vector database")
    term: dict[str, Any] = same.evaluate(
        "(term) => { const r = [...CSS.highlights.get('ai-glossary-term')]"
        ".find((range) => range.toString() === term).getClientRects()[0];"
        " return {x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2}; }",
        "vector database",
    )
    # The frame's content box in the page's coordinates.
    origin: dict[str, float] = page.evaluate(
        "() => { const f = document.getElementById('same'), r = f.getBoundingClientRect(),"
        " s = getComputedStyle(f); return {x: r.left + f.clientLeft + parseFloat(s.paddingLeft),"
        " y: r.top + f.clientTop + parseFloat(s.paddingTop)}; }"
    )
    x, y = origin["x"] + term["x"], origin["y"] + term["y"]
    page.mouse.move(x - 30, y + 30)
    page.mouse.move(x, y, steps=4)
    same.wait_for_function(_CARD_OPEN, timeout=5_000)
    assert not card_is_open(page)  # the card opens in the frame, by its term


def test_text_added_inside_an_open_shadow_root_is_marked(
    extension: Extension, open_page: PageOpener, other_origin: str
) -> None:
    page, _same, _cross = _open(open_page, other_origin)
    wait_for_marks(page, IN_OPEN_ROOT)
    page.evaluate(
        "() => openRoot.append(Object.assign(document.createElement('p'),"
        " {textContent: 'Later, the component explains fine-tuning.'}))"
    )
    wait_for_marks(page, "fine-tuning")


def test_the_keyboard_reaches_terms_in_open_shadow_roots_in_reading_order(
    extension: Extension, open_page: PageOpener, other_origin: str
) -> None:
    page, _same, _cross = _open(open_page, other_origin)
    wait_for_marks(page, "large language model", IN_OPEN_ROOT)
    extension.wait_until_marked(page)
    reached = []
    for _ in range(2):
        assert extension.command(page, "next-term")
        page.wait_for_function("() => CSS.highlights.get('ai-glossary-focus')?.size === 1")
        reached.append(focused_mark(page))
    assert reached == ["large language model", IN_OPEN_ROOT]


def test_a_password_field_in_an_open_shadow_root_keeps_the_page_private(
    extension: Extension, open_page: PageOpener, proxy: CountingProxy
) -> None:
    page, _console = open_page("shadow-login.html")
    assert extension.wait_for_state(page, "private", "done")["state"] == "private"
    assert proxy.bytes_to(ANNOTATE) == 0


def test_a_same_origin_frame_of_a_page_with_a_password_field_is_not_sent(
    extension: Extension, open_page: PageOpener, proxy: CountingProxy
) -> None:
    page, _console = open_page("login-frame.html")
    assert extension.wait_for_state(page, "private", "done")["state"] == "private"
    assert proxy.bytes_to(ANNOTATE) == 0
    # Switched on by name, the page and its frame are read: the frame's text goes (so it
    # was the password field around it that held it back).
    extension.set_settings(enabledSites=["127.0.0.1"])
    element = page.query_selector("#same")
    frame = element.content_frame() if element else None
    assert frame
    _wait_for_frame_marks(frame, *IN_FRAME)
    assert b"vector database" in b"".join(each.body for each in proxy.to(ANNOTATE))
