"""Accessibility of the marks and the card (issue 7): axe-core finds no serious or critical
violation in the card, in the light and the dark scheme; the card is a named dialog; it
honours reduced motion and forced colours; marks keep 3:1 contrast on light and dark pages.

How the card is scanned: it lives in a closed shadow root, which axe-core (running in the
page) cannot enter, and the shipped code has no test-only open mode. So the test reads the
open card's rendered markup inside its closed root through the DevTools protocol (as every
card test does), copies it verbatim into an open shadow root of a blank page that carries
the card's own styles (read from inside its closed root, where they live), and scans that
copy with axe-core. The copy has the card's elements, attributes, roles,
ids, inline position and styles; only the page around it is blank."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.extension.conftest import PageOpener
from tests.support.axe import blocking, require_axe
from tests.support.extension import (
    Extension,
    card_content,
    hover_mark,
    wait_for_card,
    wait_for_marks,
)

pytestmark = pytest.mark.browser

_COPY = """([markup, css]) => {
  document.documentElement.lang = "en";
  document.title = "The card, copied for a scan";
  const host = document.createElement("ai-glossary-card");
  document.body.append(host);
  const root = host.attachShadow({mode: "open"});
  root.innerHTML = markup;
  const style = document.createElement("style");
  style.textContent = css;
  root.prepend(style);
}"""

_SCAN = """async () => (await axe.run(
  {include: [["ai-glossary-card"]]}, {resultTypes: ["violations"]})).violations"""

# The style of one part of the open card, read in its closed root (`this`) over CDP.
_PART_STYLE = """function (name, property) {
  return getComputedStyle(this.querySelector(`.${name}`))[property];
}"""


def _scan_copy(page: Page, markup: str, css: str, scheme: str) -> list[dict[str, Any]]:
    copy = page.context.new_page()
    try:
        copy.emulate_media(color_scheme=scheme, reduced_motion="reduce")  # no fade to wait for
        copy.set_content("<!doctype html><title>x</title><main><h1>Card</h1></main>")
        copy.evaluate(_COPY, [markup, css])
        copy.evaluate(require_axe())
        violations: list[dict[str, Any]] = copy.evaluate(_SCAN)
        return violations
    finally:
        copy.close()


def _part_style(page: Page, part: str, prop: str) -> str:
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        shadow = _shadow_of_open_card(cdp, document["root"])
        handle = cdp.send("DOM.resolveNode", {"backendNodeId": shadow})
        reply = cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": handle["object"]["objectId"],
                "functionDeclaration": _PART_STYLE,
                "arguments": [{"value": part}, {"value": prop}],
                "returnByValue": True,
            },
        )
        value: str = reply["result"]["value"]
        return value
    finally:
        cdp.detach()


def _shadow_of_open_card(cdp: Any, node: dict[str, Any]) -> int:
    if node.get("nodeName") == "AI-GLOSSARY-CARD":
        attributes = node.get("attributes", [])
        if "hidden" not in attributes[::2]:
            backend: int = node["shadowRoots"][0]["backendNodeId"]
            return backend
    for child in node.get("children", []):
        try:
            return _shadow_of_open_card(cdp, child)
        except LookupError:
            continue
    raise LookupError("no open card")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_the_card(
    extension: Extension, open_page: PageOpener, scheme: str
) -> None:
    page, _ = open_page("article.html")
    page.emulate_media(color_scheme=scheme)
    wait_for_marks(page, "large language model")
    hover_mark(page, "large language model")
    wait_for_card(page)
    card = card_content(page)
    assert card["tools"] and card["full"], "scan a card with every kind of content"
    assert ".card" in card["css"], "the copy carries the card's own styles"
    violations = _scan_copy(page, card["markup"], card["css"], scheme)
    assert not blocking(violations), blocking(violations)
    # The copy is what axe saw: the colour-contrast rule had the card's text to check.
    assert "Large language model" in card["markup"]


def test_card_is_a_named_dialog_announced_when_it_takes_focus(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "post-training")
    extension.wait_for_state(page, "done")
    extension.command(page, "next-term")
    wait_for_card(page)
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    dialogs = [node for node in nodes if node.get("role", {}).get("value") == "dialog"]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog["name"]["value"] == "Large language model"
    assert dialog["description"]["value"].startswith("An AI system that has read")
    properties = {p["name"]: p["value"].get("value") for p in dialog.get("properties", [])}
    assert properties.get("focused") is True  # a screen reader announces it on focus


def test_reduced_motion_and_forced_colors(extension: Extension, open_page: PageOpener) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "hallucination")
    hover_mark(page, "hallucination")
    wait_for_card(page)
    assert _part_style(page, "card", "animationName") != "none"
    page.emulate_media(reduced_motion="reduce")
    assert _part_style(page, "card", "animationName") == "none"
    # Forced colours: the system's colours, and a border instead of the (dropped) shadow.
    page.emulate_media(forced_colors="active")
    assert _part_style(page, "card", "borderTopWidth") == "2px"
    assert _part_style(page, "card", "backgroundColor") in ("rgb(255, 255, 255)", "rgb(0, 0, 0)")
    decoration = page.evaluate(
        "getComputedStyle(document.getElementById('split'), "
        "'::highlight(ai-glossary-term)').textDecorationColor"
    )
    assert decoration != "rgb(26, 115, 232)"  # LinkText, not our blue


def _luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("name", "container"), [("article.html", "split"), ("dark.html", "dark")])
def test_marks_stand_out_on_light_and_dark_pages(
    extension: Extension, open_page: PageOpener, scheme: str, name: str, container: str
) -> None:
    page, _ = open_page(name)
    page.emulate_media(color_scheme=scheme)
    wait_for_marks(page, "large language model")
    colors = page.evaluate(
        """(id) => {
          const mark = getComputedStyle(
            document.getElementById(id), '::highlight(ai-glossary-term)');
          let el = document.getElementById(id), background = 'rgba(0, 0, 0, 0)';
          for (; el && background === 'rgba(0, 0, 0, 0)'; el = el.parentElement) {
            background = getComputedStyle(el).backgroundColor;
          }
          return {mark: mark.textDecorationColor, background: background === 'rgba(0, 0, 0, 0)'
            ? 'rgb(255, 255, 255)' : background, line: mark.textDecorationLine};
        }""",
        container,
    )
    assert colors["line"] == "underline"
    # WCAG 1.4.11 (non-text contrast): 3:1 against the page behind the text.
    assert _contrast(colors["mark"], colors["background"]) >= 3.0, colors
