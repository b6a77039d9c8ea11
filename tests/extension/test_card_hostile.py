"""A page cannot restyle or spoof the card (issue 15, item 4). The attack that worked: page CSS
through `::part()` added text inside the card (`::part(plain)::after{content:...}`) and made
`::part(mute)` a transparent full-screen layer, so one click anywhere said "I know this term".
Now the card exports no part, resets at its host what it would inherit, keeps its styles
inside its closed root, and counts a click only from a person, on the visible control
itself."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import PageOpener
from tests.support.extension import (
    Extension,
    card_content,
    click_in_card,
    hover_mark,
    wait_for_card,
    wait_for_live_card,
    wait_for_marks,
)

pytestmark = pytest.mark.browser

# Every way in that page CSS has: parts, the host itself (every inherited property, with
# !important, and with more specificity than a bare tag), custom properties, and a font.
HOSTILE_CSS = """
ai-glossary-card::part(plain)::after, ai-glossary-card::part(card)::before,
ai-glossary-card::part(term)::after { content: "Call 0800 000 000 now" !important; }
ai-glossary-card::part(mute), ai-glossary-card::part(wrong), ai-glossary-card::part(pin),
ai-glossary-card::part(close) {
  position: fixed !important; inset: 0 !important; width: 100vw !important;
  height: 100vh !important; opacity: 0 !important; z-index: 2147483647 !important;
}
ai-glossary-card::part(card) { background: red !important; width: 100vw !important; }
html body ai-glossary-card, ai-glossary-card[hidden], ai-glossary-card:not([hidden]) {
  color: transparent !important; font-size: 40px !important; font-family: serif !important;
  line-height: 5 !important; letter-spacing: 12px !important; direction: rtl !important;
  text-transform: uppercase !important; visibility: hidden !important; cursor: none !important;
  --soft: red !important; --link: red !important; --chip: red !important;
  transform: scale(3) !important; filter: blur(4px) !important; display: inline !important;
}
"""

# What a reader sees of the card, read inside its closed root: each element's box and the
# styles that make it look as it does, and any generated content.
_LOOK = """function () {
  const look = (el) => {
    const s = getComputedStyle(el);
    const b = el.getBoundingClientRect();
    return [el.className, Math.round(b.width), Math.round(b.height), s.color, s.backgroundColor,
      s.fontSize, s.fontFamily, s.letterSpacing, s.direction, s.textTransform, s.visibility,
      s.opacity, s.position, getComputedStyle(el, "::before").content,
      getComputedStyle(el, "::after").content];
  };
  const host = getComputedStyle(this.host);
  return {
    host: [host.transform, host.filter, host.visibility, host.display, host.position],
    parts: [...this.querySelectorAll("*")].map(look),
  };
}"""


def _look(page: Page) -> dict[str, Any]:
    look: dict[str, Any] = _in_card(page, _LOOK)
    return look


def _in_card(page: Page, function: str) -> Any:
    """Call `function` with the open card's closed shadow root as `this` (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        host = _open_host(document["root"])
        assert host, "no open card"
        shadow = cdp.send(
            "DOM.resolveNode", {"backendNodeId": host["shadowRoots"][0]["backendNodeId"]}
        )
        reply = cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": shadow["object"]["objectId"],
                "functionDeclaration": function,
                "returnByValue": True,
            },
        )
        assert "exceptionDetails" not in reply, reply
        return reply["result"].get("value")
    finally:
        cdp.detach()


def _open_host(node: dict[str, Any]) -> dict[str, Any] | None:
    if (
        node.get("nodeName") == "AI-GLOSSARY-CARD"
        and "hidden" not in node.get("attributes", [])[::2]
    ):
        return node
    for child in node.get("children", []):
        found = _open_host(child)
        if found:
            return found
    return None


def _open_card(page: Page, text: str) -> dict[str, Any]:
    """Hover a term until its card is open, shown in full."""
    page.emulate_media(reduced_motion="reduce")  # no fade-in to wait for
    hover_mark(page, text)
    return wait_for_live_card(page, text.capitalize())


def _settled(extension: Extension, script: str) -> dict[str, Any]:
    """Wait until the stored settings and count satisfy `script` (polled in the browser);
    returns them, as {sync, local}."""
    read = (
        "async () => ({sync: await chrome.storage.sync.get(null),"
        " local: await chrome.storage.local.get(null)})"
    )
    extension.control.wait_for_function(f"async () => ({script})(await ({read})())", polling=50)
    stored: dict[str, Any] = extension.control.evaluate(read)
    return stored


def test_page_css_cannot_restyle_the_card_or_turn_a_click_into_a_mute(
    extension: Extension, open_page: PageOpener
) -> None:
    page, console = open_page("article.html")
    page.bring_to_front()
    wait_for_marks(page, "hallucination", "embedding")
    _open_card(page, "hallucination")
    before = _look(page)
    page.keyboard.press("Escape")
    wait_for_card(page, is_open=False)

    page.add_style_tag(content=HOSTILE_CSS)
    card = _open_card(page, "hallucination")
    assert card["term"] == "Hallucination"
    # The same card, element for element and style for style, with no text added.
    assert _look(page) == before
    assert all(part[-2:] == ["none", "none"] for part in before["parts"])
    # The card's buttons are where the card is, not over the page.
    for button in card["buttons"].values():
        assert card["box"]["left"] <= button["left"] <= button["right"] <= card["box"]["right"]
        assert card["box"]["top"] <= button["top"] <= button["bottom"] <= card["box"]["bottom"]
    page.keyboard.press("Escape")
    wait_for_card(page, is_open=False)

    # A click elsewhere on the page, where the spoofed layer of the "embedding" card was,
    # mutes nothing; then the real button of another card, under the same CSS, does.
    _open_card(page, "embedding")
    page.mouse.click(5, 5)
    card = _open_card(page, "hallucination")
    click_in_card(page, "mute", card)
    stored = _settled(extension, "(s) => (s.sync.muted ?? []).length > 0")
    assert [m["slug"] for m in stored["sync"]["muted"]] == ["hallucination"]
    assert not console.problems


def test_a_click_counts_only_from_a_person_on_the_visible_control(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    page.bring_to_front()
    wait_for_marks(page, "hallucination")
    card = _open_card(page, "hallucination")

    # A script's click (untrusted) on each control counts for nothing, and the card stays.
    _in_card(page, "function () { for (const b of this.querySelectorAll('button')) b.click(); }")
    assert (card_content(page)["term"], card_content(page)["pinned"]) == ("Hallucination", False)
    # A layer the page lays over the card takes the click: the control does not get it.
    page.evaluate(
        """() => {
          const layer = document.createElement("div");
          layer.id = "layer";
          layer.style.cssText = "position:fixed;inset:0;z-index:2147483647";
          document.documentElement.append(layer);
        }"""
    )
    click_in_card(page, "wrong", card)
    assert card_content(page)["term"] == "Hallucination"
    page.evaluate("() => document.getElementById('layer').remove()")
    # A card the page made invisible (opacity 0 on the root) takes no click.
    page.add_style_tag(content="html { opacity: 0 !important; }")
    click_in_card(page, "wrong", card)
    assert card_content(page)["term"] == "Hallucination"

    # The same click, by a person, on the control as shown: it counts, once.
    page.evaluate("() => document.querySelector('style:last-of-type').remove()")
    click_in_card(page, "wrong", card)
    wait_for_card(page, is_open=False)
    stored = _settled(
        extension, "(s) => (s.sync.siteMuted ?? []).length > 0 && s.local.senseReports"
    )
    assert stored["sync"].get("muted", []) == []
    assert [m["slug"] for m in stored["sync"]["siteMuted"]] == ["hallucination"]
    assert [line["count"] for line in stored["local"]["senseReports"]] == [1]
