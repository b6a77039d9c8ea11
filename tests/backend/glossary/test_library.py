"""Several glossaries at once: precedence, choosing them, cards that say where they come from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ai_glossary.glossary.library import Library, UnknownGlossary
from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

from tests.support.dictionaries import write_two_perplexities

DICTIONARIES = Path(__file__).parents[2] / "fixtures" / "dictionaries"
RULES = DICTIONARIES / "rules"
BUSINESS = DICTIONARIES / "business"
TEXT = "Our AI agent answers QBR questions with an LLM and C360 data."


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(dictionary=BUSINESS, extra_dictionaries=(RULES,))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def marks(client: TestClient, **body: object) -> dict[str, str]:
    reply = client.post("/v1/annotate", json={"segments": [TEXT], **body}).json()
    return {
        TEXT[m["start"] : m["end"]]: f"{reply['terms'][m['term']]['glossary']['id']}/{m['term']}"
        for m in reply["matches"]
    }


def test_the_first_listed_glossary_wins_a_form(client: TestClient) -> None:
    assert marks(client) == {
        "AI agent": "acme/agent-desk",  # the business glossary is listed first
        "QBR": "acme/quarterly-business-review",
        "LLM": "acme/large-language-model",
        "C360": "acme/customer-360",
    }


def test_choosing_glossaries(client: TestClient) -> None:
    assert marks(client, glossaries=["rules"]) == {
        "AI agent": "rules/ai-agent",
        "LLM": "rules/large-language-model",
    }
    assert marks(client, glossaries=["acme"])["AI agent"] == "acme/agent-desk"
    assert marks(client, glossaries=[]) == {}
    response = client.post("/v1/annotate", json={"segments": [TEXT], "glossaries": ["nope"]})
    assert response.status_code == 422
    assert "no glossary with id 'nope'" in response.json()["error"]["message"]


def test_glossaries_are_listed_in_priority_order(client: TestClient) -> None:
    listed = client.get("/v1/glossaries").json()["glossaries"]
    assert [(g["id"], g["name"], g["terms"]) for g in listed] == [
        ("acme", "Acme Corp glossary", 4),
        ("rules", "Matching rules fixture", 25),
    ]


def test_term_page_shows_every_glossary_s_definition(client: TestClient) -> None:
    page = client.get("/terms/large-language-model").text
    assert "At Acme, the approved model behind our assistant" in page
    assert "A big neural network trained on text." in page
    assert "Matching rules fixture" in page
    assert "Acme Corp glossary" in page


def test_library_rules() -> None:
    business, rules = load_dictionary(BUSINESS), load_dictionary(RULES)
    library = Library([business, rules])
    assert library.merged.terms["large-language-model"] is business.terms["large-language-model"]
    others = library.other_entries("large-language-model")
    assert [(g.id, t.slug) for g, t in others] == [("rules", "large-language-model")]
    assert [(g.id, t.slug) for g, t in library.other_entries("agent-desk")] == [
        ("rules", "ai-agent")
    ]
    assert library.choose(["rules", "acme"]) == ("acme", "rules")  # order is the server's
    with pytest.raises(UnknownGlossary):
        library.choose(["nope"])
    with pytest.raises(ValueError, match="share the id"):
        Library([rules, rules])


def test_an_entry_sharing_a_name_in_its_own_glossary_is_not_another_definition(
    tmp_path: Path,
) -> None:
    # Never marked, the metric may share "Perplexity" with the company (the reader allows
    # it); each page is its own term, not the other's definition "in other glossaries".
    write_two_perplexities(tmp_path)
    library = Library([load_dictionary(tmp_path), load_dictionary(RULES)])
    assert library.other_entries("company") == []
    assert library.other_entries("metric") == []
    with TestClient(create_app(Settings(dictionary=tmp_path))) as client:
        page = client.get("/terms/company").text
    assert "In other glossaries" not in page
