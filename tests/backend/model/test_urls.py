"""The one rule for a web address: the checker, the importer and the pages all use it."""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_glossary.glossary.importer import import_csv
from ai_glossary.glossary.reader import check_dictionary
from ai_glossary.model.urls import is_web_url, web_url

WEB = [
    "https://huggingface.co/docs/trl",
    "http://localhost:11434/",
    "HTTPS://Example.com/Path?q=1#part",  # a scheme is case-insensitive
    "http://[::1]:8000/",
    "https://例え.jp/パス",  # non-ASCII is printable, and fine
]
NOT_WEB = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/file",
    "//example.com/no-scheme",
    "example.com",
    "",
    "https://",  # no host
    "http:///path-without-host",
    "http://:8080/",  # a port, no host
    "http://user@/",
    "http://[::1/",  # malformed IPv6 host
    "https://exa mple.com/",
    "https://example.com/\tpath",
    "https://example.com/\u00a0",  # no-break space
    "https://example.com/\u200b",  # zero-width space
    "https://example.com/\x00",
    " https://example.com/",  # the checker takes an address as written
]


@pytest.mark.parametrize("url", WEB)
def test_web_addresses_are_accepted(url: str) -> None:
    assert is_web_url(url)
    assert web_url(url) == url


@pytest.mark.parametrize("url", NOT_WEB)
def test_anything_else_is_refused(url: str) -> None:
    assert not is_web_url(url)


def test_pages_take_an_address_without_its_surrounding_white_space() -> None:
    assert web_url("  https://example.com/ \n") == "https://example.com/"
    assert web_url(" javascript:alert(1) ") is None
    assert web_url("https://exa mple.com/") is None


@pytest.mark.parametrize("url", ["http:///path-without-host", "https://exa mple.com/"])
def test_checker_and_importer_refuse_what_the_rule_refuses(tmp_path: Path, url: str) -> None:
    folder = tmp_path / "dictionary"
    (folder / "terms").mkdir(parents=True)
    (folder / "terms" / "thing.toml").write_text(
        'term = "Thing"\ndefinition = "A thing."\ntools = ["tool"]\n', encoding="utf-8"
    )
    (folder / "tools.toml").write_text(
        f'[tool]\nname = "Tool"\nurl = "{url}"\ndescription = "A tool."\n', encoding="utf-8"
    )
    problems = [str(p) for p in check_dictionary(folder)]
    assert problems == ["tools.toml: tool.url: must be an http:// or https:// address"]

    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        f"term,definition,tool name,tool url\nThing,A thing.,Tool,{url}\n", encoding="utf-8"
    )
    report = import_csv(sheet, tmp_path / "imported")
    assert report.refused == []
    assert report.warnings == [
        (2, f"tool url {url!r} is not an http(s) address: the tool was left out, the term kept")
    ]
