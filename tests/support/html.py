"""Reading served HTML the way a browser would, to check structure and that nothing is live."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

# Every element the page templates use. Dictionary text that became markup would add others.
_TAGS = (
    "html head meta title link script body a header div form label span input button main "
    "article h1 h2 p section dl dt dd details summary ul ol li strong nav footer"
)
TEMPLATE_TAGS = frozenset(_TAGS.split())
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcdoc", "data"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class Page(HTMLParser):
    """A parsed page: its elements in document order, its text, and its script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.texts: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                if tag == "script":
                    self.scripts.append((self._open[index].attrs, self._open[index].text))
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1].tag == "script":
            self._open[-1].text += data
            return
        self.texts.append(data)
        for element in self._open:
            element.text += data

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def json_ld(self) -> list[Any]:
        return [
            json.loads(body)
            for attrs, body in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]

    def headings(self) -> list[tuple[int, str]]:
        return [
            (int(e.tag[1]), " ".join(e.text.split()))
            for e in self.elements
            if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")
        ]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def live_markup(page: Page) -> list[str]:
    """Every way the page could run or inject something not written in its templates."""
    problems = []
    for element in page.elements:
        if element.tag not in TEMPLATE_TAGS:
            problems.append(f"unexpected <{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(f"<{element.tag}> has event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                problems.append(f"<{element.tag}> {name}={value!r}")
    for attrs, body in page.scripts:
        if attrs.get("type") != "application/ld+json":
            problems.append(f"executable <script> {attrs}: {body[:60]!r}")
        else:
            try:
                json.loads(body)
            except ValueError:
                problems.append(f"JSON-LD that is not JSON: {body[:60]!r}")
    return problems
