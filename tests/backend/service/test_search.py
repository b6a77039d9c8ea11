"""The search index: tiers (exact, prefix, words, typos, plain English), folding, limits."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest
from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.model import Dictionary, Term
from ai_glossary.model.text import fold, sort_key, trigrams
from ai_glossary.service.search import MAX_QUERY_CHARS, SearchIndex, Tier, max_typos, typo_distances
from hypothesis import given
from hypothesis import strategies as st

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "dictionaries" / "pages"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dictionary(PAGES))


def dictionary_of(*terms: Term) -> Dictionary:
    return Dictionary(
        "t", "T", "1", MappingProxyType({t.slug: t for t in terms}), MappingProxyType({})
    )


def term(slug: str, name: str, **fields: object) -> Term:
    return Term(slug=slug, term=name, definition="d", **fields)  # type: ignore[arg-type]


def slugs(index: SearchIndex, query: str, **options: bool) -> list[str]:
    return [hit.term.slug for hit in index.search(query, **options)]


def first(index: SearchIndex, query: str) -> tuple[str, Tier]:
    hits = index.search(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0].term.slug, hits[0].tier


# Ranking ----------------------------------------------------------------------------------


def test_exact_name_ranks_before_prefix_matches() -> None:
    index = SearchIndex(
        dictionary_of(
            term("tokenizer", "Tokenizer"),
            term("token", "Token"),
            term("token-budget", "Token budget"),
        )
    )
    assert slugs(index, "token") == ["token", "token-budget", "tokenizer"]
    assert index.search("token")[0].tier is Tier.EXACT_NAME


def test_exact_name_ranks_before_an_exact_alias_of_another_term() -> None:
    index = SearchIndex(
        dictionary_of(
            term("agent", "Agent"),
            term("ai-agent", "AI agent", aliases=("agent",)),
        )
    )
    assert slugs(index, "agent")[:2] == ["agent", "ai-agent"]
    assert [hit.tier for hit in index.search("agent")][:2] == [Tier.EXACT_NAME, Tier.EXACT_FORM]


@pytest.mark.parametrize("query", ["rag", "RAG", "Rag", " rag ", "what is RAG?"])
def test_acronyms_are_found_in_any_case(index: SearchIndex, query: str) -> None:
    assert first(index, query) == ("retrieval-augmented-generation", Tier.EXACT_FORM)


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("RLHF", "reinforcement-learning-from-human-feedback"),
        ("llm", "large-language-model"),
        ("vector store", "vector-database"),
        ("4-bit quantisation", "4-bit-quantization"),
    ],
)
def test_aliases_and_acronyms_match_exactly(index: SearchIndex, query: str, slug: str) -> None:
    assert first(index, query) == (slug, Tier.EXACT_FORM)


@pytest.mark.parametrize("query", ["Fine-tuning", "fine tuning", "finetuning", "FINE–TUNING"])
def test_hyphens_spaces_and_closed_forms_meet(index: SearchIndex, query: str) -> None:
    assert first(index, query) == ("fine-tuning", Tier.EXACT_NAME)


def test_a_prefix_finds_the_term(index: SearchIndex) -> None:
    assert first(index, "retr") == ("retrieval-augmented-generation", Tier.PREFIX)
    assert first(index, "embed") == ("embedding", Tier.PREFIX)


def test_shorter_completions_of_a_prefix_come_first() -> None:
    index = SearchIndex(
        dictionary_of(
            term("embedding-model", "Embedding model"),
            term("embedding", "Embedding"),
        )
    )
    assert slugs(index, "embe") == ["embedding", "embedding-model"]


def test_words_inside_a_name_match_by_their_start(index: SearchIndex) -> None:
    slug = "reinforcement-learning-from-human-feedback"
    assert first(index, "human feedback") == (slug, Tier.WORDS)
    assert first(index, "learn") == (slug, Tier.WORDS)


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("retreival", "retrieval-augmented-generation"),  # transposed letters
        ("embeding", "embedding"),  # a missing letter
        ("fine-tunning", "fine-tuning"),  # an extra letter
        ("vectr databse", "vector-database"),  # two slips
        ("retrival augmented generaton", "retrieval-augmented-generation"),
    ],
)
def test_typos_are_tolerated(index: SearchIndex, query: str, slug: str) -> None:
    assert first(index, query) == (slug, Tier.TYPO)


def test_typo_matches_rank_after_prefix_matches() -> None:
    index = SearchIndex(dictionary_of(term("printing", "Printing"), term("pruning", "Pruning")))
    hits = index.search("prun")
    assert [(h.term.slug, h.tier) for h in hits] == [
        ("pruning", Tier.PREFIX),
        ("printing", Tier.TYPO),
    ]


def test_fewer_typos_rank_first() -> None:
    index = SearchIndex(dictionary_of(term("batching", "Batching"), term("matching", "Matching")))
    assert slugs(index, "batchin") == ["batching", "matching"]


def test_whole_form_typos_rank_before_typos_in_one_word() -> None:
    index = SearchIndex(
        dictionary_of(
            term("self-attention", "Self-attention"),
            term("attention-mechanism", "Attention mechanism", aliases=("attention",)),
        )
    )
    assert slugs(index, "atention") == ["attention-mechanism", "self-attention"]


def test_short_queries_tolerate_no_typos(index: SearchIndex) -> None:
    assert slugs(index, "rga") == []
    assert max_typos(3) == 0 and max_typos(4) == 1 and max_typos(8) == 2


def test_plain_english_lines_are_searched_after_names(index: SearchIndex) -> None:
    hits = index.search("documents")
    assert (hits[0].term.slug, hits[0].tier, hits[0].form) == (
        "retrieval-augmented-generation",
        Tier.TEXT,
        "",
    )
    found = index.search("model")
    assert found[0].term.slug == "large-language-model"
    assert {hit.tier for hit in found[1:]} == {Tier.TEXT}


def test_names_only_leaves_out_plain_english(index: SearchIndex) -> None:
    assert slugs(index, "documents", names_only=True) == []


def test_unmarked_terms_are_found(index: SearchIndex) -> None:
    assert index.dictionary.terms["prompt"].marked is False
    assert first(index, "prompt") == ("prompt", Tier.EXACT_NAME)


def test_accents_are_ignored() -> None:
    index = SearchIndex(dictionary_of(term("cafe", "Café model")))
    assert slugs(index, "cafe model") == ["cafe"]
    assert slugs(index, "CAFÉ") == ["cafe"]


# Limits and odd input ---------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "!!!", "--", "\u200b"])
def test_empty_queries_find_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_results_are_limited(index: SearchIndex) -> None:
    assert len(index.search("e", limit=2)) == 2


def test_overlong_queries_are_cut_not_refused(index: SearchIndex) -> None:
    overlong = "rag " * 1000
    hits = index.search(overlong)
    assert hits == index.search(overlong[:MAX_QUERY_CHARS])
    assert hits[0].term.slug == "retrieval-augmented-generation"
    # What lies past the cut is not searched for.
    assert index.search("x" * MAX_QUERY_CHARS + " rag") == []


def test_results_are_cached_and_stable(index: SearchIndex) -> None:
    assert index.search("retreival") == index.search("retreival")
    assert index.search("retreival")[0].term.slug == "retrieval-augmented-generation"


def test_search_ranks_well_on_a_large_dictionary() -> None:
    # How fast it stays is measured in bench/, never asserted here.
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]
    terms = [
        term(
            f"t{i}",
            f"{words[i % 9]} {words[(i // 9) % 9]} {words[(i // 81) % 9]} {i}",
            plain_english=f"line {words[i % 7]} number {i}",
        )
        for i in range(3000)
    ]
    index = SearchIndex(dictionary_of(*terms), cache_entries=1)
    typo = index.search("alpah bravo")
    assert typo and all({"alpha", "bravo"} <= set(hit.term.term.split()) for hit in typo[:5])
    hotel = index.search("hotle")
    assert hotel and all("hotel" in hit.term.term.split() for hit in hotel)
    assert index.search("zulu") == []


# Building blocks --------------------------------------------------------------------------


def test_fold_and_sort_key() -> None:
    assert fold("  Fine-Tuning’s  “RAG”! ") == "fine tunings rag"
    assert fold("C++ and C#") == "c++ and c#"
    assert sorted(["Zeta", "éclair", "Eval", "alpha"], key=sort_key) == [
        "alpha",
        "éclair",
        "Eval",
        "Zeta",
    ]


def test_trigrams_are_padded_at_the_start() -> None:
    assert trigrams("rag") == {"  r", " ra", "rag"}
    assert trigrams("") == frozenset()


@pytest.mark.parametrize(
    ("a", "b", "whole"),
    [
        ("retrieval", "retrieval", 0),
        ("retreival", "retrieval", 1),
        ("embeding", "embedding", 1),
        ("kitten", "sitting", 3),
        ("ca", "abc", 3),
        ("", "abc", 3),
    ],
)
def test_typo_distances(a: str, b: str, whole: int) -> None:
    assert typo_distances(a, b, 5)[0] == whole


def test_typo_distance_to_the_start_of_a_longer_form() -> None:
    assert typo_distances("retreival", "retrievalaugmentedgeneration", 2) == (3, 1)


def _reference_osa(a: str, b: str) -> int:
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


@given(st.text("abcd", max_size=8), st.text("abcd", max_size=8), st.integers(0, 3))
def test_typo_distance_agrees_with_the_textbook_algorithm(a: str, b: str, limit: int) -> None:
    assert typo_distances(a, b, limit)[0] == min(_reference_osa(a, b), limit + 1)
