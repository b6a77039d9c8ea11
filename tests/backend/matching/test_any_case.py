"""A matcher for text with no capital at all (`Matcher(any_case=True)`): case-sensitive forms
in lower case too, the single words among them only where they have another sense."""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.matching.matcher import Matcher

from tests.support.matching import PATHS, marks, matcher_on


def write_cased_forms(folder: Path) -> None:
    """Acronyms with another sense (RAG, ML), one without (CoT), a name kept capitalised
    (Grok), a form of several words with an acronym in it (EU AI Act) and a plain word."""
    terms = folder / "terms"
    terms.mkdir(parents=True)
    entries = {
        "rag": 'term = "Retrieval-augmented generation"\nacronyms = ["RAG"]\nambiguous = ["RAG"]\n',
        "ml": 'term = "Machine learning"\nacronyms = ["ML"]\nambiguous = ["ML"]\n',
        "cot": 'term = "Chain of thought"\nacronyms = ["CoT"]\n',
        "grok": 'term = "Grok"\nambiguous = ["Grok"]\n',
        "eu-ai-act": 'term = "EU AI Act"\n',
        "prompt": 'term = "Prompt"\nambiguous = ["prompt"]\n',
    }
    for slug, text in entries.items():
        context = "[context]\ncapital = true\n" if slug == "grok" else ""
        entry = text + 'definition = "A test entry."\n' + context
        (terms / f"{slug}.toml").write_text(entry, "utf-8")


@pytest.fixture(scope="module", params=PATHS)
def path_is_native(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cased")
    write_cased_forms(folder)
    return folder


@pytest.fixture(scope="module")
def cased(folder: Path, path_is_native: bool) -> Matcher:
    return matcher_on(load_dictionary(folder), path_is_native)


@pytest.fixture(scope="module")
def uncased(folder: Path, path_is_native: bool) -> Matcher:
    matcher_on(load_dictionary(folder), path_is_native)  # skips where it must
    return Matcher(load_dictionary(folder), path_is_native, any_case=True)


def test_the_cased_matcher_keeps_every_case_rule(cased: Matcher) -> None:
    assert marks(cased, "is rag better than ml for grok and the eu ai act") == []
    assert cased.case_rules


def test_lower_case_spellings_are_found_without_case(uncased: Matcher) -> None:
    text = "is rag better than ml? ask grok about the eu ai act, and a prompt"
    assert marks(uncased, text) == [
        ("rag", "rag"),
        ("ml", "ml"),
        ("grok", "grok"),
        ("eu ai act", "eu-ai-act"),
        ("prompt", "prompt"),
    ]


def test_a_single_word_found_without_case_comes_to_be_judged(uncased: Matcher) -> None:
    """A lone "rag" may be a cloth: ambiguous. Several words ("eu ai act") keep their own."""
    found = {slug: ambiguous for _, _, slug, ambiguous in uncased.find("rag, grok, eu ai act")}
    assert found == {"rag": True, "grok": True, "eu-ai-act": False}


def test_a_single_word_with_no_other_sense_keeps_its_case(uncased: Matcher) -> None:
    """Nothing would judge it, and "the baby's cot" is no chain of thought."""
    assert marks(uncased, "the baby sleeps in a cot, cot") == []
    assert marks(uncased, "CoT") == [("CoT", "cot")]
    assert marks(uncased, "3 CoT runs") == [("CoT", "cot")]  # a count, not a unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("add 250 ml of milk and 5ml more", []),
        ("add 250ml", []),
        ("two ml models", [("ml", "ml")]),
        ("ml 250", [("ml", "ml")]),
        ("j'ai lu, j\u2019ai vu", []),
        ("the 'rag' pattern", [("rag", "rag")]),
    ],
)
def test_no_unit_after_a_number_and_no_elided_word(
    uncased: Matcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert marks(uncased, text) == expected


def test_offsets_stay_utf16_units_after_an_astral_character(uncased: Matcher) -> None:
    text = "😀 10 ml 😀 rag and ml"
    assert marks(uncased, text) == [("rag", "rag"), ("ml", "ml")]
    assert uncased.find_many([text, "😀😀 ml"]) == [uncased.find(text), uncased.find("😀😀 ml")]
