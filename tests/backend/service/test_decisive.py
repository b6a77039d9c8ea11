"""The words before a name that make it a person's, found where a search of every position
would find them (service/sense/decisive.py searches only where a match may start)."""

from __future__ import annotations

import itertools
import re

import pytest
from ai_glossary.service.sense import decisive

# Every word the two patterns end with, in each spelling their alternatives allow.
WORDS = [
    spelling
    for word in re.sub(r"fianc\[eé\]e\?", "fiance|fiancé|fiancee|fiancée", decisive._RELATIONS)
    .replace("twins?", "twin|twins")
    .split("|")
    for spelling in (word, word.upper(), word.title())
]
BEFORE = ["", "x", "my ", "grand", "-", "we said our ", "a long way back to where my "]
AFTER = [" ", "\t", "  ", " \n", "\n", ""]


def windows(words: list[str]) -> list[str]:
    """The 30 characters before a name, as `_person` reads them, around each word."""
    return [
        (before + word + after)[-30:]
        for before, word, after in itertools.product(BEFORE, words, AFTER)
    ]


def span(found: re.Match[str] | None) -> tuple[int, int] | None:
    return found.span() if found else None


def test_a_relation_is_found_wherever_its_word_starts() -> None:
    for before in windows(WORDS):
        expected = (
            decisive._RELATION.search(before)
            or decisive._OWNED.search(before)
            or decisive._DEAR.search(before)
            or decisive._TITLE.search(before)
            or decisive._ASKED_FOR.search(before)
        )
        assert span(decisive._said_before(before)) == span(expected), before


@pytest.mark.parametrize(
    "ending",
    ["called", "named", "is called", "was named", "called him", "named ours", "CALLED",
     "named ourſ", "caſt", "Named Her"],
)  # fmt: skip
def test_called_or_named_is_found_wherever_it_starts(ending: str) -> None:
    for before in windows([f"{word} {ending}" for word in WORDS[::3]] + [ending]):
        expected = decisive._CALLED.search(before) or decisive._NAMED_ONE.search(before)
        assert span(decisive._called_before(before)) == span(expected), before


def test_what_is_called_so_is_found() -> None:
    """The test above compares like with like: these windows do hold a match."""
    assert decisive._called_before("her son is called ")
    assert decisive._called_before("we named ours\t")
    assert decisive._said_before("my daughter-in-law \n")
    assert not decisive._said_before("my daughter-in-law's ")
