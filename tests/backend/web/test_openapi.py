"""/openapi.json is generated from the contract types: valid OpenAPI 3.1, every field
described, and every reply of the API decodes strictly as the type it promises."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from ai_glossary.service import contracts
from ai_glossary.settings import Settings
from openapi_spec_validator import validate
from starlette.testclient import TestClient

from tests.support.pages import DICTIONARIES, app_client


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with app_client(DICTIONARIES / "business", extra_dictionaries=(DICTIONARIES / "rules",)) as c:
        yield c


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    body: dict[str, Any] = client.get("/openapi.json").json()
    return body


def test_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    validate(document)


def undescribed(schema: Any, where: str) -> Iterator[str]:
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            if "description" not in prop:
                yield f"{where}.{name}"
            yield from undescribed(prop, f"{where}.{name}")
        for key in ("items", "anyOf", "additionalProperties"):
            if key in schema:
                yield from undescribed(schema[key], where)
    elif isinstance(schema, list):
        for item in schema:
            yield from undescribed(item, where)


def test_every_field_is_described(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    missing = [path for name, schema in schemas.items() for path in undescribed(schema, name)]
    assert missing == []
    options = schemas["AnnotateOptions"]["properties"]
    assert {"first_only", "page_is_ai"} <= set(options)
    parameters = [
        p
        for path in document["paths"].values()
        for op in path.values()
        for p in op.get("parameters", [])
    ]
    assert all(p.get("description") for p in parameters)


def test_limits_and_glossaries_come_from_the_server(document: dict[str, Any]) -> None:
    settings = Settings()
    request = document["components"]["schemas"]["AnnotateRequest"]["properties"]
    assert request["segments"]["maxItems"] == settings.max_segments
    assert request["segments"]["items"]["maxLength"] == settings.max_segment_chars
    assert request["glossaries"]["anyOf"][0]["items"]["enum"] == ["acme", "rules"]


REQUESTS = [
    (
        "post",
        "/v1/annotate",
        {"segments": ["RLHF made LLMs useful.", "agent desk"]},
        "AnnotateReply",
    ),
    ("get", "/v1/terms/rlhf", None, "TermReply"),
    ("get", "/v1/search?q=llm", None, "SearchReply"),
    ("get", "/v1/glossaries", None, "GlossariesReply"),
    ("get", "/v1/limits", None, "LimitsReply"),
    ("get", "/healthz", None, "HealthReply"),
    ("get", "/v1/terms/nope", None, "ErrorReply"),
    ("post", "/v1/annotate", {"segments": [1]}, "ErrorReply"),
]


@pytest.mark.parametrize(("method", "path", "body", "type_name"), REQUESTS)
def test_replies_decode_as_their_types(
    client: TestClient, method: str, path: str, body: Any, type_name: str
) -> None:
    response = client.request(method, path, json=body)
    reply_type = getattr(contracts, type_name)
    decoded = msgspec.json.decode(response.content, type=reply_type, strict=True)
    assert msgspec.to_builtins(decoded) == response.json() or type_name == "AnnotateReply"


def test_annotate_errors_name_the_path_never_the_text(client: TestClient) -> None:
    secret = "PAGE-TEXT-SECRET"
    response = client.post("/v1/annotate", json={"segments": ["ok", 7], "options": {secret: True}})
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "$.segments[1]" in message or "$.options" in message
    assert secret not in response.text
    unknown = client.post("/v1/annotate", json={"segments": [], "options": {secret: True}})
    assert unknown.json()["error"]["message"].startswith("unknown field at `$.options`")
    assert secret not in unknown.text
