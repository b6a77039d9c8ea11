"""The card never hides the line being read (issue 16): it goes above or below the term
with the term's whole line box visible (the line's height, not just the glyphs), flips at
the viewport's top and bottom edges, and stays inside the viewport, on a wide screen and a
phone's. The placement itself is unit-tested in unit/placement.test.mjs."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import PageOpener
from tests.support.extension import (
    Extension,
    hover_mark,
    mark_box,
    wait_for_live_card,
    wait_for_marks,
)

pytestmark = pytest.mark.browser

TERMS = {
    "hallucination": "Hallucination",
    "large language model": "Large language model",
    "fine-tuning": "Fine-tuning",
}

# The line boxes of a marked term, measured by the page: each of its lines, as high as the
# line-height of the text around it, centred on the glyphs.
_LINES = """(text) => {
  const range = [...CSS.highlights.get("ai-glossary-term")].find(
    (r) => r.toString().replace(/\\s+/g, " ") === text);
  const element = range.startContainer.parentElement;
  const height = parseFloat(getComputedStyle(element).lineHeight);
  return [...range.getClientRects()].map((box) => {
    const middle = (box.top + box.bottom) / 2;
    return {top: middle - height / 2, bottom: middle + height / 2};
  });
}"""


_NEAR = """(text) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.data.replace(/\\s+/g, " ").includes(text)) {
      node.parentElement.scrollIntoView({block: "center"});
      return;
    }
  }
}"""


def _scroll_to(page: Page, text: str, where: str) -> None:
    # Only marks near the viewport are painted (content/marks.js): go there first.
    page.evaluate(_NEAR, text)
    wait_for_marks(page, text)
    box = mark_box(page, text)
    height = page.evaluate("innerHeight")
    target = 12 if where == "top" else height - 12 - (box["bottom"] - box["top"])
    page.evaluate("(by) => window.scrollBy(0, by)", box["top"] - target)


def _card_on(page: Page, text: str) -> tuple[dict[str, Any], list[dict[str, float]]]:
    page.mouse.move(2, 2)
    hover_mark(page, text)
    card = wait_for_live_card(page, TERMS[text])
    return card["box"], page.evaluate(_LINES, text)


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 640)])
def test_the_card_leaves_the_terms_line_visible(
    extension: Extension, open_page: PageOpener, width: int, height: int
) -> None:
    page, console = open_page("article.html")
    page.set_viewport_size({"width": width, "height": height})
    extension.wait_for_state(page, "done")
    sides = set()
    for text in TERMS:
        for where in ("top", "bottom"):
            _scroll_to(page, text, where)
            box, lines = _card_on(page, text)
            for line in lines:
                assert box["bottom"] <= line["top"] or box["top"] >= line["bottom"], (
                    f"the card on {text!r} ({where}, {width} px) covers its line: {box} {line}"
                )
            assert box["left"] >= 0 and box["right"] <= width, box
            assert box["top"] >= 0 and box["bottom"] <= height, box
            sides.add("below" if box["top"] >= lines[-1]["bottom"] else "above")
            page.keyboard.press("Escape")
    assert sides == {"above", "below"}, "the card flips at the viewport's edges"
    assert not console.problems
