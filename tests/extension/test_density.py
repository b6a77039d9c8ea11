"""Density (issue 7): the first occurrence of each term by default, every occurrence as an
option, and never in headings or links unless the options say so."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extension.conftest import PageOpener
from tests.support.extension import Extension, marks

pytestmark = pytest.mark.browser


def _marked(extension: Extension, open_page: PageOpener, **settings: Any) -> list[tuple[str, str]]:
    extension.set_settings(**settings)
    page, console = open_page("density.html")
    extension.wait_until_marked(page)
    assert not console.problems
    return sorted((m["container"], m["text"]) for m in marks(page))


def test_first_occurrence_outside_headings_and_links_by_default(
    extension: Extension, open_page: PageOpener
) -> None:
    # The heading's "large language model" and "Embedding" and the link's "fine-tuning"
    # come first on the page, but the first marks are the ones after them.
    assert _marked(extension, open_page) == [
        ("body", "embedding"),
        ("intro", "fine-tuning"),
        ("intro", "large language model"),
    ]


def test_every_occurrence(extension: Extension, open_page: PageOpener) -> None:
    assert _marked(extension, open_page, firstOnly=False) == [
        ("body", "embedding"),
        ("body", "embedding"),
        ("body", "embeddings"),
        ("body", "large language model"),
        ("intro", "fine-tuning"),
        ("intro", "large language model"),
    ]


def test_headings_when_the_options_say_so(extension: Extension, open_page: PageOpener) -> None:
    assert _marked(extension, open_page, markHeadings=True) == [
        ("heading", "Embedding"),
        ("intro", "fine-tuning"),
        ("title", "large language model"),
    ]


def test_links_when_the_options_say_so(extension: Extension, open_page: PageOpener) -> None:
    assert _marked(extension, open_page, markLinks=True) == [
        ("body", "embedding"),
        ("guide", "fine-tuning"),
        ("intro", "large language model"),
    ]


def test_options_page_switches(extension: Extension) -> None:
    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    for label, key in [
        ("Mark terms inside headings", "markHeadings"),
        ("Mark terms inside links", "markLinks"),
    ]:
        box = options.get_by_label(label)
        assert not box.is_checked()
        box.check()
        assert extension.settings()[key] is True
