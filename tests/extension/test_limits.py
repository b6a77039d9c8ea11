"""Limits learned at run time: the extension asks the backend for its limits (GET /v1/limits)
rather than keeping a copy of them, so a look-up longer than the backend takes says so
plainly, never "can't reach", and pages go in batches the backend accepts, whatever its
settings. The backends here run with `--access-log`, which logs each request's path and
status: what the extension sent, and what the backend answered, is read there.

The popup waits for a pause in typing before it searches, or searches at once when the
reader presses Enter; these tests press Enter, so no clock is needed. (They once let the
pause pass on Playwright's clock, whose install reaches every frame of the browser: in full
runs a frame that lacked it failed every test here at setup, four times between 2026-12-04
and 2026-12-06.)"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.extension.conftest import DICTIONARY, PageOpener
from tests.extension.test_marking import ARTICLE_MARKS
from tests.support.extension import (
    Extension,
    card_content,
    marked_texts,
    wait_for_card,
    wait_for_marks,
)
from tests.support.servers import Backend, free_port, running_backend

pytestmark = pytest.mark.browser

# A backend stricter than the defaults: short queries, one tool a card, two segments a
# request, and segments short enough that article.html's long paragraphs go in pieces (cut
# between words, and here between terms too, so every term is still found).
STRICT = {
    "GLOSSARY_MAX_QUERY_CHARS": "40",
    "GLOSSARY_CARD_TOOLS": "1",
    "GLOSSARY_MAX_SEGMENTS": "2",
    "GLOSSARY_MAX_SEGMENT_CHARS": "150",
}
RAG = "retrieval-augmented generation"  # 30 characters


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    log_dir = tmp_path_factory.mktemp("strict")
    with running_backend(
        DICTIONARY, log_dir=log_dir, extra_args=("--access-log",), env=STRICT
    ) as server:
        yield server


def _published(backend: Backend) -> dict[str, int]:
    with urllib.request.urlopen(f"{backend.url}/v1/limits", timeout=5) as reply:
        limits: dict[str, int] = json.load(reply)
    return limits


def _words(length: int) -> str:
    """Text of exactly `length` characters that names no term of the glossary."""
    text = ("quarterly planning notes " * (length // 10 + 1))[:length]
    return text if text[-1] != " " else f"{text[:-1]}s"


def _too_long(limit: int) -> str:
    return f"That's longer than the glossary's {limit}-character limit: shorten it."


def _too_long_selection(limit: int) -> str:
    return f"That's longer than the glossary's {limit}-character limit: select fewer words."


def _look_up(popup: Page, query: str) -> Locator:
    """Type `query` into the popup's search box and press Enter; returns the search's status
    line."""
    search = popup.get_by_role("searchbox", name="Look up a term")
    search.fill(query)
    search.press("Enter")
    return popup.locator("#search-status")


def _results(popup: Page) -> Locator:
    return popup.get_by_role("list", name="Matching terms").get_by_role("link")


def _requests(backend: Backend, request: str) -> list[str]:
    """The access log's lines for `request` ("GET /v1/limits"), each ending in its status."""
    return [line for line in backend.log().splitlines() if f'"{request}' in line]


def test_a_long_look_up_is_too_long_never_unreachable(
    extension: Extension, open_page: PageOpener, backend: Backend
) -> None:
    limit = _published(backend)["query_chars"]
    page, console = open_page("article.html")
    extension.wait_for_state(page, "done")
    popup = extension.open_popup(page)
    status = _look_up(popup, _words(150))
    if limit < 150:
        expect(status).to_have_text(_too_long(limit))
    else:
        expect(status).to_have_text(f"No term matches “{_words(150)}”.")
    expect(_results(popup)).to_have_count(0)
    # The next look-up is searched as usual.
    _look_up(popup, "vector")
    expect(_results(popup)).to_have_count(1)

    # The context menu on a selection as long that names no term: the same on its card,
    # without a link to a search that would be refused too.
    extension.explain(page, _words(limit + 1))
    wait_for_card(page)
    card = card_content(page)
    assert card["term"] == f"“{_words(79)}…”"  # the title shows the start of a long selection
    assert card["plain_english"] == _too_long_selection(limit)
    assert card["full"] is None
    assert not console.problems


def test_the_popup_follows_the_backends_query_limit(
    extension: Extension, open_page: PageOpener, strict: Backend
) -> None:
    extension.set_settings(backendUrl=strict.url)
    page, _ = open_page("plain.html")
    popup = extension.open_popup(page)
    expect(_look_up(popup, _words(60))).to_have_text(_too_long(40))
    _look_up(popup, RAG)
    expect(_results(popup)).to_have_count(1)
    expect(_results(popup).first).to_contain_text("Retrieval-augmented generation")
    expect(_look_up(popup, _words(41))).to_have_text(_too_long(40))
    expect(_look_up(popup, _words(40))).to_have_text(f"No term matches “{_words(40)}”.")
    # Refused by the limit the extension learned: the long queries never reached the backend.
    searched = _requests(strict, "GET /v1/search")
    assert len(searched) == 2 and all(line.endswith("200 OK") for line in searched), searched


def test_the_context_menu_follows_the_backends_limits(
    extension: Extension, open_page: PageOpener, strict: Backend
) -> None:
    extension.set_settings(backendUrl=strict.url)
    page, console = open_page("article.html")
    extension.wait_for_state(page, "done")
    # Longer than a query may be, but it holds a term: that term's card.
    selection = "Retrieval-augmented generation grounds answers in documents."
    assert len(selection) == 60
    extension.explain(page, selection)
    wait_for_card(page)
    assert card_content(page)["term"] == "Retrieval-augmented generation"
    page.keyboard.press("Escape")
    wait_for_card(page, is_open=False)
    # As long, and no term in it: too long to search.
    extension.explain(page, _words(60))
    wait_for_card(page)
    card = card_content(page)
    assert (card["term"], card["plain_english"]) == (f"“{_words(60)}”", _too_long_selection(40))
    page.keyboard.press("Escape")
    wait_for_card(page, is_open=False)
    # Found by the search: the term's card lists as many tools as the backend's cards do.
    extension.explain(page, "quantisation")
    wait_for_card(page)
    card = card_content(page)
    assert card["term"] == "Quantization"
    assert [tool["text"] for tool in card["tools"]] == ["llama.cpp"]
    assert not console.problems


def test_pages_go_in_batches_the_backend_accepts(
    extension: Extension, open_page: PageOpener, strict: Backend
) -> None:
    extension.set_settings(backendUrl=strict.url)
    before = len(_requests(strict, "POST /v1/annotate"))
    page, console = open_page("article.html")
    wait_for_marks(page, *ARTICLE_MARKS)
    assert extension.wait_for_state(page, "done")["marks"] == len(ARTICLE_MARKS)
    assert sorted(marked_texts(page), key=str.lower) == ARTICLE_MARKS
    # Two segments a request at most, each a piece of at most 150 characters: many requests,
    # every one accepted.
    sent = _requests(strict, "POST /v1/annotate")[before:]
    assert len(sent) >= 6
    assert all(line.endswith("200 OK") for line in sent), sent
    assert not console.problems


def test_limits_are_asked_once_per_backend(
    extension: Extension, open_page: PageOpener, tmp_path: Path
) -> None:
    with running_backend(DICTIONARY, log_dir=tmp_path, extra_args=("--access-log",)) as fresh:
        extension.set_settings(backendUrl=fresh.url)
        for name in ("plain.html", "article.html"):
            page, _ = open_page(name)
            extension.wait_for_state(page, "done")
        popup = extension.open_popup(page)
        _look_up(popup, "vector")
        expect(_results(popup)).to_have_count(1)
        assert len(_requests(fresh, "GET /v1/limits")) == 1


@pytest.mark.parametrize("where", ["popup", "context menu"])
def test_a_backend_back_with_a_lower_limit_is_followed(
    extension: Extension, open_page: PageOpener, tmp_path: Path, where: str
) -> None:
    """The backend at the same address restarts with a lower query limit: its 422 shows the
    same message as the limit the extension learned, with the new limit."""
    port = free_port()
    with running_backend(DICTIONARY, log_dir=tmp_path, port=port) as first:
        extension.set_settings(backendUrl=first.url)
        page, _ = open_page("plain.html")
        extension.wait_for_state(page, "done")  # the limits of this address are learned
    lower = {"GLOSSARY_MAX_QUERY_CHARS": "40"}
    query = _words(60)
    with running_backend(
        DICTIONARY, log_dir=tmp_path, port=port, extra_args=("--access-log",), env=lower
    ) as second:
        if where == "popup":
            popup = extension.open_popup(page)
            expect(_look_up(popup, query)).to_have_text(_too_long(40))
        else:
            extension.explain(page, query)
            wait_for_card(page)
            assert card_content(page)["plain_english"] == _too_long_selection(40)
        # Sent within the limit learned before; the backend's refusal is what said otherwise.
        searched = _requests(second, "GET /v1/search")
        assert len(searched) == 1 and "422" in searched[0], searched
