"""The matcher: every surface form of a dictionary in one Aho-Corasick automaton.

Keys are normalized forms padded with the boundary character on both sides, and the text is
normalized the same way (see `forms`), so the automaton only ever fires on whole words:
"AI" inside "said" never becomes a candidate. Case-insensitive and case-sensitive forms share
one automaton; case is checked on the few candidates of case-sensitive keys only. Overlaps
("language model" inside "large language model") are settled in one pass, longest first.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import ahocorasick

from backend.forms import (
    BOUNDARY,
    WHITESPACE_RUN,
    case_key_of,
    collapse_spaces,
    is_case_sensitive,
    key_of,
    normalize,
    plural_of,
)
from backend.model import Dictionary, Term

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Match:
    """One marked term in a segment; offsets are UTF-16 code units, end exclusive."""

    start: int
    end: int
    slug: str
    ambiguous: bool


@dataclass(slots=True)
class _Entry:
    """What one padded key stands for."""

    length: int  # of the key without padding
    any_case: tuple[str, bool] | None = None  # (slug, ambiguous) of a case-insensitive form
    exact: dict[str, tuple[str, bool]] = field(default_factory=dict)  # case key -> (slug, amb)


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    form: str
    slug: str
    case_sensitive: bool
    ambiguous: bool
    generated: bool  # a plural made by the matcher, not listed in the dictionary


def surface_forms(term: Term) -> list[SurfaceForm]:
    """The forms of a term that are matched: listed forms first, then their plurals."""
    ambiguous_keys = {key_of(form) for form in term.ambiguous}
    listed: list[SurfaceForm] = []
    acronyms = set(term.acronyms)
    for form in term.forms:
        sensitive = is_case_sensitive(form, form in acronyms)
        listed.append(
            SurfaceForm(form, term.slug, sensitive, key_of(form) in ambiguous_keys, False)
        )
    plurals = []
    for surface in listed:
        plural = plural_of(surface.form, surface.case_sensitive)
        if plural is not None:
            plurals.append(
                SurfaceForm(plural, term.slug, surface.case_sensitive, surface.ambiguous, True)
            )
    return listed + plurals


class Matcher:
    """Finds the terms of a dictionary in text. Built once; safe to share between requests."""

    def __init__(self, dictionary: Dictionary) -> None:
        self.version = dictionary.version
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, _Entry] = {}
        forms = [
            form
            for term in dictionary.terms.values()
            if term.marked
            for form in surface_forms(term)
        ]
        # Listed forms are added before generated plurals so a listed form always wins a key.
        for surface in sorted(forms, key=lambda s: s.generated):
            key = key_of(surface.form)
            if not key:
                continue
            entry = entries.setdefault(key, _Entry(len(key)))
            meaning = (surface.slug, surface.ambiguous)
            if surface.case_sensitive:
                entry.exact.setdefault(case_key_of(surface.form), meaning)
            elif entry.any_case is None:
                entry.any_case = meaning
        for key, entry in entries.items():
            value = (entry.length, entry.any_case, entry.exact or None)
            self._automaton.add_word(BOUNDARY + key + BOUNDARY, value)
        self.key_count = len(entries)
        if entries:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every term in `text`: whole words, longest first, never overlapping."""
        if self.key_count == 0 or not text:
            return []
        breaks: list[tuple[int, int]] = []
        scanned = text
        if WHITESPACE_RUN.search(text):
            scanned, breaks = collapse_spaces(text)
        spans = self._spans(scanned)
        if not spans:
            return []
        if breaks:
            spans = [
                (_original(s, breaks), _original(e - 1, breaks) + 1, slug, amb)
                for s, e, slug, amb in spans
            ]
        return _to_utf16(text, spans)

    def _spans(self, text: str) -> list[tuple[int, int, str, bool]]:
        """Candidates as (start, end, slug, ambiguous) in code points, resolved."""
        padded = BOUNDARY + normalize(text) + BOUNDARY
        candidates: list[tuple[int, int, str, bool]] = []
        for last, (length, any_case, exact) in self._automaton.iter(padded):
            # `last` is the trailing boundary in `padded`, one past the word's end in `text`.
            end = last - 1
            start = end - length
            meaning = any_case
            if exact is not None:
                meaning = exact.get(case_key_of(text[start:end]), any_case)
            if meaning is not None:
                candidates.append((start, end, meaning[0], meaning[1]))
        if len(candidates) < 2:
            return candidates
        return _longest_first(candidates)


def _longest_first(
    candidates: list[tuple[int, int, str, bool]],
) -> list[tuple[int, int, str, bool]]:
    """Leftmost, then longest, non-overlapping candidates."""
    candidates.sort(key=lambda c: (c[0], -c[1]))
    chosen = []
    reached = -1
    for candidate in candidates:
        if candidate[0] >= reached:
            chosen.append(candidate)
            reached = candidate[1]
    return chosen


def _original(position: int, breaks: list[tuple[int, int]]) -> int:
    index = bisect.bisect_right(breaks, (position, float("inf"))) - 1
    return position if index < 0 else position + breaks[index][1]


def _to_utf16(text: str, spans: list[tuple[int, int, str, bool]]) -> list[Match]:
    """Code-point spans to UTF-16 matches: each astral character before an offset adds one."""
    if text.isascii() or not _ASTRAL.search(text):
        return [Match(s, e, slug, amb) for s, e, slug, amb in spans]
    astral = [found.start() for found in _ASTRAL.finditer(text)]
    return [
        Match(s + bisect.bisect_left(astral, s), e + bisect.bisect_left(astral, e), slug, amb)
        for s, e, slug, amb in spans
    ]
