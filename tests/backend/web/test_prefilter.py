"""GET /v1/prefilter: the index the extension checks blocks against, keyed by the
glossaries' version (ETag and body), revalidated with a 304."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

DICTIONARIES = Path(__file__).parents[2] / "fixtures" / "dictionaries"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(dictionary=DICTIONARIES / "e2e"))) as test_client:
        yield test_client


def test_the_index_names_the_version_and_every_form(client: TestClient) -> None:
    version = client.get("/healthz").json()["dictionary"]["version"]
    reply = client.get("/v1/prefilter")
    assert reply.status_code == 200
    body = reply.json()
    assert body["version"] == version
    keys = {key for listed in body["words"].values() for key in listed}
    assert {"context window", "rag", "llm", "llms", "vector database", "fine tuning"} <= keys
    assert version in reply.headers["etag"]
    assert "max-age" in reply.headers["cache-control"]


def test_the_same_version_is_a_304(client: TestClient) -> None:
    etag = client.get("/v1/prefilter").headers["etag"]
    again = client.get("/v1/prefilter", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
