"""Marking: which text is marked, and that pages keep working (checks 1, 3 and 5 of issue 3)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import PageOpener
from tests.support.browsers import EXTENSION
from tests.support.extension import Extension, marks, wait_for_marks

pytestmark = pytest.mark.browser

# Every term of the e2e dictionary that article.html holds, each marked once (the default
# "first occurrence only"), in the form it first takes on the page.
ARTICLE_MARKS = [
    "agent",
    "context window",
    "embedding",
    "fine-tuning",
    "hallucination",
    "large language model",
    "post-training",
    "prompt injection",
    "Quantization",
    "retrieval-augmented generation",
    "token",
    "vector database",
]


def test_terms_on_an_article_are_marked(extension: Extension, open_page: PageOpener) -> None:
    page, console = open_page("article.html")
    # "post-training" is in a paragraph the page's script adds after load.
    wait_for_marks(page, *ARTICLE_MARKS)
    assert extension.wait_for_state(page, "done")["marks"] == len(ARTICLE_MARKS)
    found = marks(page)
    assert sorted((m["text"] for m in found), key=str.lower) == ARTICLE_MARKS
    where = {m["text"]: m["container"] for m in found}
    assert where["large language model"] == "split"  # "large <b>language</b> model"
    assert where["post-training"] == "late"
    # The page's DOM is not touched: no element was added around any term.
    assert page.evaluate("document.querySelectorAll('#split *').length") == 1
    assert not console.problems


def test_nothing_is_marked_in_fields_code_or_hidden_text(
    extension: Extension, open_page: PageOpener
) -> None:
    extension.set_settings(firstOnly=False)
    page, console = open_page("excluded.html")
    wait_for_marks(page, "large language model", "prompt injection", "embedding")
    extension.wait_until_marked(page)
    found = marks(page)
    # Only the two ordinary paragraphs hold marks: not the input, textarea, button, select,
    # contenteditable region, code, pre, script, style, noscript, hidden and invisible
    # paragraphs or SVG text, although they are full of terms (password fields: test_private).
    assert {m["container"] for m in found} == {"control", "tail"}
    assert sorted(m["text"] for m in found) == [
        "embedding",
        "embedding",
        "large language model",
        "prompt injection",
        "prompt injection",
        "quantization",
    ]
    # Hidden text is read once the page reveals it (an expanding section).
    page.evaluate("document.getElementById('hidden').hidden = false")
    wait_for_marks(page, "hallucination", "vector database")
    assert not console.problems


def test_a_page_that_rewrites_marked_text_keeps_working(
    extension: Extension, open_page: PageOpener
) -> None:
    extension.set_settings(markLinks=True)  # "RAG" is a link's text
    page, console = open_page("rewrite.html")
    wait_for_marks(page, "large language model", "fine-tuning", "RAG")
    page.click("#rewrite")  # the page's own handler rewrites two marked paragraphs
    expected = page.evaluate("window.expected")
    assert page.text_content("#status") == expected["status"]
    assert page.text_content("#feed") == expected["feed"]
    # The script still owns the node it wrote to, and its text is the page's text.
    assert page.evaluate("document.getElementById('status').childNodes.length") == 1
    # Old marks go with the old text; the new text is marked.
    found = wait_for_marks(page, "context window", "vector database")
    assert "large language model" not in found
    assert "fine-tuning" not in found
    # The page's links, handlers and selection work on marked text.
    page.click("#guide")
    assert page.text_content("#clicks") == "1"
    assert page.evaluate("location.hash") == "#rag-guide"
    selected = page.evaluate(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.getElementById("linked"));
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          return getSelection().toString();
        }"""
    )
    assert selected.split() == (page.text_content("#linked") or "").split()
    assert not console.problems


def _runs_page(page: Page) -> None:
    page.set_content("<p id='p'></p>")
    page.add_script_tag(path=EXTENSION / "content" / "runs.js")


def test_offsets_map_back_to_the_original_nodes(extension: Extension) -> None:
    """content/runs.js on its own: UTF-16 offsets over joined nodes become Ranges."""
    page = extension.context.new_page()
    _runs_page(page)
    result = page.evaluate(
        """() => {
          const p = document.getElementById("p");
          const b = document.createElement("b");
          b.textContent = "language";
          const nodes = [new Text("😀 a large "), b.firstChild, new Text(""), new Text(" model.")];
          p.append(nodes[0], b, nodes[2], nodes[3]);
          const run = new TextRun(nodes);
          const at = (phrase) => {
            const start = run.text.indexOf(phrase);
            const range = run.rangeOf(start, start + phrase.length);
            return [range.toString(), nodes.indexOf(range.startContainer), range.startOffset,
                    nodes.indexOf(range.endContainer), range.endOffset];
          };
          const results = {
            text: run.text,
            phrase: at("large language model"),
            first: at("large"),
            middle: at("language"),
            last: at("model"),
            outside: run.rangeOf(5, 99) === null && run.rangeOf(3, 3) === null,
            current: run.isCurrent(),
          };
          nodes[3].data = " model!";
          results.stale = !run.isCurrent();
          return results;
        }"""
    )
    assert result["text"] == "😀 a large language model."
    # The emoji is two UTF-16 code units: "large" starts at 5, as the backend counts.
    assert result["phrase"] == ["large language model", 0, 5, 3, 6]
    assert result["first"] == ["large", 0, 5, 0, 10]  # ends in its own node
    assert result["middle"] == ["language", 1, 0, 1, 8]  # starts in its own node
    assert result["last"] == ["model", 3, 1, 3, 6]
    assert result["outside"] and result["current"] and result["stale"]
