"""Shared fixtures of the end-to-end tests: the real backend, the fixture pages, and one
Chromium with the unpacked extension per test module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page

from tests.support.browsers import chromium
from tests.support.extension import Extension
from tests.support.servers import Backend, running_backend, static_server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DICTIONARY = FIXTURES / "dictionaries" / "e2e"
PAGES = FIXTURES / "pages"


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    with running_backend(DICTIONARY, log_dir=tmp_path_factory.mktemp("backend")) as server:
        yield server


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    with static_server(PAGES) as url:
        yield url


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[Extension]:
    with chromium(tmp_path_factory.mktemp("profile")) as context:
        yield Extension.attach(context)


@pytest.fixture(autouse=True)
def fresh(request: pytest.FixtureRequest) -> Iterator[None]:
    """Browser tests start from default settings (pointed at the test backend) and leave
    no page open but the extension's control page."""
    if "extension" not in request.fixturenames:
        yield
        return
    extension: Extension = request.getfixturevalue("extension")
    backend: Backend = request.getfixturevalue("backend")
    extension.reset_settings(backendUrl=backend.url)
    yield
    for page in extension.context.pages:
        if page is not extension.control:
            page.close()


class Console:
    """Everything a page reports as broken: console errors and warnings, uncaught errors."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        page.on("console", self._message)
        page.on("pageerror", self._error)

    def _message(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"{message.type}: {message.text}")

    def _error(self, error: Error) -> None:
        self.problems.append(f"uncaught: {error}")


PageOpener = Callable[[str], tuple[Page, Console]]


@pytest.fixture
def open_page(extension: Extension, site: str) -> PageOpener:
    """open_page(name) -> (page, console): a fixture page in a new tab, its console watched."""

    def opener(name: str) -> tuple[Page, Console]:
        page = extension.context.new_page()
        console = Console(page)
        page.goto(f"{site}/{name}")
        return page, console

    return opener
