"""Cards travel once: annotate without cards, and GET /v1/cards by dictionary version with
immutable HTTP caching (docs/adr/0008-caches.md)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from ai_glossary.service.contracts import AnnotateReply, CardsReply, ErrorReply
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

FIXTURES = Path(__file__).parents[2] / "fixtures"
RULES = FIXTURES / "dictionaries" / "rules"
TEXT = "Models tuned with RLHF make LLMs helpful; an LLM-based AI agent uses tokens."
IMMUTABLE = "public, max-age=31536000, immutable"
# The extension's default options, as its service worker sends them.
EXTENSION = {"first_only": True, "cards": False}
REPLY_BUDGET = 4 * 1024  # bytes, for a 20 KB page whose terms the extension holds


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(dictionary=RULES))) as test_client:
        yield test_client


def annotate(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/annotate", json=body)
    assert response.status_code == 200, response.text
    msgspec.json.decode(response.content, type=AnnotateReply)
    reply: dict[str, Any] = response.json()
    return reply


def test_a_request_without_the_option_gets_every_card(client: TestClient) -> None:
    reply = annotate(client, {"segments": [TEXT]})
    assert set(reply["terms"]) == {m["term"] for m in reply["matches"]} != set()


def test_without_cards_the_same_matches_and_the_cards_from_v1_cards(client: TestClient) -> None:
    whole = annotate(client, {"segments": [TEXT]})
    bare = annotate(client, {"segments": [TEXT], "options": {"cards": False}})
    assert bare["terms"] == {}
    assert {**bare, "terms": whole["terms"]} == whole
    slugs = ",".join(sorted(whole["terms"]))
    version = bare["dictionary"]["version"]
    response = client.get(f"/v1/cards?slugs={slugs}&version={version}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == IMMUTABLE
    cards = msgspec.json.decode(response.content, type=CardsReply)
    assert cards.dictionary.version == version
    assert response.json()["terms"] == whole["terms"]


def test_slugs_that_name_no_term_are_left_out(client: TestClient) -> None:
    version = annotate(client, {"segments": []})["dictionary"]["version"]
    reply = client.get(f"/v1/cards?slugs=rlhf,,no-such-term&version={version}").json()
    assert list(reply["terms"]) == ["rlhf"]


def test_another_version_is_a_409_never_cached(client: TestClient) -> None:
    response = client.get("/v1/cards?slugs=rlhf&version=0123456789abcdef")
    assert response.status_code == 409
    assert msgspec.json.decode(response.content, type=ErrorReply).error.code == "version_mismatch"
    assert "immutable" not in response.headers.get("cache-control", "")


def test_blank_slugs_name_no_card(client: TestClient) -> None:
    version = client.get("/healthz").json()["dictionary"]["version"]
    for slugs in ("", ",", "%1D"):
        response = client.get(f"/v1/cards?slugs={slugs}&version={version}")
        assert response.status_code == 200
        assert response.json()["terms"] == {}


@pytest.mark.parametrize(
    "query",
    ["", "?slugs=rlhf", "?slugs=rlhf&version=v&glossaries=x"],
)
def test_bad_queries_are_a_422(client: TestClient, query: str) -> None:
    response = client.get(f"/v1/cards{query}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_too_many_slugs_are_a_422(client: TestClient) -> None:
    version = annotate(client, {"segments": []})["dictionary"]["version"]
    slugs = ",".join(f"s{n}" for n in range(501))
    response = client.get(f"/v1/cards?slugs={slugs}&version={version}")
    assert response.status_code == 422
    assert "at most 500 slugs" in response.json()["error"]["message"]


def test_the_reply_cache_keeps_options_apart(client: TestClient) -> None:
    """The same segments with and without cards: two replies, each right."""
    for _ in range(2):
        assert annotate(client, {"segments": [TEXT], "options": {"cards": False}})["terms"] == {}
        assert annotate(client, {"segments": [TEXT]})["terms"] != {}


def _page_text(size: int) -> list[str]:
    """About `size` bytes of JSON of paragraphs, from the fixture article, numbered so that
    every paragraph is new."""
    source = (FIXTURES / "pages" / "article.html").read_text(encoding="utf-8")
    paragraphs = [
        html.unescape(re.sub(r"<[^>]+>", "", found)).strip()
        for found in re.findall(r"<p[^>]*>(.*?)</p>", source, re.DOTALL)
    ]
    paragraphs = [p for p in paragraphs if p]
    segments: list[str] = []
    while len(msgspec.json.encode({"segments": segments})) < size:
        segments.append(f"{len(segments)}. {paragraphs[len(segments) % len(paragraphs)]}")
    return segments


def test_a_20_kb_page_with_known_terms_gets_at_most_4_kb(tmp_path: Path) -> None:
    """With the extension's default options, on the bundled glossary."""
    segments = _page_text(20_000)
    with TestClient(create_app(Settings())) as bundled:
        response = bundled.post("/v1/annotate", json={"segments": segments, "options": EXTENSION})
        whole = bundled.post("/v1/annotate", json={"segments": segments})
    reply = response.json()
    assert len(reply["matches"]) >= 10, "too few terms on the page: this would check little"
    assert reply["terms"] == {}
    assert len(response.content) <= REPLY_BUDGET, len(response.content)
    assert len(whole.content) > len(response.content)
