"""UI text goes through the browser's i18n API (issue 16): every string the extension shows
is a message of _locales/en/messages.json, so a translation is one more messages.json."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.browsers import EXTENSION

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
MESSAGES = json.loads((EXTENSION / "_locales" / "en" / "messages.json").read_text("utf-8"))
PAGES = sorted(EXTENSION.rglob("*.html"))
SCRIPTS = sorted(EXTENSION.rglob("*.js"))
COUNTED = ("_one", "_other")


def _used_keys() -> set[str]:
    used = set(re.findall(r"__MSG_(\w+)__", json.dumps(MANIFEST)))
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        used |= set(re.findall(r'uiText\("(\w+)"', source))
        used |= {
            f"{key}{form}" for key in re.findall(r'uiCount\("(\w+)"', source) for form in COUNTED
        }
        for chosen in re.findall(r'uiText\(\w+ \? "(\w+)" : "(\w+)"\)', source):
            used |= set(chosen)
    for page in PAGES:
        html = page.read_text(encoding="utf-8")
        used |= set(re.findall(r'data-i18n="(\w+)"', html))
        used |= set(
            re.findall(
                r'[\s"][\w-]+:(\w+)', " ".join(re.findall(r'data-i18n-attr="([^"]*)"', html))
            )
        )
    return used


def test_the_manifest_is_localized() -> None:
    assert MANIFEST["default_locale"] == "en"
    assert MANIFEST["name"] == "__MSG_extensionName__"
    assert MANIFEST["description"] == "__MSG_extensionDescription__"


def test_every_message_used_exists_and_has_a_description() -> None:
    missing = _used_keys() - set(MESSAGES)
    assert not missing, f"not in messages.json: {sorted(missing)}"
    for key, message in MESSAGES.items():
        assert message.get("description"), f"{key} has no description for translators"
        for name in re.findall(r"\$(\w+)\$", message["message"]):
            assert name.lower() in message.get("placeholders", {}), f"{key}: ${name}$"


class _Text(HTMLParser):
    """Text of a page outside any element that names its message (data-i18n)."""

    VOID = frozenset({"meta", "link", "img", "input", "br", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.loose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(any(name == "data-i18n" for name, _ in attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(self.stack):
            self.loose.append(data.strip())


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(path.relative_to(EXTENSION)))
def test_pages_hold_no_text_of_their_own(page: Path) -> None:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.loose == []
