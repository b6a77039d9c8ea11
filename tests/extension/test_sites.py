"""Site rules (issue 7): the popup's one-click switch, patterns typed in the options (a
domain with its subdomains, or a path prefix), and the "only on sites I list" mode. How
patterns match is unit-tested in unit/settings.test.mjs.

Chromium maps every name under glossary.test to 127.0.0.1 here (--host-resolver-rules), so
the fixture pages can be opened on several sites while every connection stays on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.extension.conftest import Console
from tests.support.browsers import chromium
from tests.support.extension import Extension, marked_texts, wait_for_marks
from tests.support.servers import Backend

pytestmark = pytest.mark.browser

HOSTS = "--host-resolver-rules=MAP glossary.test 127.0.0.1, MAP *.glossary.test 127.0.0.1"


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[Extension]:
    with chromium(tmp_path_factory.mktemp("sites-profile"), args=(HOSTS,)) as context:
        yield Extension.attach(context)


def _open(extension: Extension, site: str, host: str, path: str = "plain.html") -> Page:
    port = site.rsplit(":", 1)[1]
    page = extension.context.new_page()
    Console(page)
    page.goto(f"http://{host}:{port}/{path}")
    return page


def _state(extension: Extension, page: Page) -> str:
    state: str = extension.wait_for_state(page, "off", "done")["state"]
    return state


def _options(extension: Extension) -> Page:
    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    return options


def _add(options: Page, pattern: str) -> None:
    options.get_by_label("Site to add").fill(pattern)
    options.get_by_role("button", name="Add").click()


def test_a_domain_pattern_covers_its_subdomains(extension: Extension, site: str) -> None:
    options = _options(extension)
    _add(options, "glossary.test")
    expect(options.locator("#sites li")).to_have_text(["glossary.testRemove"])
    assert extension.settings()["disabledSites"] == ["glossary.test"]
    for host in ("glossary.test", "news.glossary.test"):
        assert _state(extension, _open(extension, site, host)) == "off"
    assert _state(extension, _open(extension, site, "127.0.0.1")) == "done"
    # Nonsense is refused with a reason.
    _add(options, "not a site")
    expect(options.locator("#site-status")).to_have_text(
        "Enter a site such as example.com or example.com/docs."
    )


def test_a_path_prefix_covers_the_pages_under_it(extension: Extension, site: str) -> None:
    _add(_options(extension), "http://127.0.0.1/docs/")
    assert extension.settings()["disabledSites"] == ["127.0.0.1/docs"]
    assert _state(extension, _open(extension, site, "127.0.0.1", "docs/intro.html")) == "off"
    page = _open(extension, site, "127.0.0.1", "plain.html")
    wait_for_marks(page, "large language model")
    # The popup's switch is about the page it was opened on: off here, the path rule stays.
    popup = extension.open_popup(page)
    switch = popup.get_by_role("switch", name="Highlight terms on 127.0.0.1")
    expect(switch).to_be_checked()
    switch.click()
    expect(switch).not_to_be_checked()
    assert extension.settings()["disabledSites"] == ["127.0.0.1", "127.0.0.1/docs"]


def test_only_on_the_sites_i_list(extension: Extension, site: str) -> None:
    options = _options(extension)
    options.get_by_label("Only on the sites I list").check()
    expect(options.locator("#sites-title")).to_have_text("Sites where terms are marked")
    expect(options.locator("#no-sites")).to_be_visible()
    _add(options, "news.glossary.test")
    # The list shows the site once it is stored (read at once, the settings could lag).
    expect(options.locator("#sites li")).to_have_text(["news.glossary.testRemove"])
    settings = extension.settings()
    assert (settings["siteMode"], settings["enabledSites"]) == ("listed", ["news.glossary.test"])
    assert _state(extension, _open(extension, site, "news.glossary.test")) == "done"
    assert _state(extension, _open(extension, site, "other.glossary.test")) == "off"

    # The popup's one-click switch adds the current site to the list.
    page = _open(extension, site, "127.0.0.1")
    assert _state(extension, page) == "off"
    popup = extension.open_popup(page)
    switch = popup.get_by_role("switch", name="Highlight terms on 127.0.0.1")
    expect(switch).not_to_be_checked()
    switch.click()
    wait_for_marks(page, "large language model")
    assert extension.settings()["enabledSites"] == ["127.0.0.1", "news.glossary.test"]
    # And back: every mode keeps its own list.
    options.get_by_label("On every site, except the sites listed below").check()
    expect(options.locator("#sites-title")).to_have_text("Switched-off sites")
    assert extension.settings()["enabledSites"] == ["127.0.0.1", "news.glossary.test"]
    assert marked_texts(page)
