"""Property-based fuzzing of POST /v1/annotate: whatever arrives, the reply is a 200 whose
offsets are valid UTF-16 positions in their segment, or a 4xx with the error shape. Never 5xx.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from ai_glossary.web.openapi import ERROR_CODES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from tests.conftest import DICTIONARIES

LIMITS = Settings(dictionary=DICTIONARIES / "rules")  # the shipped limits
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Forms of the rules dictionary, so that fuzzed text also produces matches.
TERMS = ["LLM", "LLMs", "RLHF", "large language model", "AI agent", "tokens", "fine-tuned", "GAN"]
# Pieces that have broken text handling elsewhere: each is one "character" to a reader.
TRICKY = [
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "e\u0301\u0302\u0303",  # stacked combining marks
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family: ZWJ sequence
    "\U0001f44d\U0001f3fd",  # emoji with skin tone
    "\U0001f1fa\U0001f1f3",  # flag: regional indicators
    "\u00a0",  # no-break space
    "\u00ad",  # soft hyphen
    "\u2011",  # non-breaking hyphen
    "\ufeff",  # byte-order mark
    "\x00",  # NUL
    "\x1b[31m",  # terminal escape
    "\r\n\t\x0b\x0c",
    "\U0010ffff",  # the last code point
    "\U0001d400",  # mathematical bold A: astral letter
]
# Every Unicode category, surrogates included (they only travel as JSON escapes).
ANY_CHAR = st.characters(codec=None, categories=None, exclude_categories=())
TEXT_CHAR = st.characters(codec="utf-8")  # everything but surrogates
LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"]
SEGMENT = st.lists(
    st.one_of(st.sampled_from(TERMS), st.sampled_from(TRICKY), st.text(TEXT_CHAR, max_size=8)),
    max_size=12,
).map("".join)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(ANY_CHAR),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(LIMITS), raise_server_exceptions=False) as test_client:
        yield test_client


def encode(body: Any, *, ascii_only: bool) -> bytes:
    """JSON bytes; `ascii_only` escapes every non-ASCII code point, lone surrogates too."""
    return json.dumps(body, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def post(client: TestClient, body: bytes) -> tuple[int, Any]:
    response = client.post(
        "/v1/annotate", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/json"
    return response.status_code, response.json()


def assert_error_shape(status: int, reply: Any) -> None:
    assert 400 <= status < 500
    assert set(reply) == {"error"}
    assert set(reply["error"]) == {"code", "message"}
    assert reply["error"]["code"] in ERROR_CODES
    assert isinstance(reply["error"]["message"], str) and reply["error"]["message"]


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def splits_a_pair(units: bytes, offset: int) -> bool:
    """Whether a UTF-16 offset falls between the two halves of a surrogate pair."""
    if offset <= 0 or offset * 2 >= len(units):
        return False
    before = int.from_bytes(units[offset * 2 - 2 : offset * 2], "little")
    after = int.from_bytes(units[offset * 2 : offset * 2 + 2], "little")
    return 0xD800 <= before <= 0xDBFF and 0xDC00 <= after <= 0xDFFF


def assert_valid_reply(segments: list[str], reply: Any) -> None:
    assert set(reply) == {"dictionary", "context", "matches", "terms"}
    previous: tuple[int, int] = (-1, 0)
    encoded = [utf16(segment) for segment in segments]
    for match in reply["matches"]:
        index, start, end = match["segment"], match["start"], match["end"]
        assert 0 <= index < len(segments)
        units = encoded[index]
        assert 0 <= start < end <= len(units) // 2, match
        assert not splits_a_pair(units, start) and not splits_a_pair(units, end), match
        found = units[start * 2 : end * 2].decode("utf-16-le")
        assert found.strip(), match
        # Whole words only: no letter or digit of any script just outside the match.
        before = units[max(start - 2, 0) * 2 : start * 2].decode("utf-16-le", "surrogatepass")[-1:]
        after = units[end * 2 : (end + 2) * 2].decode("utf-16-le", "surrogatepass")[:1]
        assert not before.isalnum() and not after.isalnum(), (segments[index], match)
        # In order, and never overlapping within a segment.
        assert (index, start) >= previous, (previous, match)
        previous = (index, end)
        assert match["term"] in reply["terms"]
    assert set(reply["terms"]) == {match["term"] for match in reply["matches"]}


@FUZZ
@given(segments=st.lists(SEGMENT, max_size=6), ascii_only=st.booleans())
def test_any_text_gets_valid_offsets(
    client: TestClient, segments: list[str], ascii_only: bool
) -> None:
    status, reply = post(client, encode({"segments": segments}, ascii_only=ascii_only))
    assert status == 200, reply
    assert_valid_reply(segments, reply)


@FUZZ
@given(segments=st.lists(SEGMENT, min_size=1, max_size=4), lone=st.sampled_from(LONE_SURROGATES))
def test_lone_surrogates_are_refused_whole(
    client: TestClient, segments: list[str], lone: str
) -> None:
    # JSON can escape a lone surrogate, but it is not text: refused, never half-read.
    middle = len(segments[-1]) // 2
    segments[-1] = segments[-1][:middle] + lone + segments[-1][middle:]
    status, reply = post(client, encode({"segments": segments}, ascii_only=True))
    assert (status, reply["error"]["code"]) == (400, "malformed_json")


@FUZZ
@given(body=JSON, ascii_only=st.booleans())
def test_any_json_value_is_answered(client: TestClient, body: Any, ascii_only: bool) -> None:
    status, reply = post(client, encode(body, ascii_only=ascii_only))
    if status != 200:
        assert_error_shape(status, reply)


@FUZZ
@given(segments=JSON, options=JSON, extra=st.dictionaries(st.text(max_size=5), JSON, max_size=2))
def test_any_shape_of_object_is_answered(
    client: TestClient, segments: Any, options: Any, extra: dict[str, Any]
) -> None:
    body = {**extra, "segments": segments, "options": options}
    status, reply = post(client, encode(body, ascii_only=True))
    if status == 200:
        assert_valid_reply(segments, reply)
    else:
        assert_error_shape(status, reply)


@FUZZ
@given(body=st.binary(max_size=200))
def test_any_bytes_are_answered(client: TestClient, body: bytes) -> None:
    status, reply = post(client, body)
    if status != 200:
        assert_error_shape(status, reply)


def test_ten_thousand_tiny_segments(client: TestClient) -> None:
    segments = ["LLM", "", "a", "\U0001f600"] * (LIMITS.max_segments // 4)
    status, reply = post(client, encode({"segments": segments}, ascii_only=False))
    assert status == 200
    assert_valid_reply(segments, reply)
    assert len(reply["matches"]) == LIMITS.max_segments // 4
    status, reply = post(client, encode({"segments": [*segments, "x"]}, ascii_only=False))
    assert (status, reply["error"]["code"]) == (413, "too_many_segments")


@pytest.mark.parametrize("filler", ["word LLM ", "\U0001f600 RLHF \u05e9 "])
def test_segment_at_the_size_limit_and_just_past_it(client: TestClient, filler: str) -> None:
    limit = LIMITS.max_segment_chars
    at_limit = (filler * (limit // len(filler) + 1))[:limit]
    status, reply = post(client, encode({"segments": [at_limit]}, ascii_only=False))
    assert status == 200
    assert_valid_reply([at_limit], reply)
    assert reply["matches"]
    past = at_limit + "x"
    status, reply = post(client, encode({"segments": [past]}, ascii_only=False))
    assert (status, reply["error"]["code"]) == (413, "segment_too_long")


def test_body_at_the_byte_limit_and_just_past_it(client: TestClient) -> None:
    body = b'{"segments": ["LLM"]}'
    at_limit = body + b" " * (LIMITS.max_body_bytes - len(body))  # JSON allows white space
    status, _ = post(client, at_limit)
    assert status == 200
    status, reply = post(client, at_limit + b" ")
    assert (status, reply["error"]["code"]) == (413, "payload_too_large")


def test_huge_and_empty_segments(client: TestClient) -> None:
    huge = "LLM " * (LIMITS.max_segment_chars // 4)
    segments = ["", huge, "", " " * 1000, huge[:-1]]
    status, reply = post(client, encode({"segments": segments}, ascii_only=False))
    assert status == 200
    assert_valid_reply(segments, reply)
    assert {m["segment"] for m in reply["matches"]} == {1, 4}
