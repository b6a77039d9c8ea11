"""The JSON API: replies, the one error shape, limits, CORS, caching and privacy."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

from tests.support.servers import running_backend

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"
SETTINGS = Settings(dictionary=RULES, max_body_bytes=4096, max_segments=5, max_segment_chars=100)
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS)) as test_client:
        yield test_client


def annotate(client: TestClient, body: object) -> dict[str, object]:
    response = client.post("/v1/annotate", json=body)
    assert response.status_code == 200, response.text
    reply: dict[str, object] = response.json()
    return reply


def test_annotate_paragraph(client: TestClient) -> None:
    text = "Models tuned with RLHF 😀 make LLMs helpful; an LLM-based AI agent uses tokens."
    reply = annotate(client, {"segments": ["nothing here", text]})
    units = text.encode("utf-16-le")
    spans = [
        (m["segment"], units[m["start"] * 2 : m["end"] * 2].decode("utf-16-le"), m["term"])
        for m in reply["matches"]  # type: ignore[union-attr]
    ]
    assert spans == [
        (1, "RLHF", "rlhf"),
        (1, "LLMs", "large-language-model"),
        (1, "LLM", "large-language-model"),
        (1, "AI agent", "ai-agent"),
        (1, "tokens", "token"),
    ]
    assert reply["matches"][1]["start"] == text.index("LLMs") + 1  # type: ignore[index]
    assert reply["context"] == {"page_is_ai": True}
    assert reply["dictionary"]["version"]  # type: ignore[index]
    terms = reply["terms"]
    assert sorted(terms) == ["ai-agent", "large-language-model", "rlhf", "token"]  # type: ignore[arg-type]
    card = terms["large-language-model"]  # type: ignore[index]
    assert card == {
        "term": "Large language model",
        "plain_english": "An AI that writes.",
        "definition": "A big neural network trained on text.",
        "url": "http://testserver/terms/large-language-model",
        "glossary": {"id": "rules", "name": "Matching rules fixture"},
        "tools": [
            {
                "name": "Hugging Face Transformers",
                "url": "https://github.com/huggingface/transformers",
            },
            {"name": "TRL", "url": "https://github.com/huggingface/trl"},
            {"name": "vLLM", "url": "https://github.com/vllm-project/vllm"},
        ],
    }


def test_first_only_keeps_the_first_occurrence_across_segments(client: TestClient) -> None:
    reply = annotate(
        client,
        {"segments": ["LLM and RLHF", "LLMs again", "RLHF"], "options": {"first_only": True}},
    )
    assert [(m["segment"], m["term"]) for m in reply["matches"]] == [  # type: ignore[union-attr, index]
        (0, "large-language-model"),
        (0, "rlhf"),
    ]


def test_ambiguous_words_are_judged_one_by_one(client: TestClient) -> None:
    plain = annotate(client, {"segments": ["The travel agent booked a model home with a token."]})
    assert plain["matches"] == [] and plain["terms"] == {}
    assert plain["context"] == {"page_is_ai": False}
    # A term with no other sense in the sentence supports the ambiguous words beside it.
    beside = annotate(client, {"segments": ["An agent with a token and an LLM."]})
    assert [m["term"] for m in beside["matches"]] == [  # type: ignore[union-attr, index]
        "ai-agent",
        "token",
        "large-language-model",
    ]
    # The client's word that the page is about AI is one clue, never enough alone.
    told = annotate(client, {"segments": ["The agent"], "options": {"page_is_ai": True}})
    assert told["matches"] == []
    about_ai = annotate(client, {"segments": ["LLM agents trade tokens; RLHF"]})
    assert [m["term"] for m in about_ai["matches"]] == [  # type: ignore[union-attr, index]
        "large-language-model",
        "ai-agent",
        "token",
        "rlhf",
    ]
    assert about_ai["context"] == {"page_is_ai": True}


def test_empty_segments(client: TestClient) -> None:
    reply = annotate(client, {"segments": []})
    assert reply["matches"] == [] and reply["terms"] == {}
    assert annotate(client, {"segments": ["", " "]})["matches"] == []


BAD_REQUESTS = [
    (b"", 400, "empty_body"),
    (b"{", 400, "malformed_json"),
    (b"\xff\xfe", 400, "malformed_json"),
    (b'{"segments": ["\\ud800 lone"]}', 400, "malformed_json"),
    (b"[]", 422, "invalid_request"),
    (b'"text"', 422, "invalid_request"),
    (b"{}", 422, "invalid_request"),
    (b'{"segments": "LLM"}', 422, "invalid_request"),
    (b'{"segments": [1]}', 422, "invalid_request"),
    (b'{"segments": [null]}', 422, "invalid_request"),
    (b'{"segments": [], "extra": 1}', 422, "invalid_request"),
    (b'{"segments": [], "options": []}', 422, "invalid_request"),
    (b'{"segments": [], "options": {"first_only": "yes"}}', 422, "invalid_request"),
    (b'{"segments": [], "options": {"everything": true}}', 422, "invalid_request"),
    (b'{"segments": ["a", "b", "c", "d", "e", "f"]}', 413, "too_many_segments"),
    (b'{"segments": ["' + b"x" * 101 + b'"]}', 413, "segment_too_long"),
    (b'{"segments": ["' + b"x" * 5000 + b'"]}', 413, "payload_too_large"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD_REQUESTS)
def test_bad_requests_get_the_error_shape(
    client: TestClient, body: bytes, status: int, code: str
) -> None:
    response = client.post("/v1/annotate", content=body, headers=JSON)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "application/json-patch+json",
    ],
)
def test_annotate_takes_json_only(client: TestClient, content_type: str | None) -> None:
    """Bodies a page may send cross-origin without a preflight are refused: 415."""
    headers = {} if content_type is None else {"content-type": content_type}
    response = client.post("/v1/annotate", content=b'{"segments": ["LLM"]}', headers=headers)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=utf-8", "Application/JSON"]
)
def test_annotate_takes_json_with_any_spelling(client: TestClient, content_type: str) -> None:
    headers = {"content-type": content_type}
    response = client.post("/v1/annotate", content=b'{"segments": ["LLM"]}', headers=headers)
    assert response.status_code == 200


def test_annotate_replies_are_never_stored(client: TestClient) -> None:
    for _ in range(2):  # computed, then from the reply cache
        response = client.post("/v1/annotate", json={"segments": ["RLHF and LLMs"]})
        assert response.headers["cache-control"] == "no-store"


def test_errors_never_echo_page_text(client: TestClient) -> None:
    marker = "PRIVATE-7f3a"
    for body in ('{"segments": ["' + marker, '{"segments": [1, "' + marker + '"]}'):
        assert marker not in client.post("/v1/annotate", content=body, headers=JSON).text


def test_lying_content_length_is_refused(client: TestClient) -> None:
    response = client.post(
        "/v1/annotate",
        content=b'{"segments": []}',
        headers={**JSON, "content-length": "99999999"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/v1/annotate", 405, "method_not_allowed"),
        ("GET", "/v1/terms/no-such-term", 404, "not_found"),
        ("GET", "/v1/nothing", 404, "not_found"),
        ("DELETE", "/v1/terms/rlhf", 405, "method_not_allowed"),
    ],
)
def test_routing_errors_use_the_error_shape(
    client: TestClient, method: str, path: str, status: int, code: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_term_json_and_etag(client: TestClient) -> None:
    response = client.get("/v1/terms/large-language-model")
    assert response.status_code == 200
    entry = response.json()
    assert entry["term"] == "Large language model"
    assert entry["acronyms"] == ["LLM"]
    assert [t["id"] for t in entry["tools"]] == ["hf", "trl", "vllm", "ollama"]
    etag = response.headers["etag"]
    again = client.get("/v1/terms/large-language-model", headers={"if-none-match": etag})
    assert again.status_code == 304


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["ok"] is True and health["dictionary"]["terms"] == 25
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/v1/annotate" in spec["paths"]


def test_cors_allows_extension_origins_only(client: TestClient) -> None:
    for origin, allowed in [
        ("chrome-extension://abcdefghijklmnop", True),
        ("moz-extension://1234-5678", True),
        ("https://evil.example", False),
    ]:
        response = client.options(
            "/v1/annotate",
            headers={
                "origin": origin,
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type",
            },
        )
        assert (response.headers.get("access-control-allow-origin") == origin) is allowed


def test_configured_cors_origin() -> None:
    settings = replace(SETTINGS, cors_origins=("https://intranet.example",))
    with TestClient(create_app(settings)) as test_client:
        response = test_client.post(
            "/v1/annotate", json={"segments": []}, headers={"origin": "https://intranet.example"}
        )
    assert response.headers["access-control-allow-origin"] == "https://intranet.example"


def test_the_reply_cache_holds_digests_and_replies_only(client: TestClient) -> None:
    marker = "secret-marker-9d2c about an LLM"
    annotate(client, {"segments": [marker]})
    replies = client.app.state.glossary.replies  # type: ignore[attr-defined]
    cached = list(replies.items())
    assert cached, "nothing was cached: this test would check nothing"
    for key, reply in cached:
        # the base URL, then numbers of the body (its length and digests): nothing of the text
        base, *of_body = key
        assert base == "http://testserver" and [type(part) for part in of_body] == [int] * 3
        assert b"secret-marker" not in reply
    assert "secret-marker" not in repr(cached)


def test_server_never_logs_page_text(tmp_path: Path) -> None:
    marker = "UNIQUE-PAGE-TEXT-4b1e9"
    with running_backend(RULES, log_dir=tmp_path, extra_args=("--access-log",)) as backend:
        for body in (
            {"segments": [f"{marker} about LLMs"]},
            {"segments": [f"{marker}"], "options": {"bogus": True}},
        ):
            request = urllib.request.Request(
                backend.url + "/v1/annotate",
                data=json.dumps(body).encode(),
                headers={"content-type": "application/json"},
            )
            try:
                urllib.request.urlopen(request, timeout=5).read()
            except urllib.error.HTTPError as error:
                assert error.code == 422
        backend.stop()
        log = backend.log()
    assert "POST /v1/annotate" in log  # the access log ran, and still holds no page text
    assert marker not in log


def test_a_small_body_is_annotated_on_the_event_loop_a_large_one_in_the_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ai_glossary.web import api

    from tests.support.native import require_native

    require_native()
    hops: list[int] = []
    run_sync = api.anyio.to_thread.run_sync

    async def counted(func, *args, **kwargs):  # type: ignore[no-untyped-def]
        if getattr(func, "func", None) is api._annotate:
            hops.append(len(func.args[1]))
        return await run_sync(func, *args, **kwargs)

    monkeypatch.setattr(api.anyio.to_thread, "run_sync", counted)
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        assert client.app.state.glossary.core.native  # type: ignore[attr-defined]
        small = client.post("/v1/annotate", json={"segments": ["RLHF tunes LLMs."]})
        assert small.status_code == 200 and small.json()["matches"]
        assert hops == []
        segments = [f"{n} RLHF tunes LLMs. " + "x" * 4000 for n in range(10)]
        large = client.post("/v1/annotate", json={"segments": segments})
        assert large.status_code == 200 and large.json()["matches"]
    assert len(hops) == 1 and hops[0] > api.INLINE_BODY_BYTES


def test_cards_link_to_the_host_each_request_names(client: TestClient) -> None:
    """Base URLs are remembered by what makes them (web/api.py): never one host's for another."""
    for host in ("one.example", "two.example:8080", "one.example"):
        response = client.post(
            "/v1/annotate", json={"segments": ["RLHF tunes LLMs."]}, headers={"host": host}
        )
        assert response.status_code == 200
        urls = [card["url"] for card in response.json()["terms"].values()]
        assert urls and all(url.startswith(f"http://{host}/terms/") for url in urls)


def test_base_urls_remembered_stay_few(client: TestClient) -> None:
    from ai_glossary.web import api

    for n in range(3 * api.BASES_KEPT):
        response = client.get("/v1/terms/rlhf", headers={"host": f"h{n}.example"})
        assert response.json()["url"] == f"http://h{n}.example/terms/rlhf"
    assert len(api._BASES) <= api.BASES_KEPT


def test_a_segment_too_long_is_named_by_its_place(client: TestClient) -> None:
    body = {"segments": ["fine", "x" * (SETTINGS.max_segment_chars + 1), "y" * 500]}
    response = client.post("/v1/annotate", json=body)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "segment_too_long" and "segments[1]" in error["message"]
    assert "xxx" not in response.text  # the text itself is never echoed
