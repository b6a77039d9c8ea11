"""Two glossaries switched on and off (issue 8): the backend serves the e2e AI glossary and
a company's own (tests/fixtures/dictionaries/company), in that order. The options page
lists both with a switch each; pages are marked with the glossaries switched on; the card
says which glossary a term comes from; where both claim a form ("RAG"), the first wins."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.extension.conftest import DICTIONARY, FIXTURES, PageOpener
from tests.support.extension import (
    HIGHLIGHT,
    Extension,
    hover_mark,
    marked_texts,
    wait_for_live_card,
)
from tests.support.servers import Backend, running_backend

pytestmark = pytest.mark.browser

COMPANY = FIXTURES / "dictionaries" / "company"
AI = "End-to-end test glossary"
ACME = "Acme company glossary"


@pytest.fixture(scope="module")
def two_glossaries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    log_dir = tmp_path_factory.mktemp("two-glossaries")
    args = ("--dictionary", str(DICTIONARY), "--dictionary", str(COMPANY))
    with running_backend(None, log_dir=log_dir, extra_args=args) as server:
        yield server


def _wait_marked(page: Page, expected: set[str], timeout: float = 5.0) -> None:
    with contextlib.suppress(PlaywrightTimeoutError):  # the assertion below says what differs
        page.wait_for_function(
            "([name, expected]) => { const found = new Set([...CSS.highlights.get(name) ?? []]"
            ".map((r) => r.toString().replace(/\\s+/g, ' ')));"
            " return found.size === expected.length && expected.every((t) => found.has(t)); }",
            arg=[HIGHLIGHT, sorted(expected)],
            polling=50,
            timeout=timeout * 1000,
        )
    assert set(marked_texts(page)) == expected


def _card_of(page: Page, text: str, term: str) -> str:
    page.mouse.move(5, 5)
    hover_mark(page, text)
    source: str = wait_for_live_card(page, term)["source"]
    return source


def test_glossaries_switched_on_and_off(
    extension: Extension, open_page: PageOpener, two_glossaries: Backend
) -> None:
    extension.set_settings(backendUrl=two_glossaries.url)
    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    rows = options.locator("#glossaries li")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(AI)
    expect(rows.nth(1)).to_contain_text(ACME)
    ai_switch = options.get_by_role("switch", name=AI)
    acme_switch = options.get_by_role("switch", name=ACME)
    expect(ai_switch).to_be_checked()
    expect(acme_switch).to_be_checked()

    page, console = open_page("company.html")
    # Both on: the company's terms and the AI glossary's; "RAG" is the AI glossary's, listed
    # first.
    _wait_marked(page, {"QBR", "Customer 360", "RAG", "large language model"})
    assert _card_of(page, "RAG", "Retrieval-augmented generation") == f"From {AI}"
    assert _card_of(page, "QBR", "Quarterly business review") == f"From {ACME}"

    # The AI glossary off: its terms go, and "RAG" is the company's.
    ai_switch.click()
    assert extension.settings()["disabledGlossaries"] == ["e2e"]
    _wait_marked(page, {"QBR", "Customer 360", "RAG"})
    assert _card_of(page, "RAG", "RAG status") == f"From {ACME}"

    # Both off: nothing is marked. Both on again: everything is back.
    acme_switch.click()
    _wait_marked(page, set())
    ai_switch.click()
    acme_switch.click()
    assert extension.settings()["disabledGlossaries"] == []
    _wait_marked(page, {"QBR", "Customer 360", "RAG", "large language model"})
    assert not console.problems
