"""With the backend stopped (check 6 of issue 3): the page is left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.extension.conftest import DICTIONARY, PageOpener
from tests.support.extension import CARD_TAG, HIGHLIGHT, Extension
from tests.support.servers import running_backend

pytestmark = pytest.mark.browser


def test_unreachable_backend_leaves_the_page_unchanged(
    extension: Extension, open_page: PageOpener, tmp_path: Path
) -> None:
    with running_backend(DICTIONARY, log_dir=tmp_path) as stopped:
        address = stopped.url
    extension.set_settings(backendUrl=address)

    page, console = open_page("plain.html")
    assert extension.wait_for_state(page, "unreachable")["marks"] == 0
    assert page.evaluate("document.documentElement.outerHTML === window.initialHtml")
    assert page.evaluate("(name) => CSS.highlights.has(name)", HIGHLIGHT) is False
    assert page.locator(CARD_TAG).count() == 0
    assert not console.problems

    popup = extension.open_popup(page)
    expect(popup.locator("#status")).to_have_text(f"Can't reach the glossary backend at {address}.")
