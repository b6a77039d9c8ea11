"""The matcher's faster paths, held to the same reference as the rules in test_matcher.py.

A dictionary with forms the rules fixture lacks: non-ASCII letters and marks (kept as
themselves in the shape, every other non-ASCII character becomes a stand-in), an astral
letter, and case-sensitive forms whose leading words are forms too (the case fallback).
"""

from __future__ import annotations

import pytest
from ai_glossary.matching.matcher import Matcher
from ai_glossary.model import Dictionary, Term
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.backend.matching.test_matcher import reference_find, texts
from tests.support.matching import PATHS, marks, matcher_on


def term(slug: str, name: str, *aliases: str, acronyms: tuple[str, ...] = ()) -> Term:
    return Term(slug=slug, term=name, definition=name, aliases=aliases, acronyms=acronyms)


DICTIONARY = Dictionary(
    "paths",
    "paths",
    "1",
    {
        t.slug: t
        for t in (
            term("cafe", "café", "Café Crème"),
            term("naive-bayes", "naïve Bayes", "naive Bayes"),
            term("llm", "large language model", acronyms=("LLM",)),
            term("llm-agent", "LLM Agent"),
            term("llm-agents-guide", "LLM Agents Guide"),
            term("llm-gan", "LLM GaN"),
            term("ai", "artificial intelligence", acronyms=("AI",)),
            term("ai-act", "AI Act"),
            term("chinese-llm", "大型语言模型"),
            term("etude", "e\u0301tude"),
            term("math-a", "𝐀𝐈 model"),
            term("dotnet", ".NET", acronyms=("NET",)),
        )
    },
    {},
)


@pytest.fixture(scope="module", params=PATHS)
def matcher(request: pytest.FixtureRequest) -> Matcher:
    return matcher_on(DICTIONARY, request.param)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("un café, un Café Crème", [("café", "cafe"), ("Café Crème", "cafe")]),
        ("cafés and cafe", [("cafés", "cafe")]),
        (
            "naïve Bayes beats naive Bayes",
            [("naïve Bayes", "naive-bayes"), ("naive Bayes", "naive-bayes")],
        ),
        ("the LLM Agent", [("LLM Agent", "llm-agent")]),
        ("the LLM agent", [("LLM agent", "llm-agent")]),  # only "LLM" keeps its case
        ("the LLM Gan", [("LLM", "llm")]),  # "GaN" keeps its case: falls back to "LLM"
        ("an llm agent", []),
        (
            "LLM Agents Guide and LLM Agents guide",
            [
                ("LLM Agents Guide", "llm-agents-guide"),
                ("LLM Agents guide", "llm-agents-guide"),
            ],
        ),
        ("the AI act", [("AI act", "ai-act")]),
        ("the Ai Act", []),
        ("the AI Act", [("AI Act", "ai-act")]),
        ("大型语言模型 and 大型语言模型很大", [("大型语言模型", "chinese-llm")]),
        ("une e\u0301tude", [("e\u0301tude", "etude")]),
        (
            "😀 the 𝐀𝐈 model and AI 😀 LLM",
            [
                ("𝐀𝐈 model", "math-a"),
                ("AI", "ai"),
                ("LLM", "llm"),
            ],
        ),
        ("😀𝐀𝐈 model😀𝐀𝐈 model, AI", [("𝐀𝐈 model", "math-a")] * 2 + [("AI", "ai")]),
        ("é.AI and x.AI and (.NET)", [("NET", "dotnet")]),
        ("\u00a0AI\u2003\u2003Act\u00a0", [("AI\u2003\u2003Act", "ai-act")]),
    ],
)
def test_paths(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert marks(matcher, text) == expected


def noisy_texts() -> st.SearchStrategy[str]:
    extra = st.sampled_from(["é", "ï", "中", "𝐀", "😀", "\u00a0", "\u2019", "\u0301", "İ", "?"])
    return st.lists(st.one_of(texts(DICTIONARY), extra), max_size=6).map("".join)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=noisy_texts())
def test_agrees_with_reference(matcher: Matcher, text: str) -> None:
    found = [(start, end, slug) for start, end, slug, _ in matcher.find(text)]
    assert found == reference_find(DICTIONARY, text)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(segments=st.lists(noisy_texts(), max_size=6))
def test_find_many_equals_find_one_by_one(matcher: Matcher, segments: list[str]) -> None:
    assert matcher.find_many(segments) == [matcher.find(segment) for segment in segments]
