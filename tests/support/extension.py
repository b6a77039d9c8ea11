"""Driving the loaded extension from tests: its settings, its pages, the marks and the card.

Settings and tab queries go through an extension page (the options page), which has the
extension's APIs; the marks are read from the page's highlight registry and the card from
its closed shadow root through the DevTools protocol, so the extension needs no test hooks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, Page

HIGHLIGHT = "ai-glossary-term"
CARD_TAG = "ai-glossary-card"

# The marks of a page as the page itself sees them: each range's text, box and container.
_MARKS = """(name) => {
  const highlight = CSS.highlights.get(name);
  if (!highlight) return [];
  return [...highlight].map((range) => {
    const box = range.getBoundingClientRect();
    const first = range.getClientRects()[0] ?? box;
    const parent = range.commonAncestorContainer;
    const element = parent.nodeType === Node.ELEMENT_NODE ? parent : parent.parentElement;
    return {
      text: range.toString().replace(/\\s+/g, " "),
      container: element.closest("[id]")?.id ?? "",
      box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
      first: {left: first.left, top: first.top, right: first.right, bottom: first.bottom},
    };
  });
}"""

_CARD_OPEN = "(tag) => { const host = document.querySelector(tag); return !!host && !host.hidden; }"

# Read inside the card's shadow root (`this`), resolved through the DevTools protocol.
_CARD = """function () {
  const text = (selector) => this.querySelector(selector)?.textContent ?? "";
  const link = (a) => ({text: a.textContent, href: a.href, target: a.target, rel: a.rel});
  const box = this.querySelector(".card").getBoundingClientRect();
  return {
    term: text(".term"),
    plain_english: text(".plain"),
    definition: text(".definition"),
    tools: [...this.querySelectorAll(".tools a")].map(link),
    full: link(this.querySelector("a.full")),
    box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
  };
}"""


@dataclass
class Extension:
    """The extension loaded in a Chromium context, with an extension page to act through."""

    context: BrowserContext
    id: str
    control: Page = field(init=False)

    def __post_init__(self) -> None:
        self.control = self.context.new_page()
        self.control.goto(self.url("options/options.html"))

    @classmethod
    def attach(cls, context: BrowserContext, timeout: float = 10.0) -> Extension:
        workers = context.service_workers
        worker = (
            workers[0]
            if workers
            else context.wait_for_event("serviceworker", timeout=timeout * 1000)
        )
        return cls(context, worker.url.split("/")[2])

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.id}/{path}"

    def reset_settings(self, **values: Any) -> None:
        self.control.evaluate(
            "async (values) => { await chrome.storage.sync.clear(); "
            "await chrome.storage.sync.set(values); }",
            values,
        )

    def set_settings(self, **values: Any) -> None:
        self.control.evaluate("(values) => chrome.storage.sync.set(values)", values)

    def settings(self) -> dict[str, Any]:
        result: dict[str, Any] = self.control.evaluate("() => chrome.storage.sync.get(null)")
        return result

    def tab_id(self, page: Page) -> int:
        tab_id: int | None = self.control.evaluate(
            "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id",
            page.url,
        )
        assert tab_id is not None, f"no tab shows {page.url}"
        return tab_id

    def page_status(self, page: Page) -> dict[str, Any]:
        """The content script's own answer to the popup's pageStatus message."""
        reply: dict[str, Any] = self.control.evaluate(
            "(id) => chrome.tabs.sendMessage(id, {action: 'pageStatus', payload: null})",
            self.tab_id(page),
        )
        assert "result" in reply, reply
        result: dict[str, Any] = reply["result"]
        return result

    def wait_for_state(self, page: Page, *states: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                status = self.page_status(page)
                if status["state"] in states:
                    return status
            except Exception:  # the content script may not be listening yet
                status = {}
            if time.monotonic() > deadline:
                raise AssertionError(f"page never reached {states}: last status {status}")
            time.sleep(0.05)

    def open_popup(self, page: Page) -> Page:
        popup = self.context.new_page()
        popup.goto(self.url(f"popup/popup.html?tab={self.tab_id(page)}"))
        return popup


def marks(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(_MARKS, HIGHLIGHT)
    return result


def marked_texts(page: Page) -> list[str]:
    return [mark["text"] for mark in marks(page)]


def wait_for_marks(page: Page, *texts: str, timeout: float = 10.0) -> list[str]:
    """Wait until every text in `texts` is marked; returns all marked texts."""
    deadline = time.monotonic() + timeout
    while True:
        found = marked_texts(page)
        if all(text in found for text in texts):
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"never marked {set(texts) - set(found)}; marked: {found}")
        time.sleep(0.05)


def mark_box(page: Page, text: str, part: str = "box") -> dict[str, float]:
    """The box of a marked term (`part="first"`: of its first line only)."""
    for mark in marks(page):
        if mark["text"] == text:
            box: dict[str, float] = mark[part]
            return box
    raise AssertionError(f"{text!r} is not marked")


def hover_mark(page: Page, text: str) -> dict[str, float]:
    """Rest the pointer on a marked term (on its first line); returns the term's box."""
    first = mark_box(page, text, "first")
    x = (first["left"] + first["right"]) / 2
    y = (first["top"] + first["bottom"]) / 2
    page.mouse.move(x - 30, y + 40)
    page.mouse.move(x, y, steps=4)
    return mark_box(page, text)


def card_is_open(page: Page) -> bool:
    is_open: bool = page.evaluate(_CARD_OPEN, CARD_TAG)
    return is_open


def wait_for_card(page: Page, is_open: bool = True, timeout: float = 5.0) -> None:
    expression = _CARD_OPEN if is_open else f"(tag) => !({_CARD_OPEN})(tag)"
    page.wait_for_function(expression, arg=CARD_TAG, timeout=timeout * 1000)


def card_content(page: Page) -> dict[str, Any]:
    """What the open card shows, read inside its closed shadow root."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        host = _find(document["root"], CARD_TAG.upper())
        assert host and host.get("shadowRoots"), "the card has no shadow root"
        shadow = host["shadowRoots"][0]
        assert shadow["shadowRootType"] == "closed"
        handle = cdp.send("DOM.resolveNode", {"backendNodeId": shadow["backendNodeId"]})
        reply = cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": handle["object"]["objectId"],
                "functionDeclaration": _CARD,
                "returnByValue": True,
            },
        )
        content: dict[str, Any] = reply["result"]["value"]
        return content
    finally:
        cdp.detach()


def _find(node: dict[str, Any], name: str) -> dict[str, Any] | None:
    if node.get("nodeName") == name:
        return node
    for child in node.get("children", []):
        found = _find(child, name)
        if found:
            return found
    return None
