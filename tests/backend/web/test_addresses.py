"""Every alias and acronym is an address: /terms/<any form> leads to the term's page, and a
search for an exact acronym goes straight to its term."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(dictionary=RULES))) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("address", "slug"),
    [
        ("RLHF", "rlhf"),
        ("LLM", "large-language-model"),
        ("llm", "large-language-model"),
        ("LLMs", "large-language-model"),
        ("large-language-models", "large-language-model"),
        ("large%20language%20model", "large-language-model"),
        ("fine-tuned", "fine-tuning"),
    ],
)
def test_a_form_is_a_permanent_address(client: TestClient, address: str, slug: str) -> None:
    response = client.get(f"/terms/{address}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == f"/terms/{slug}"
    assert client.get(f"/terms/{address}").status_code == 200


def test_no_form_is_still_a_friendly_404(client: TestClient) -> None:
    response = client.get("/terms/no-such-thing", follow_redirects=False)
    assert response.status_code == 404


def test_an_exact_acronym_search_goes_to_its_term(client: TestClient) -> None:
    response = client.get("/search", params={"q": "RLHF"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/terms/rlhf"
    # Not an acronym as written: the results page, as before.
    assert client.get("/search", params={"q": "rlhf"}, follow_redirects=False).status_code == 200
