"""Marks stay off the glossary's own pages and out of the way of the page's links (issue 16).

The backend's pages carry `<meta name="ai-glossary" content="own-page">` (its base
template); the content script looks for that marker, not for an address, which differs
behind a proxy. Inside the page's links (only with "Mark terms inside links"), marks are a
faint tint, without a second underline to fight the link's."""

from __future__ import annotations

import pytest
from playwright.sync_api import Route, expect

from tests.extension.conftest import PAGES, PageOpener
from tests.support.extension import (
    LINK_HIGHLIGHT,
    Extension,
    marked_texts,
    marks,
    wait_for_marks,
)
from tests.support.servers import Backend

pytestmark = pytest.mark.browser

MARKER = '<meta name="ai-glossary" content="own-page">'


@pytest.mark.parametrize("path", ["/terms/large-language-model", "/terms", "/search?q=rag"])
def test_the_backends_pages_are_never_marked(
    extension: Extension, backend: Backend, path: str
) -> None:
    page = extension.context.new_page()
    page.goto(backend.url + path)
    assert MARKER in page.content()
    status = extension.wait_for_state(page, "own")
    assert status["marks"] == 0 and marked_texts(page) == []
    popup = extension.open_popup(page)
    expect(popup.locator("#status")).to_contain_text("one of the glossary's own pages")


def test_the_marker_not_the_address_tells(extension: Extension, site: str) -> None:
    """The article, served with the marker from the fixture site (as behind a proxy)."""
    article = (PAGES / "article.html").read_text(encoding="utf-8")
    marked = article.replace("<head>", f"<head>{MARKER}", 1)

    def serve(route: Route) -> None:
        route.fulfill(body=marked, content_type="text/html; charset=utf-8")

    page = extension.context.new_page()
    page.route(f"{site}/own/article.html", serve)
    page.goto(f"{site}/own/article.html")
    assert extension.wait_for_state(page, "own")["marks"] == 0
    plain = extension.context.new_page()
    plain.goto(f"{site}/article.html")  # the same text without the marker is marked
    wait_for_marks(plain, "large language model")


def test_marks_inside_links_are_a_tint_not_a_second_underline(
    extension: Extension, open_page: PageOpener
) -> None:
    extension.set_settings(markLinks=True)
    page, console = open_page("rewrite.html")
    wait_for_marks(page, "RAG", "hallucination")
    painted = {mark["text"]: mark["highlight"] for mark in marks(page)}
    assert painted["RAG"] == LINK_HIGHLIGHT  # "RAG" is the text of a link
    assert painted["hallucination"] != LINK_HIGHLIGHT
    styles = page.evaluate(
        """() => {
          const style = (id, name) => getComputedStyle(document.getElementById(id),
            `::highlight(${name})`);
          const link = style("guide", "ai-glossary-link");
          const text = style("linked", "ai-glossary-term");
          return {linkLine: link.textDecorationLine, linkTint: link.backgroundColor,
                  textLine: text.textDecorationLine};
        }"""
    )
    assert styles["linkLine"] == "none"  # the link's own underline stays alone
    assert styles["linkTint"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert styles["textLine"] == "underline"
    assert not console.problems
