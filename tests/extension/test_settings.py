"""The popup's switches and the options page (check 4 of issue 3, and the settings)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.extension.conftest import PageOpener
from tests.support.extension import Extension, marked_texts, wait_for_marks, wait_unmarked
from tests.support.servers import Backend, free_port

pytestmark = pytest.mark.browser

SITE = "127.0.0.1"  # the fixture pages' host


def _wait_unmarked(*pages: Page) -> None:
    for page in pages:
        wait_unmarked(page)


def test_popup_switch_turns_the_site_off_and_on(
    extension: Extension, open_page: PageOpener
) -> None:
    page, _ = open_page("article.html")
    other, _ = open_page("plain.html")  # another open tab of the same site
    wait_for_marks(page, "vector database", "post-training")
    wait_for_marks(other, "vector database")
    extension.wait_for_state(page, "done")

    popup = extension.open_popup(page)
    switch = popup.get_by_role("switch", name=f"Highlight terms on {SITE}")
    expect(switch).to_be_checked()
    expect(popup.locator("#status")).to_have_text("12 terms marked on this page.")
    switch.click()
    expect(switch).not_to_be_checked()
    _wait_unmarked(page, other)  # every open tab of the site, at once
    assert extension.settings()["disabledSites"] == [SITE]

    page.reload()
    extension.wait_for_state(page, "off")
    assert marked_texts(page) == []
    popup.reload()
    expect(popup.get_by_role("switch", name=f"Highlight terms on {SITE}")).not_to_be_checked()

    popup.get_by_role("switch", name=f"Highlight terms on {SITE}").click()
    wait_for_marks(page, "vector database", "post-training")
    wait_for_marks(other, "vector database")
    assert extension.settings()["disabledSites"] == []


def test_pause_everywhere(extension: Extension, open_page: PageOpener) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, "vector database")
    popup = extension.open_popup(page)
    pause = popup.get_by_role("switch", name="Pause everywhere")
    pause.click()
    _wait_unmarked(page)
    assert extension.wait_for_state(page, "paused")["marks"] == 0
    popup.reload()
    expect(popup.locator("#status")).to_have_text("Paused on every site.")
    popup.get_by_role("switch", name="Pause everywhere").click()
    wait_for_marks(page, "vector database")


def test_options_page(extension: Extension, open_page: PageOpener, backend: Backend) -> None:
    extension.set_settings(disabledSites=["example.org", SITE])
    options = extension.context.new_page()
    options.goto(extension.url("options/options.html"))
    address = options.locator("#backend-url")
    status = options.locator("#backend-status")
    expect(address).to_have_value(backend.url)
    expect(status).to_have_text("Connected: End-to-end test glossary, 12 terms.")

    # Switched-off sites, each removable.
    expect(options.locator("#sites li")).to_have_count(2)
    options.get_by_role("button", name=f"Remove {SITE}").click()
    expect(options.locator("#sites li")).to_have_text(["example.orgRemove"])
    assert extension.settings()["disabledSites"] == ["example.org"]

    # Every occurrence instead of the first only: the article's two "LLM"s are marked too.
    first_only = options.get_by_label("Mark only the first occurrence of each term on a page")
    expect(first_only).to_be_checked()
    first_only.uncheck()
    assert extension.settings()["firstOnly"] is False
    page, _ = open_page("article.html")
    assert wait_for_marks(page, "LLM", "embeddings").count("LLM") == 2

    # The backend address: checked, normalized, and reported when nothing answers there.
    address.fill("ftp://example.org")
    options.get_by_role("button", name="Save").click()
    expect(status).to_have_text("Enter an http:// or https:// address.")
    dead = f"http://127.0.0.1:{free_port()}"
    address.fill(dead + "/")
    options.get_by_role("button", name="Save").click()
    expect(status).to_have_text(f"Can't reach the glossary backend at {dead}.")
    assert extension.settings()["backendUrl"] == dead
