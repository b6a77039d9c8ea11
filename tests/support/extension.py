"""Driving the loaded extension from tests: its settings, its pages, the marks and the card.

Settings and tab queries go through an extension page (the options page), which has the
extension's APIs; the marks are read from the page's highlight registry and the card from
its closed shadow root through the DevTools protocol, so the extension needs no test hooks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

HIGHLIGHT = "ai-glossary-term"
LINK_HIGHLIGHT = "ai-glossary-link"  # marks inside the page's links
PAINTED = [HIGHLIGHT, LINK_HIGHLIGHT]
CARD_TAG = "ai-glossary-card"

# The marks of a page as the page itself sees them: each range's text, box and container.
_MARKS = """(names) => {
  const ranges = names.flatMap((name) => [...(CSS.highlights.get(name) ?? [])]
    .map((range) => [range, name]));
  return ranges.map(([range, name]) => {
    const box = range.getBoundingClientRect();
    const first = range.getClientRects()[0] ?? box;
    const parent = range.commonAncestorContainer;
    const element = parent.nodeType === Node.ELEMENT_NODE ? parent : parent.parentElement;
    return {
      text: range.toString().replace(/\\s+/g, " "),
      highlight: name,
      container: element.closest("[id]")?.id ?? "",
      box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
      first: {left: first.left, top: first.top, right: first.right, bottom: first.bottom},
    };
  });
}"""

# The marks' text as the page sees them, and whether a page's status is one of some states.
_STATE_IN = """async ([id, states, timeout]) => {
  const ask = () => chrome.tabs.sendMessage(id, {action: "pageStatus", payload: null})
    .catch((error) => ({error: String(error)}));  // the content script may not be listening yet
  const until = performance.now() + timeout;
  for (;;) {
    const reply = await ask();
    if (states.includes(reply?.result?.state)) return {status: reply.result};
    if (performance.now() > until) return {last: reply};
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}"""
NEXT_FRAME = "() => new Promise((resolve) => requestAnimationFrame(() => resolve(true)))"

_CARD_OPEN = "(tag) => [...document.querySelectorAll(tag)].some((host) => !host.hidden)"

# Read inside one card's closed shadow root (`this`), resolved through the DevTools protocol.
# Elements are found by their class names, as the card's own styles name them.
_CARD = """function () {
  const part = (name) => this.querySelector(`.${name}`);
  const shown = (name) => { const el = part(name); return !!el && !el.hidden; };
  const text = (name) => (shown(name) ? part(name).textContent : "");
  const link = (a) => ({text: a.textContent, href: a.href, target: a.target, rel: a.rel});
  const box = (el) => {
    const b = el.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom};
  };
  const card = part("card");
  const focused = this.activeElement;
  return {
    open: !this.host.hidden,
    pinned: !shown("pin"),
    term: text("term"),
    source: text("source"),
    plain_english: text("plain"),
    definition: text("definition"),
    tools: [...this.querySelectorAll(".tool")].map(link),
    full: shown("full") ? link(part("full")) : null,
    buttons: Object.fromEntries(["pin", "close", "mute", "wrong"].filter(shown).map(
      (name) => [name, {...box(part(name)), label: part(name).getAttribute("aria-label")
        ?? part(name).textContent}])),
    role: card.getAttribute("role"),
    focused: focused ? focused.className : null,
    markup: card.outerHTML,
    // The card's own styles, inside its root: adopted, or a <style> element.
    css: [...this.adoptedStyleSheets, ...[...this.querySelectorAll("style")].map((s) => s.sheet)]
      .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join("\\n"),
    box: box(card),
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
        """Clear every setting, then store `values` in the current layout, as the extension
        does (its own `SETTINGS_SCHEMA`, read in its page, unless `values` names one). Stored
        without a schema they would look like an earlier layout, and the worker's one-time
        upgrade on install could rewrite them under a test's next change."""
        self.control.evaluate(
            "async (values) => { await chrome.storage.sync.clear(); "
            "await chrome.storage.local.clear(); "
            "await chrome.storage.sync.set({schema: SETTINGS_SCHEMA, ...values}); }",
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
        if tab_id is None:
            # Without the "tabs" permission, only pages on the host permissions show their
            # address: any other page is found as the active tab.
            page.bring_to_front()
            tab_id = self.control.evaluate(
                "async () => (await chrome.tabs.query({active: true, lastFocusedWindow: true}))"
                "[0]?.id"
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
        """Wait until the content script reports one of `states` (polled in the browser)."""
        tab_id = self.tab_id(page)
        reply = self.control.evaluate(_STATE_IN, [tab_id, list(states), timeout * 1000])
        assert "status" in reply, f"page never reached {states}: last {reply['last']}"
        status: dict[str, Any] = reply["status"]
        return status

    def wait_until_marked(self, page: Page, timeout: float = 10.0) -> dict[str, Any]:
        """Wait until the page is done and every mark is painted. The highlight holds the
        marks near the viewport (content/marks.js), which on the fixture pages is all of
        them, a frame after the content script records them."""
        status = self.wait_for_state(page, "done", timeout=timeout)
        page.wait_for_function(
            "([names, count]) => names.reduce("
            "(sum, name) => sum + (CSS.highlights.get(name)?.size ?? 0), 0) === count",
            arg=[PAINTED, status["marks"]],
            timeout=timeout * 1000,
        )
        return status

    def in_background(self, script: str, arg: Any = None) -> Any:
        """Evaluate in the service worker (the background), where the extension's own
        handlers live: how tests press a keyboard command or choose a context-menu item,
        which headless Chromium cannot show."""
        workers = self.context.service_workers
        assert workers, "the extension's service worker is not running"
        return workers[0].evaluate(script, arg)

    def command(self, page: Page, name: str) -> Any:
        """The keyboard command `name` of the manifest, as the browser delivers it."""
        return self.in_background(
            "([name, id]) => runCommand(name, {id})", [name, self.tab_id(page)]
        )

    def explain(self, page: Page, selection: str) -> Any:
        """The context menu's "Explain with AI Glossary" on `selection`."""
        return self.in_background(
            "([text, id]) => explainSelection("
            "{menuItemId: 'explain-selection', selectionText: text}, {id})",
            [selection, self.tab_id(page)],
        )

    def open_popup(self, page: Page) -> Page:
        popup = self.context.new_page()
        popup.goto(self.url(f"popup/popup.html?tab={self.tab_id(page)}"))
        return popup


def marks(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(_MARKS, PAINTED)
    return result


def focused_mark(page: Page) -> str | None:
    """The term the keyboard reached, as painted by the focus highlight."""
    found: str | None = page.evaluate(
        "() => { const h = CSS.highlights.get('ai-glossary-focus');"
        " return h && h.size ? [...h][0].toString().replace(/\\s+/g, ' ') : null; }"
    )
    return found


def marked_texts(page: Page) -> list[str]:
    return [mark["text"] for mark in marks(page)]


def wait_for_marks(page: Page, *texts: str, timeout: float = 10.0) -> list[str]:
    """Wait until every text in `texts` is marked; returns all marked texts."""
    try:
        page.wait_for_function(
            f"([name, texts]) => {{ const found = ({_MARKS})(name).map((m) => m.text);"
            " return texts.every((t) => found.includes(t)); }",
            arg=[PAINTED, list(texts)],
            polling=50,
            timeout=timeout * 1000,
        )
    except PlaywrightTimeoutError:
        found = marked_texts(page)
        raise AssertionError(f"never marked {set(texts) - set(found)}; marked: {found}") from None
    return marked_texts(page)


def wait_unmarked(page: Page, *texts: str, timeout: float = 5.0) -> None:
    """Wait until none of `texts` is marked (no text given: until nothing is)."""
    try:
        page.wait_for_function(
            f"([name, texts]) => {{ const found = ({_MARKS})(name).map((m) => m.text);"
            " return texts.length ? !texts.some((t) => found.includes(t)) : !found.length; }",
            arg=[PAINTED, list(texts)],
            polling=50,
            timeout=timeout * 1000,
        )
    except PlaywrightTimeoutError:
        raise AssertionError(f"still marked: {marked_texts(page)}") from None


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


def all_cards(page: Page) -> list[dict[str, Any]]:
    """Every card element on the page, in document order, read inside its closed shadow root."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        found = []
        for host in _find_all(document["root"], CARD_TAG.upper()):
            assert host.get("shadowRoots"), "a card has no shadow root"
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
            assert "value" in reply["result"], reply
            found.append(reply["result"]["value"])
        return found
    finally:
        cdp.detach()


def open_cards(page: Page) -> list[dict[str, Any]]:
    return [card for card in all_cards(page) if card["open"]]


def card_content(page: Page) -> dict[str, Any]:
    """What the open live (not pinned) card shows."""
    live = [card for card in open_cards(page) if not card["pinned"]]
    assert len(live) == 1, f"expected one open live card, found {len(live)}"
    return live[0]


def wait_for_live_card(page: Page, term: str, timeout: float = 5.0) -> dict[str, Any]:
    """Wait until the live (not pinned) card is open on `term`; returns it. The card's
    content is in a closed root, read over the DevTools protocol once a frame."""
    for _ in range(int(timeout * 60)):
        live = [c for c in open_cards(page) if not c["pinned"] and c["term"] == term]
        if live:
            return live[0]
        page.evaluate(NEXT_FRAME)
    raise AssertionError(f"no live card on {term!r}: {open_cards(page)}")


def click_in_card(page: Page, button: str, card: dict[str, Any] | None = None) -> None:
    """Click one of a card's buttons ("pin", "close", "mute", "wrong") as a person would."""
    box = (card or card_content(page))["buttons"][button]
    page.mouse.click((box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2)


def _find_all(node: dict[str, Any], name: str) -> list[dict[str, Any]]:
    found = [node] if node.get("nodeName") == name else []
    for child in node.get("children", []):
        found += _find_all(child, name)
    return found
