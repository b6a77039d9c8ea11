"""The pages in headless Chromium, served by the real backend: they read well at desktop and
phone widths (screenshots kept in test-artifacts/pages/), in light and dark, work without
JavaScript under their strict CSP, pass an axe-core scan, and keep hostile text inert."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Dialog, Page

from tests.support.axe import blocking, require_axe, scan
from tests.support.browsers import chromium, require_chromium
from tests.support.pages import HOSTILE, PAGES, RAG
from tests.support.servers import Backend, running_backend

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "test-artifacts" / "pages"
WIDTHS = {"desktop": 1280, "phone": 360}


@pytest.fixture(scope="module", autouse=True)
def tools() -> None:
    """Never skip: a missing browser or axe is a failure that says how to install them."""
    try:
        require_chromium()
        require_axe()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    with running_backend(PAGES, log_dir=tmp_path_factory.mktemp("pages-backend")) as server:
        yield server


@pytest.fixture(scope="module")
def hostile_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    with running_backend(HOSTILE, log_dir=tmp_path_factory.mktemp("hostile-backend")) as server:
        yield server


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with chromium(tmp_path_factory.mktemp("pages-profile"), extension=None) as context:
        yield context


class Tab:
    """A page whose console errors, failed requests and dialogs are all recorded."""

    def __init__(self, context: BrowserContext) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.not_found = ""  # a page opened for its 404: the console reports its status
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type not in ("error", "warning"):
            return
        if message.location.get("url") == self.not_found and "status of 404" in message.text:
            return
        self.problems.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog: Dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def open(self, url: str, width: int = WIDTHS["desktop"], status: int = 200) -> Page:
        self.page.set_viewport_size({"width": width, "height": 900})
        self.not_found = url if status == 404 else ""
        response = self.page.goto(url)
        assert response is not None and response.status == status, url
        return self.page

    def shoot(self, name: str) -> None:
        self.page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


@pytest.fixture
def tab(browser: BrowserContext) -> Iterator[Tab]:
    opened = Tab(browser)
    yield opened
    opened.page.emulate_media(color_scheme="light")
    opened.page.close()
    assert opened.problems == []


def fits(page: Page) -> bool:
    """No sideways scrolling: the page is no wider than the viewport."""
    width: bool = page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    return width


def styled(page: Page) -> bool:
    """The stylesheet applied (it is the only source of styles the CSP allows)."""
    width: str = page.evaluate("() => getComputedStyle(document.querySelector('.wrap')).maxWidth")
    return width.endswith("px") and width != "none"


@pytest.mark.parametrize("name", WIDTHS)
def test_term_page(backend: Backend, tab: Tab, name: str) -> None:
    page = tab.open(f"{backend.url}/terms/{RAG}", WIDTHS[name])
    assert styled(page) and fits(page)
    assert page.locator("h1").inner_text() == "Retrieval-augmented generation"
    question = page.locator("details").first
    assert question.get_attribute("open") is None
    question.locator("summary").click()
    assert question.get_attribute("open") is not None  # native <details>, no script
    tab.shoot(f"term-{name}")
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == (
        "rgb(21, 22, 26)"
    )
    tab.shoot(f"term-{name}-dark")


@pytest.mark.parametrize("name", WIDTHS)
def test_index_and_its_filter(backend: Backend, tab: Tab, name: str) -> None:
    page = tab.open(f"{backend.url}/terms", WIDTHS[name])
    assert styled(page) and fits(page)
    tab.shoot(f"index-{name}")
    page.get_by_role("link", name="Terms starting with R").click()
    assert page.url.endswith("#letter-r")
    page.get_by_role("link", name="Training", exact=True).click()
    page.wait_for_url("**/terms?category=Training")
    assert page.locator(".entries dt").all_inner_texts() == [
        "Fine-tuning",
        "Reinforcement learning from human feedback",
    ]


@pytest.mark.parametrize("name", WIDTHS)
def test_search_from_the_index(backend: Backend, tab: Tab, name: str) -> None:
    page = tab.open(f"{backend.url}/terms", WIDTHS[name])
    page.get_by_label("Search by name, acronym or meaning").fill("retreival")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=retreival")
    assert fits(page)
    tab.shoot(f"search-{name}")
    first = page.locator("ol.results a").first
    assert first.inner_text() == "Retrieval-augmented generation"
    first.click()
    page.wait_for_url(f"**/terms/{RAG}")


@pytest.mark.parametrize("name", WIDTHS)
def test_not_found_page(backend: Backend, tab: Tab, name: str) -> None:
    page = tab.open(f"{backend.url}/terms/embeding", WIDTHS[name], status=404)
    assert styled(page) and fits(page)
    tab.shoot(f"not-found-{name}")
    page.get_by_role("link", name="Embedding", exact=True).click()
    page.wait_for_url("**/terms/embedding")


def test_axe_really_scans(tab: Tab) -> None:
    """A page with known faults fails the scan: a passing scan is not a silent no-op."""
    tab.page.set_content("<html><body><img src='data:,'><a href='#'></a></body></html>")
    assert {v["id"] for v in scan(tab.page)} >= {"image-alt", "link-name", "html-has-lang"}
    tab.problems.clear()


@pytest.mark.parametrize(
    ("label", "path", "status", "scheme"),
    [
        ("term", f"/terms/{RAG}", 200, "light"),
        ("term-dark", f"/terms/{RAG}", 200, "dark"),
        ("index", "/terms", 200, "light"),
        ("index-dark", "/terms", 200, "dark"),
        ("not-found", "/terms/embeding", 404, "light"),
        ("search", "/search?q=model", 200, "light"),
    ],
)
def test_axe_finds_nothing_serious(
    backend: Backend, tab: Tab, label: str, path: str, status: int, scheme: str
) -> None:
    tab.page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page = tab.open(backend.url + path, status=status)
    violations = scan(page)
    (ARTIFACTS / f"axe-{label}.json").write_text(json.dumps(violations, indent=2))
    assert blocking(violations) == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/terms", 200),
        ("/terms/script-payload", 200),
        ("/terms/quote-payload", 200),
        ("/search?q=script", 200),
        ("/terms/%3Cscript%3Ewindow.pwned=1%3C%5Cscript%3E", 404),
    ],
)
def test_hostile_text_stays_text(
    hostile_backend: Backend, tab: Tab, path: str, status: int
) -> None:
    page = tab.open(hostile_backend.url + path, status=status)
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("script:not([type='application/ld+json'])").count() == 0
    assert page.locator("img, iframe, svg, b, i").count() == 0
    if path == "/terms/script-payload":
        assert page.locator("h1").inner_text() == "<script>window.pwned=10</script> Script term"
        page.locator("summary").first.click()
        page.mouse.move(5, 5)
        assert page.evaluate("() => window.pwned") is None
