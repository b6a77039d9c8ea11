"""The matchers compared: ours and the baselines, each built from the same dictionary.

A baseline scans one text and returns what it found; none of them applies the matching
contract (boundaries inside words, case of acronyms, overlaps, offsets), which is the point:
they show what the contract costs, or saves.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ahocorasick
from ai_glossary.matching.matcher import Matcher, surface_forms
from ai_glossary.model import Dictionary
from flashtext import KeywordProcessor  # type: ignore[import-untyped]

Scan = Callable[[str], object]
# (surface form, slug): every form the matcher would match, plurals included.
Forms = list[tuple[str, str]]


def forms_of(dictionary: Dictionary) -> Forms:
    return [
        (surface.form, surface.slug)
        for term in dictionary.terms.values()
        if term.marked
        for surface in surface_forms(term)
    ]


def naive(forms: Forms) -> Scan:
    """pyahocorasick over `text.lower()`: every hit, inside words and overlapping."""
    automaton = ahocorasick.Automaton()
    for form, slug in forms:
        automaton.add_word(form.lower(), slug)
    automaton.make_automaton()

    def scan(text: str) -> object:
        return list(automaton.iter(text.lower()))

    return scan


def flashtext(forms: Forms) -> Scan:
    """flashtext's keyword processor (case-insensitive, its own word boundaries)."""
    processor = KeywordProcessor()
    for form, slug in forms:
        processor.add_keyword(form, slug)

    def scan(text: str) -> object:
        return processor.extract_keywords(text, span_info=True)

    return scan


def regex(forms: Forms) -> Scan:
    """One `re` alternation of every form, longest first, between `\\b`s, any case."""
    re.purge()  # compile afresh each time: `re` caches patterns, which would hide the cost
    alternatives = sorted({form for form, _ in forms}, key=lambda form: (-len(form), form))
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b", re.IGNORECASE)

    def scan(text: str) -> object:
        return [(found.start(), found.end(), found.group()) for found in pattern.finditer(text)]

    return scan


def lower(_forms: Forms) -> Scan:
    """`str.lower` alone: a floor, not a matcher."""
    return str.lower


BASELINES: dict[str, Callable[[Forms], Scan]] = {
    "naive": naive,
    "flashtext": flashtext,
    "regex": regex,
    "lower": lower,
}


def ours(dictionary: Dictionary, native: bool = False) -> Matcher:
    """The project's matcher; the Python path unless `native` (bench/native.py compares them)."""
    return Matcher(dictionary, native=native)
