"""The annotate service's caches: replies and segment results, never page text, and never a
different answer from the one an empty cache would give."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.model import Dictionary
from ai_glossary.service.annotate import (
    MATCH_BYTES,
    MIN_CACHED_CHARS,
    SEGMENT_CACHE_BYTES,
    Annotator,
    Options,
    Recent,
)
from ai_glossary.web.responses import JSONResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.backend.matching.test_matcher import texts

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"
LONG = "Models tuned with RLHF make LLMs helpful; an LLM-based AI agent uses tokens."


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return load_dictionary(RULES)


def test_a_repeated_request_gets_the_same_reply(dictionary: Dictionary) -> None:
    annotator = Annotator(dictionary, cache_entries=100)
    first = annotator.annotate([LONG, "LLM"], Options(), "http://x")
    again = annotator.annotate([LONG, "LLM"], Options(), "http://x")
    assert again is first
    assert again == Annotator(dictionary, cache_entries=1).annotate(
        [LONG, "LLM"], Options(), "http://x"
    )


def test_options_and_base_url_are_part_of_the_key(dictionary: Dictionary) -> None:
    annotator = Annotator(dictionary, cache_entries=100)
    plain = annotator.annotate([LONG, LONG], Options(), "http://x")
    first_only = annotator.annotate([LONG, LONG], Options(first_only=True), "http://x")
    elsewhere = annotator.annotate([LONG, LONG], Options(), "https://y")
    assert len(first_only["matches"]) < len(plain["matches"])
    assert elsewhere["terms"]["rlhf"]["url"] == "https://y/terms/rlhf"
    assert plain["terms"]["rlhf"]["url"] == "http://x/terms/rlhf"


def test_the_reply_carries_its_own_json(dictionary: Dictionary) -> None:
    reply = Annotator(dictionary, cache_entries=10).annotate([LONG], Options(), "http://x")
    assert JSONResponse(reply).body == orjson.dumps(dict(reply))


def test_caches_hold_digests_and_results_only(dictionary: Dictionary) -> None:
    marker = "PRIVATE-marker-3e1f " * 4
    annotator = Annotator(dictionary, cache_entries=100)
    annotator.annotate([marker + LONG, "short LLM"], Options(), "http://x")
    assert len(marker + LONG) >= MIN_CACHED_CHARS
    assert len(annotator.segment_cache) == 1
    for key, value in annotator.segment_cache.items():
        assert isinstance(key, bytes) and len(key) == 16
        assert all(isinstance(match, tuple) and len(match) == 4 for match in value)
    for key, reply in annotator.reply_cache.items():
        assert isinstance(key, bytes) and len(key) == 16
        assert b"PRIVATE" not in reply.json
    assert "PRIVATE" not in repr(list(annotator.segment_cache.items()))
    assert "PRIVATE" not in repr(list(annotator.reply_cache.items()))


def test_segment_results_are_reused_across_requests(dictionary: Dictionary) -> None:
    annotator = Annotator(dictionary, cache_entries=100)
    annotator.annotate([LONG], Options())
    found = annotator.find(["a new short one with RLHF", LONG])
    assert found[1] is annotator.segment_cache[next(iter(annotator.segment_cache))]


def test_the_segment_cache_is_bounded(dictionary: Dictionary) -> None:
    annotator = Annotator(dictionary, cache_entries=3)
    for n in range(10):
        annotator.annotate([f"{n} {LONG}"], Options())
    assert len(annotator.segment_cache) == 3
    assert len(annotator.reply_cache) <= 3


def test_the_segment_cache_is_bounded_in_bytes(dictionary: Dictionary) -> None:
    """Entries alone let long segments dense with terms hold some 100 MB a request."""
    annotator = Annotator(dictionary, cache_entries=20_000)
    dense = "RLHF " * 4_000  # 4,000 matches a segment
    for n in range(60):
        annotator.annotate([f"{n} {dense}"], Options())
    held = sum(MATCH_BYTES * len(found) for found in annotator.segment_cache.values())
    assert held <= SEGMENT_CACHE_BYTES
    assert 20 < len(annotator.segment_cache) < 60  # full, by bytes rather than entries


def test_recent_drops_the_least_recently_used_by_count_and_weight() -> None:
    recent: Recent[str, bytes] = Recent(3, len, budget=100)
    for key in "abc":
        recent.keep(key, b"x" * 10)
    assert recent.recall("a") == b"x" * 10
    recent.keep("d", b"x" * 10)
    assert list(recent) == ["c", "a", "d"]
    recent.keep("e", b"x" * 20)
    recent.keep("f", b"x" * 24)
    assert recent.weight <= 100 and "f" in recent
    recent.keep("huge", b"x" * 60)  # more than a quarter of the budget: not kept
    assert "huge" not in recent


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_caches_never_change_a_reply(dictionary: Dictionary, data: st.DataObject) -> None:
    segment = texts(dictionary).map(lambda text: text * 4)  # long enough to be cached
    pool = data.draw(st.lists(segment, min_size=1, max_size=5))
    warm = Annotator(dictionary, cache_entries=4)
    for _ in range(3):
        request = data.draw(st.lists(st.sampled_from(pool), max_size=4))
        options = Options(first_only=data.draw(st.booleans()))
        cold = Annotator(dictionary, cache_entries=1).annotate(request, options, "http://x")
        assert warm.annotate(request, options, "http://x") == cold
