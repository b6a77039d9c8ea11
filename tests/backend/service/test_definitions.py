"""Acronyms a text defines as something else (service/sense/definitions.py)."""

from __future__ import annotations

import re

import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.service.sense.definitions import AFTER, BEFORE, KEYED, Acronyms


def defined(acronyms: Acronyms, texts: list[str]) -> dict[str, tuple[str, str]]:
    """What the judgement asks, with every word in brackets, before a bracket or before a
    colon as a spot (it asks only for its ambiguous forms written so)."""
    spots = [
        (index, found.start(1), found.end(1), where)
        for where, pattern in (
            (BEFORE, r"\(([A-Za-z]+)\)"),
            (AFTER, r"\b([A-Z][A-Za-z]+) ?\("),
            (KEYED, r"\b([A-Z][A-Za-z]+): "),
        )
        for index, text in enumerate(texts)
        for found in re.finditer(pattern, text)
    ]
    return acronyms.defined_otherwise(texts, spots)


@pytest.fixture(scope="module")
def acronyms() -> Acronyms:
    dictionary = load_dictionary(BUNDLED)
    return Acronyms(t for t in dictionary.terms.values() if t.ambiguous)


@pytest.mark.parametrize(
    ("text", "key", "definition"),
    [
        ("Ask our Data Protection Officer (DPO).", "dpo", "Data Protection Officer (DPO)"),
        ("Guidance from each Ministry of Education (MoE).", "moe", "Ministry of Education (MoE)"),
        ("the avian influenza (AI) zone", "ai", "avian influenza (AI)"),
        # One word of two is the entry's ("artificial intelligence"): not enough.
        ("timing artificial insemination (AI) in cows", "ai", "artificial insemination (AI)"),
        ("Plug in the ground power unit (GPU) first.", "gpus", "ground power unit (GPU)"),
        ("Plug in the GPU (ground power unit) first.", "gpu", "GPU (ground power unit)"),
        ("Each DPO (data protection officer) signs.", "dpo", "DPO (data protection officer)"),
        # A key's entry: a glossary of a page's own, or a rota's initials.
        ("DPO: Data Protection Officer", "dpo", "DPO: Data Protection Officer"),
        ("AI: Aisha Iqbal", "ai", "AI: Aisha Iqbal"),
        ("ML: Martin Lowe (Tuesdays only)", "ml", "ML: Martin Lowe"),
        ("RAG: Red Amber Green, updated weekly", "rag", "RAG: Red Amber Green"),
    ],
)
def test_a_definition_as_something_else_is_found(
    acronyms: Acronyms, text: str, key: str, definition: str
) -> None:
    found = defined(acronyms, ["An unrelated line.", text])
    assert found[key][1] == definition


@pytest.mark.parametrize(
    "text",
    [
        "We used Direct Preference Optimization (DPO).",  # the entry itself
        "Large Language Models (LLMs) predict tokens.",  # its plural
        "A Mixture-of-Expert (MoE) layer.",  # most of its words
        "Proximal Policy Optimisation (PPO) is used.",  # two words of three
        "We met the DPO (our officer) on Monday.",  # no words before the bracket spell it
        "Results (DPO) improved.",  # "Results" spells no DPO
        "The Data Protection Officer, (DPO) ...",  # a comma between
        "LLMs (large language models) predict tokens.",  # the entry, after it
        "Our RAG (retrieval-augmented generation) bot.",  # the entry, hyphenated
        "The GPU (graphics processing unit) is busy.",  # the entry spelled out
        "DPO (Data Protection Officer, 2024) signs.",  # more than words in the bracket
        "RAG (see the glossary) is easy.",  # initials that spell nothing
        "LLM: Large Language Model",  # the entry, as a key's entry
        "AI: Aisha and Iqbal",  # a lower-case word ends the entry: one name, two letters
        "AI: Aisha Iqbal Jones",  # more capitalised words than letters
        "MoE: Mixture of Experts",  # linking words are not allowed for
        "AI: a tool that writes",  # not capitalised
    ],
)
def test_no_definition_as_something_else(acronyms: Acronyms, text: str) -> None:
    assert defined(acronyms, [text]) == {}


def test_a_text_that_also_defines_it_as_the_entry_keeps_it(acronyms: Acronyms) -> None:
    both = [
        "Our Data Protection Officer (DPO) approved it.",
        "Direct Preference Optimization (DPO) works.",
    ]
    assert defined(acronyms, both) == {}
