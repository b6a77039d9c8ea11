"""The first-run page (issue 16, item 6): opened on install (background/sw.js opens it for
the "install" reason only, not on updates); it says whether the glossary
backend answers and, when it does not, what to do (start it with `make run`, or ask an
administrator for its address) with a "Check again" button; axe finds nothing serious in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.extension.conftest import DICTIONARY
from tests.support.axe import blocking, scan
from tests.support.browsers import chromium
from tests.support.servers import running_backend

pytestmark = pytest.mark.browser

WELCOME = "welcome/welcome.html"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """A browser where the extension was just installed, in a new profile."""
    with chromium(tmp_path_factory.mktemp("first-run")) as context:
        yield context


def _welcome(context: BrowserContext) -> Page:
    """The first-run page, once the browser has opened it."""
    found = [page for page in context.pages if page.url.endswith(WELCOME)]
    if not found:
        found = [context.wait_for_event("page", lambda page: page.url.endswith(WELCOME))]
    assert len(found) == 1
    page = found[0]
    page.wait_for_load_state()
    return page


def test_first_run_says_what_to_do_until_the_backend_answers(
    installed: BrowserContext, tmp_path: Path
) -> None:
    welcome = _welcome(installed)
    with running_backend(DICTIONARY, log_dir=tmp_path) as stopped:
        address = stopped.url
    welcome.evaluate("(url) => chrome.storage.sync.set({backendUrl: url})", address)
    status = welcome.get_by_role("status")
    # A changed address is checked at once; this one does not answer.
    expect(status).to_have_text(f"Can't reach the glossary backend at {address}.")
    expect(welcome.locator("#help")).to_contain_text("make run")
    expect(welcome.locator("#help")).to_contain_text("Ask your administrator")
    again = welcome.get_by_role("button", name="Check again")
    expect(again).to_be_visible()
    expect(welcome.get_by_role("button", name="Open Options")).to_be_visible()

    with running_backend(DICTIONARY, log_dir=tmp_path, port=int(address.rsplit(":", 1)[1])):
        again.click()
        expect(status).to_contain_text("Connected: ")
        expect(welcome.locator("#ready")).to_be_visible()
        expect(welcome.locator("#help")).to_be_hidden()
        expect(again).to_be_hidden()


def test_open_options_from_the_first_run_page(installed: BrowserContext) -> None:
    welcome = _welcome(installed)
    with installed.expect_page() as opened:
        welcome.get_by_role("button", name="Open Options").click()
    options = opened.value
    options.wait_for_load_state()
    assert options.url.endswith("options/options.html")
    options.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_the_first_run_page(
    installed: BrowserContext, scheme: Literal["light", "dark"], tmp_path: Path
) -> None:
    welcome = _welcome(installed)
    with running_backend(DICTIONARY, log_dir=tmp_path) as stopped:
        address = stopped.url
    welcome.evaluate("(url) => chrome.storage.sync.set({backendUrl: url})", address)
    page = installed.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(welcome.url)
    expect(page.get_by_role("status")).to_have_text(
        f"Can't reach the glossary backend at {address}."
    )
    violations = scan(page)
    assert not blocking(violations), blocking(violations)
    page.close()
