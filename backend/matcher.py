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

from backend.forms import case_key_of, is_case_sensitive, key_of, plural_of
from backend.model import Dictionary, Term
from backend.shaping import BOUNDARY, prepare

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Two boundary characters that are not white space: no form can span them.
_SEPARATOR = "||"


# One marked term in a segment: (start, end, slug, ambiguous), offsets in UTF-16 code units,
# end exclusive. Plain tuples: a page makes thousands, and they are cached.
Match = tuple[int, int, str, bool]


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
                for variant in _first_letter_variants(case_key_of(surface.form)):
                    entry.exact.setdefault(variant, meaning)
            elif entry.any_case is None:
                entry.any_case = meaning
        for key, entry in entries.items():
            slug, ambiguous = entry.any_case or (None, False)
            value = (entry.length, slug, ambiguous, entry.exact or None)
            self._automaton.add_word(BOUNDARY + key + BOUNDARY, value)
        self.key_count = len(entries)
        if entries:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every term in `text`: whole words, longest first, never overlapping."""
        return self.find_many([text])[0]

    def find_many(self, texts: list[str]) -> list[list[Match]]:
        """`find` for each text, in one pass over them all (a page's blocks, say).

        The texts are joined with a separator no form can span, which saves the fixed cost
        of a pass per text; matches are then dealt back to their texts.
        """
        if self.key_count == 0 or not any(texts):
            return [[] for _ in texts]
        joined = _SEPARATOR.join(texts) if len(texts) > 1 else texts[0]
        prepared = prepare(joined)
        spans = self._spans(prepared.padded, prepared.text)
        if spans and prepared.breaks:
            spans = _uncollapse(spans, prepared.breaks)
        per_text = _deal(spans, texts) if len(texts) > 1 else [spans]
        if not joined.isascii():
            per_text = [
                _to_utf16(text, found) if found else found
                for text, found in zip(texts, per_text, strict=True)
            ]
        return per_text

    def _spans(self, padded: str, text: str) -> list[Match]:
        """Whole-word matches in code points, leftmost then longest, in one pass.

        The automaton reports candidates in order of their end. A candidate that overlaps
        the last chosen match is settled at once: the one starting first wins, then the
        longer one (see `_settle`).
        """
        chosen: list[Match] = []
        reached = -1
        for last, (length, slug, ambiguous, exact) in self._automaton.iter(padded):
            # `last` is the trailing boundary in `padded`, one past the word's end in `text`.
            end = last - 1
            start = end - length
            if exact is not None:
                seen = text[start:end]
                meaning = exact.get(seen) or exact.get(case_key_of(seen))
                if meaning is not None:
                    slug, ambiguous = meaning
            if slug is None:
                continue
            if start < reached:
                _settle(chosen, (start, end, slug, ambiguous))
                reached = chosen[-1][1]
            else:
                chosen.append((start, end, slug, ambiguous))
                reached = end
        return chosen


def _first_letter_variants(form: str) -> set[str]:
    """A case-sensitive form also matches with its first letter's case changed: "On-device
    AI" in mid-sentence, "LoRA" at the start of a heading in small caps are the same form."""
    return {form, form[:1].lower() + form[1:], form[:1].upper() + form[1:]}


def _settle(chosen: list[Match], candidate: Match) -> None:
    """Put `candidate` in place of the chosen matches it overlaps, unless one starts first."""
    start = candidate[0]
    keep = len(chosen)
    while keep and chosen[keep - 1][1] > start:
        if chosen[keep - 1][0] < start:
            return
        keep -= 1
    del chosen[keep:]
    chosen.append(candidate)


def _deal(spans: list[Match], texts: list[str]) -> list[list[Match]]:
    """Spans over the joined texts, back to each text with offsets of its own."""
    per_text: list[list[Match]] = [[] for _ in texts]
    index = 0
    offset = 0
    end_of_text = len(texts[0])
    for start, end, slug, ambiguous in spans:
        while start >= end_of_text:
            offset = end_of_text + len(_SEPARATOR)
            index += 1
            end_of_text = offset + len(texts[index])
        per_text[index].append((start - offset, end - offset, slug, ambiguous))
    return per_text


def _uncollapse(spans: list[Match], breaks: tuple[tuple[int, int], ...]) -> list[Match]:
    """Offsets in collapsed text back to the original, in one pass over sorted spans."""
    result = []
    index = -1
    shift = 0
    for start, end, slug, ambiguous in spans:
        while index + 1 < len(breaks) and breaks[index + 1][0] <= start:
            index += 1
            shift = breaks[index][1]
        start_shift = shift
        # A multi-word span may contain collapsed runs: its end moves by those too.
        while index + 1 < len(breaks) and breaks[index + 1][0] <= end - 1:
            index += 1
            shift = breaks[index][1]
        result.append((start + start_shift, end + shift, slug, ambiguous))
    return result


def _to_utf16(text: str, spans: list[Match]) -> list[Match]:
    """Code-point spans to UTF-16 units: each astral character before an offset adds one."""
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return spans
    astral = [found.start() for found in _ASTRAL.finditer(text)]
    return [
        (s + bisect.bisect_left(astral, s), e + bisect.bisect_left(astral, e), slug, amb)
        for s, e, slug, amb in spans
    ]
