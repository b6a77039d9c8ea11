"""The popup tells the truth, live (issue 16): while it stays open, its switches and its
status follow the site switch, the pause, the page's marks and the backend; real switches
(role "switch", aria-checked) that work from the keyboard; axe finds nothing serious in it,
light or dark."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.extension.conftest import DICTIONARY, PageOpener
from tests.support.axe import blocking, scan
from tests.support.extension import Extension, wait_for_marks, wait_unmarked
from tests.support.servers import running_backend

pytestmark = pytest.mark.browser

SITE = "127.0.0.1"  # the fixture pages' host
MARKED = "12 terms marked on this page."  # article.html, first occurrences (test_marking.py)


def _status(popup: Page) -> str:
    return popup.locator("#status").inner_text()


def test_the_open_popup_follows_the_site_switch_and_the_pause(
    extension: Extension, open_page: PageOpener
) -> None:
    page, console = open_page("article.html")
    extension.wait_until_marked(page)
    popup = extension.open_popup(page)
    site = popup.get_by_role("switch", name=f"Highlight terms on {SITE}")
    pause = popup.get_by_role("switch", name="Pause everywhere")
    status = popup.get_by_role("status").first
    expect(popup.get_by_role("heading", name="AI Glossary")).to_be_visible()
    expect(site).to_have_attribute("aria-checked", "true")
    expect(pause).to_have_attribute("aria-checked", "false")
    expect(status).to_have_text(MARKED)

    site.click()  # off: the popup says so at once, without being opened again
    expect(site).to_have_attribute("aria-checked", "false")
    expect(status).to_have_text(f"Off on {SITE}.")
    wait_unmarked(page)

    site.click()  # on again: the page is read again, and the count comes back
    expect(site).to_have_attribute("aria-checked", "true")
    expect(status).to_have_text(MARKED)
    wait_for_marks(page, "vector database")

    pause.click()
    expect(pause).to_have_attribute("aria-checked", "true")
    expect(status).to_have_text("Paused on every site.")
    expect(site).to_have_attribute("aria-checked", "true")  # the site's own rule is kept
    wait_unmarked(page)

    # From the keyboard: the switches are buttons, Space and Enter flip them.
    pause.focus()
    popup.keyboard.press("Space")
    expect(pause).to_have_attribute("aria-checked", "false")
    expect(status).to_have_text(MARKED)
    site.focus()
    popup.keyboard.press("Enter")
    expect(status).to_have_text(f"Off on {SITE}.")
    assert extension.settings()["disabledSites"] == [SITE]
    assert not console.problems


def test_the_popup_follows_settings_changed_elsewhere(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    extension.wait_until_marked(page)
    popup = extension.open_popup(page)
    expect(popup.locator("#status")).to_have_text(MARKED)
    extension.set_settings(paused=True)  # say, from another window's popup
    expect(popup.get_by_role("switch", name="Pause everywhere")).to_be_checked()
    expect(popup.locator("#status")).to_have_text("Paused on every site.")


def test_the_popup_says_what_to_do_when_the_backend_does_not_answer(
    extension: Extension, open_page: PageOpener, tmp_path: Path
) -> None:
    with running_backend(DICTIONARY, log_dir=tmp_path) as stopped:
        address = stopped.url
    page, _ = open_page("plain.html")
    extension.wait_until_marked(page)
    extension.set_settings(backendUrl=address)
    popup = extension.open_popup(page)
    expect(popup.locator("#status")).to_have_text(f"Can't reach the glossary backend at {address}.")
    expect(popup.locator("#hint")).to_contain_text("make run")
    expect(popup.locator("#hint")).to_contain_text("ask your administrator")
    again = popup.get_by_role("button", name="Check again")
    expect(again).to_be_visible()
    # Back on the answering backend, "Check again" finds it.
    with running_backend(DICTIONARY, log_dir=tmp_path, port=int(address.rsplit(":", 1)[1])):
        again.click()
        expect(popup.locator("#status")).not_to_contain_text("Can't reach")
        expect(again).to_be_hidden()


def test_a_page_with_a_password_field_is_read_once_its_site_is_switched_on(
    extension: Extension, open_page: PageOpener
) -> None:
    page, console = open_page("login.html")
    extension.wait_for_state(page, "private")
    popup = extension.open_popup(page)
    site = popup.get_by_role("switch", name=f"Highlight terms on {SITE}")
    expect(site).to_have_attribute("aria-checked", "false")
    expect(popup.locator("#status")).to_have_text(
        "Not read: this page has a password field. Switch the site on to read it."
    )
    assert not blocking(scan(popup)), blocking(scan(popup))
    site.click()  # in the default mode ("every site, except..."): the site, named
    expect(site).to_have_attribute("aria-checked", "true")
    wait_for_marks(page, "large language model", "vector database")
    expect(popup.locator("#status")).to_have_text("2 terms marked on this page.")
    assert extension.settings()["enabledSites"] == [SITE]
    site.click()  # off again: the site is switched off, and the page says so
    expect(site).to_have_attribute("aria-checked", "false")
    expect(popup.locator("#status")).to_have_text(f"Off on {SITE}.")
    wait_unmarked(page)
    assert not console.problems


def test_the_popup_on_a_page_without_the_content_script(extension: Extension) -> None:
    popup = extension.context.new_page()
    popup.goto(extension.url("popup/popup.html?tab=999999"))
    switch = popup.get_by_role("switch", name="AI Glossary does not run on this page")
    expect(switch).to_be_disabled()
    expect(popup.locator("#status")).to_have_text("Terms are marked on web pages (http and https).")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_the_popup(
    extension: Extension, open_page: PageOpener, scheme: str
) -> None:
    page, _ = open_page("article.html")
    extension.wait_until_marked(page)
    popup = extension.context.new_page()
    popup.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    popup.goto(extension.url(f"popup/popup.html?tab={extension.tab_id(page)}"))
    expect(popup.locator("#status")).to_have_text(MARKED)
    popup.get_by_role("searchbox", name="Look up a term").fill("vector")
    expect(popup.locator("#results li")).to_have_count(1)
    assert not blocking(scan(popup)), blocking(scan(popup))
    popup.get_by_role("switch", name="Pause everywhere").click()
    expect(popup.locator("#status")).to_have_text("Paused on every site.")
    assert not blocking(scan(popup)), blocking(scan(popup))
