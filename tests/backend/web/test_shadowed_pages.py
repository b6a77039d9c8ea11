"""An entry another glossary hides keeps its full page at a glossary-qualified address, and
the two pages link to each other (issue 17, item 3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.support.pages import DICTIONARIES, app_client


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    # The business glossary, listed first, has its own "large-language-model" entry.
    with app_client(DICTIONARIES / "business", extra_dictionaries=(DICTIONARIES / "rules",)) as c:
        yield c


def _links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html)


def _definition(html: str) -> str:
    section = html[html.index('id="definition"') : html.index("</section>")]
    return re.sub(r"<[^>]+>", " ", section)


def test_the_hidden_entry_has_a_full_page_that_links_to_the_entry_hiding_it(
    client: TestClient,
) -> None:
    shown = client.get("/terms/large-language-model")
    assert "At Acme, the approved model" in _definition(shown.text)
    hidden_path = "/glossaries/rules/terms/large-language-model"
    assert hidden_path in _links(shown.text)

    hidden = client.get(hidden_path)
    assert hidden.status_code == 200
    # Its own definition, full page and all, with the entry hiding it linked.
    assert "A big neural network trained on text." in _definition(hidden.text)
    assert "Matching rules fixture" in _definition(hidden.text)
    assert "/terms/large-language-model" in _links(hidden.text)
    assert f'<link rel="canonical" href="http://testserver{hidden_path}">' in hidden.text
    assert f'"@id":"http://testserver{hidden_path}"' in hidden.text.replace(" ", "")


def test_a_shown_entry_has_one_address(client: TestClient) -> None:
    reply = client.get("/glossaries/acme/terms/large-language-model", follow_redirects=False)
    assert reply.status_code == 301
    assert reply.headers["location"] == "/terms/large-language-model"
    # An entry no other glossary hides is shown at /terms too.
    reply = client.get("/glossaries/rules/terms/hallucination", follow_redirects=False)
    assert (reply.status_code, reply.headers["location"]) == (301, "/terms/hallucination")


@pytest.mark.parametrize(
    "path",
    [
        "/glossaries/nobody/terms/large-language-model",
        "/glossaries/rules/terms/no-such-term",
        "/glossaries/acme/terms/hallucination",  # in another glossary only
    ],
)
def test_no_such_entry_is_a_not_found_page(client: TestClient, path: str) -> None:
    reply = client.get(path, follow_redirects=False)
    assert reply.status_code == 404
    assert "No such term" in reply.text
