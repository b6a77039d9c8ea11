"""Private by default (issue 16, item 4): a block of a page goes to the backend only if it
could hold a term, as the backend's prefilter index says (GET /v1/prefilter, checked in the
browser); a page with a password field is not sent at all unless the reader switched its
site on by name. The backend is reached through a counting proxy, which records every
request's body: the bytes a page sent are counted there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.extension.conftest import PageOpener
from tests.extension.test_marking import ARTICLE_MARKS
from tests.support.extension import Extension, marked_texts, wait_for_marks
from tests.support.proxy import CountingProxy, counting_proxy
from tests.support.servers import Backend

pytestmark = pytest.mark.browser

ANNOTATE = "/v1/annotate"


@pytest.fixture(scope="module")
def proxy(backend: Backend) -> Iterator[CountingProxy]:
    with counting_proxy(backend.url) as counting:
        yield counting


@pytest.fixture(autouse=True)
def through_proxy(extension: Extension, proxy: CountingProxy) -> None:
    extension.set_settings(backendUrl=proxy.url)
    proxy.sent.clear()


def test_a_page_with_nothing_to_mark_sends_nothing(
    extension: Extension, open_page: PageOpener, proxy: CountingProxy
) -> None:
    page, console = open_page("everyday.html")
    assert extension.wait_for_state(page, "done")["marks"] == 0
    assert proxy.to(ANNOTATE) == []
    assert proxy.bytes_to(ANNOTATE) == 0
    assert not console.problems


def test_an_ai_page_sends_only_the_blocks_that_could_hold_a_term(
    extension: Extension, open_page: PageOpener, proxy: CountingProxy
) -> None:
    page, _ = open_page("article.html")
    wait_for_marks(page, *ARTICLE_MARKS)
    # Every term is marked as before, the everyday words judged by the text around them.
    assert extension.wait_for_state(page, "done")["marks"] == len(ARTICLE_MARKS)
    sent = b"".join(each.body for each in proxy.to(ANNOTATE))
    assert proxy.bytes_to(ANNOTATE) > 0
    assert b"retrieval-augmented generation" in sent
    # The byline and the kicker name no term: they never left the browser.
    page_text = page.inner_text("body")
    assert "Dana Whitfield" in page_text and b"Dana Whitfield" not in sent
    assert b"Technology" not in sent


def test_the_index_is_fetched_once_per_version(
    extension: Extension, open_page: PageOpener, proxy: CountingProxy
) -> None:
    for name in ("article.html", "everyday.html", "plain.html"):
        page, _ = open_page(name)
        extension.wait_for_state(page, "done")
    # Held by the background while the backend's Cache-Control allows: asked once at most
    # (not at all when an earlier test of this browser asked it already).
    assert len(proxy.to("/v1/prefilter")) <= 1


def test_a_page_with_a_password_field_is_sent_only_once_its_site_is_switched_on(
    extension: Extension, open_page: PageOpener, proxy: CountingProxy
) -> None:
    page, console = open_page("login.html")
    assert extension.wait_for_state(page, "private")["marks"] == 0
    assert proxy.bytes_to(ANNOTATE) == 0
    # The reader switches the site on by name: the page is read, never the password field.
    extension.set_settings(enabledSites=["127.0.0.1"])
    wait_for_marks(page, "large language model", "vector database")
    extension.wait_for_state(page, "done")
    assert sorted(marked_texts(page)) == ["large language model", "vector database"]
    assert proxy.bytes_to(ANNOTATE) > 0
    assert b"RAG" not in b"".join(each.body for each in proxy.to(ANNOTATE))
    assert not console.problems
