"""The annotate service: replies with or without cards, and the cards by slug."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.model import Dictionary
from ai_glossary.service import annotate
from ai_glossary.service.annotate import Annotator, Options
from ai_glossary.web.responses import JSONResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.backend.matching.test_matcher import texts

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"
LONG = "Models tuned with RLHF make LLMs helpful; an LLM-based AI agent uses tokens."


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return load_dictionary(RULES)


@pytest.mark.parametrize("base_url", ["", "http://x"])
def test_the_reply_carries_its_own_json(dictionary: Dictionary, base_url: str) -> None:
    """Its cards' JSON, made once for each base URL, is copied in: the same bytes."""
    annotator = Annotator(dictionary)
    for _ in range(2):
        reply = annotator.annotate([LONG], Options(), base_url)
        assert reply["terms"]
        assert JSONResponse(reply).body == orjson.dumps(dict(reply))


def test_cards_are_encoded_only_under_a_base_url_a_reply_uses(dictionary: Dictionary) -> None:
    """The JSON of a card set is made when a reply first copies it: the server, which always
    has a base URL, never encodes the set without one."""
    annotator = Annotator(dictionary)
    annotator.annotate([LONG], Options(), "http://x")
    assert annotator._cards._encoded is None
    annotator.annotate([LONG], Options(), "")
    assert annotator._cards._encoded is not None


@pytest.mark.parametrize("written_in_c", [True, False])
@pytest.mark.parametrize("base_url", ["", "http://x"])
def test_the_json_sent_is_the_reply_encoded(
    dictionary: Dictionary, base_url: str, written_in_c: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reply_json`, what the API sends, on every option: `annotate`'s JSON byte for byte,
    whether C writes the matches or orjson encodes them (the Python path)."""
    if not written_in_c:
        monkeypatch.setattr(annotate, "_REPLY_JSON", None)
    annotator = Annotator(dictionary)
    for first_only in (False, True):
        for cards in (False, True):
            for explain in (False, True):
                options = Options(first_only=first_only, cards=cards, explain=explain)
                made = annotator.annotate([LONG, "LLM", ""], options, base_url)
                assert made["matches"]
                assert annotator.reply_json([LONG, "LLM", ""], options, base_url) == made.json


def test_options_and_base_url_shape_the_reply(dictionary: Dictionary) -> None:
    annotator = Annotator(dictionary)
    plain = annotator.annotate([LONG, LONG], Options(), "http://x")
    first_only = annotator.annotate([LONG, LONG], Options(first_only=True), "http://x")
    elsewhere = annotator.annotate([LONG, LONG], Options(), "https://y")
    assert len(first_only["matches"]) < len(plain["matches"])
    assert elsewhere["terms"]["rlhf"]["url"] == "https://y/terms/rlhf"
    assert plain["terms"]["rlhf"]["url"] == "http://x/terms/rlhf"


def test_without_cards_the_same_matches_and_no_terms(dictionary: Dictionary) -> None:
    annotator = Annotator(dictionary)
    whole = annotator.annotate([LONG, "LLM"], Options(), "http://x")
    bare = annotator.annotate([LONG, "LLM"], Options(cards=False), "http://x")
    assert bare["terms"] == {}
    assert {**bare, "terms": whole["terms"]} == whole
    # The cards a client fetches are the ones the whole reply carries.
    assert annotator.cards(sorted(whole["terms"]), "http://x") == whole["terms"]


def test_cards_leave_out_slugs_that_name_no_term(dictionary: Dictionary) -> None:
    annotator = Annotator(dictionary)
    assert list(annotator.cards(["rlhf", "no-such-term"], "http://x")) == ["rlhf"]
    assert annotator.cards([], "http://x") == {}


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_reply_is_the_same_from_any_annotator(
    dictionary: Dictionary, data: st.DataObject
) -> None:
    """Nothing an annotator keeps between requests changes a reply."""
    pool = data.draw(st.lists(texts(dictionary), min_size=1, max_size=5))
    used = Annotator(dictionary)
    for _ in range(3):
        request = data.draw(st.lists(st.sampled_from(pool), max_size=4))
        options = Options(first_only=data.draw(st.booleans()), cards=data.draw(st.booleans()))
        fresh = Annotator(dictionary).annotate(request, options, "http://x")
        again = used.annotate(request, options, "http://x")
        assert again == fresh
        assert again.json == fresh.json == orjson.dumps(dict(fresh))
        # What the API sends, made without objects for the matches: the same bytes.
        assert used.reply_json(request, options, "http://x") == fresh.json
