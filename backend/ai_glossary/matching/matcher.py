"""The matcher: every surface form of a dictionary in one Aho-Corasick automaton.

Keys are normalized forms padded with the boundary character on both sides, and the text is
shaped the same way (see `shaping`), so the automaton only ever fires on whole words: "AI"
inside "said" never becomes a candidate. Case-insensitive and case-sensitive forms share one
automaton; case is checked on the few candidates of case-sensitive keys only.

Keys are added reversed and the automaton reads the shape from its end: it then reports the
forms that start at one place together, longest first, and a dict's `setdefault`, called from
C, keeps the longest. Choosing leftmost-longest matches without overlaps ("large language
model" over "language model") is then one pass over one candidate per word start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from ai_glossary.matching import native
from ai_glossary.matching.offsets import (
    SEPARATOR,
    Match,
    deal,
    deal_positions,
    starts_of,
    to_utf16,
    uncollapse,
)
from ai_glossary.matching.references import outside_references
from ai_glossary.model import Dictionary
from ai_glossary.model.forms import case_key_of, key_of, surface_forms
from ai_glossary.model.shaping import BOUNDARY, prepare, unicode_tables

if TYPE_CHECKING:
    from ai_glossary.matching._native import Scanner as ScannerType

__all__ = ["Match", "Matcher"]


@dataclass(slots=True)
class _Entry:
    """What one padded key stands for."""

    length: int  # of the key without padding
    any_case: tuple[str, bool] | None = None  # (slug, ambiguous) of a case-insensitive form
    exact: dict[str, tuple[str, bool]] = field(default_factory=dict)  # case key -> (slug, amb)


class _Key(NamedTuple):
    """What a key stands for, as the automaton holds it (built once, read for every match)."""

    length: int  # of the key without padding
    slug: str | None  # None when only case-sensitive forms share the key
    ambiguous: bool
    exact: dict[str, tuple[str, bool]] | None  # case keys of those forms -> (slug, ambiguous)
    # The keys made of this key's leading words ("large language" in "large language
    # model"), longest first, for when the case of the text rules this key out.
    shorter: tuple[_Key, ...]


class Matcher:
    """Finds the terms of a dictionary in text. Built once; safe to share between requests.

    The automaton holds every key reversed and is run over the reversed text, so it reports
    the forms that start at one place together, longest first: keeping the first of each
    place leaves one candidate per word, and the leftmost-longest choice is one pass over them.
    """

    def __init__(
        self, dictionary: Dictionary, native: bool | None = None, *, any_case: bool = False
    ) -> None:
        """`native`: True for the C path (an error where it was not built), False for the
        Python path, None for the C path where it was built and not switched off.
        `any_case`: for text with no capital at all, whose case says nothing ("is rag
        better than fine-tuning"): case-sensitive forms are found in lower case too
        (`_any_case`), and the ambiguous ones among them come as forms to judge."""
        self._automaton = ahocorasick.Automaton()
        entries = _entries(dictionary)
        self.case_rules = any(entry.exact for entry in entries.values())
        # The single words found in any case ("ml", "rag"): after a number, units.
        self._lifted: frozenset[str] = frozenset()
        if any_case:
            entries, self._lifted = _any_case(entries)
        values = _values(entries)
        self.key_count = len(values)
        self.native = native_enabled() if native is None else native
        self._scanner = _scanner(values) if self.native else None
        # Other non-ASCII characters can be shaped as stand-ins: no key contains them.
        self._key_chars = frozenset(
            char for key in values if not key.isascii() for char in key if not char.isascii()
        )
        if values and self._scanner is None:
            # The automaton scans a node's children in the order they were added: frequent
            # letters first make the scan over most words of a page shorter.
            for key in sorted(values, key=_scan_order):
                self._automaton.add_word(BOUNDARY + key[::-1] + BOUNDARY, values[key])
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Every term in `text`: whole words, longest first, never overlapping, none inside
        a cross-reference's target (`references`)."""
        if self._scanner is not None:
            found = self._scanner.find(text)
        else:
            spans, astral = self._code_points(text)
            found = outside_references(text, to_utf16(spans, astral) if spans and astral else spans)
        return _words_only(text, found, self._lifted) if self._lifted else found

    def find_many(self, texts: list[str]) -> list[list[Match]]:
        """`find` for each text, in one pass over them all (a page's blocks, say).

        The texts are joined with a separator no form can span, which saves the fixed cost
        of a pass per text; matches are then dealt back to their texts.
        """
        found = self._find_many(texts)
        if self._lifted:
            pairs = zip(texts, found, strict=True)
            return [_words_only(text, matches, self._lifted) for text, matches in pairs]
        return found

    def _find_many(self, texts: list[str]) -> list[list[Match]]:
        if self._scanner is not None:
            return self._scanner.find_many(texts)
        if len(texts) == 1:
            return [self.find(texts[0])]
        spans, astral = self._code_points(SEPARATOR.join(texts))
        if not spans:
            return [[] for _ in texts]
        starts = starts_of(texts)
        per_text = deal(spans, starts)
        # Only texts that hold an astral character have offsets to convert.
        for index, positions in deal_positions(astral, starts).items():
            if per_text[index]:
                per_text[index] = to_utf16(per_text[index], positions)
        pairs = zip(texts, per_text, strict=True)
        return [outside_references(text, found) for text, found in pairs]

    def _code_points(self, text: str) -> tuple[list[Match], list[int]]:
        """Spans in code points, and the positions of astral characters."""
        if not self.key_count:
            return [], []
        backwards, collapsed, breaks, astral = prepare(text, self._key_chars)
        spans = self._spans(backwards, collapsed)
        return (uncollapse(spans, breaks) if spans and breaks else spans), astral

    def _spans(self, backwards: str, text: str) -> list[Match]:
        """Whole-word matches in code points, leftmost then longest, in one pass."""
        first: dict[int, _Key] = {}
        # Reported in order of their end in the reversed text, longest first: setdefault
        # keeps the longest form that starts at each place, and C does the keeping.
        self._automaton.find_all(backwards, first.setdefault)
        if not first:
            return []
        # One boundary pads each side: a form ending at j in `backwards` starts at base - j.
        base = len(backwards) - 1
        chosen: list[Match] = []
        reached = 0
        for last, key in reversed(first.items()):
            start = base - last
            if start < reached:
                continue
            length, slug, ambiguous, exact, _ = key
            if exact is not None:
                # Case-sensitive forms share the key: the text's own case decides.
                meaning = exact.get(text[start : start + length])
                if meaning is not None:
                    slug, ambiguous = meaning
                else:
                    resolved = _by_case(key, text, start)
                    if resolved is None:
                        continue
                    length, slug, ambiguous = resolved
            reached = start + length
            # A key has a slug unless it has exact forms, which were settled above.
            chosen.append((start, reached, slug, ambiguous))  # type: ignore[arg-type]
        return chosen


def native_enabled() -> bool:
    """Whether matchers take the native path by default."""
    return native.Scanner is not None and not native.PURE_PYTHON


def _scanner(values: dict[str, _Key]) -> ScannerType:
    if native.Scanner is None or native.Shaper is None:
        raise RuntimeError("the native matcher was not built (no C compiler at install?)")
    marks, expanding = unicode_tables()
    return native.Scanner(native.Shaper(marks, expanding), list(values.items()), _by_case)


def _entries(dictionary: Dictionary) -> dict[str, _Entry]:
    """Every key of the dictionary's marked terms, with the meanings of its forms."""
    entries: dict[str, _Entry] = {}
    forms = [
        form for term in dictionary.terms.values() if term.marked for form in surface_forms(term)
    ]
    # Listed forms are added before generated plurals so a listed form always wins a key.
    for surface in sorted(forms, key=lambda s: s.generated):
        key = key_of(surface.form)
        if not key:
            continue
        entry = entries.setdefault(key, _Entry(len(key)))
        meaning = (surface.slug, surface.ambiguous)
        if surface.capitalised:
            # Its lower case is not it: the key's case-insensitive owner, if any, has that.
            for variant in _capitalised_variants(case_key_of(surface.form)):
                entry.exact.setdefault(variant, meaning)
        elif surface.case_sensitive:
            for variant in _case_variants(case_key_of(surface.form), surface.acronym):
                entry.exact.setdefault(variant, meaning)
        elif entry.any_case is None:
            entry.any_case = meaning
    return entries


def _any_case(entries: dict[str, _Entry]) -> tuple[dict[str, _Entry], frozenset[str]]:
    """The entries with their case rules lifted, and the single words among the keys lifted.
    A key that only case-sensitive forms have means the first of them in any case, if it is
    several words ("eu ai act") or a form with another sense, which the judgement weighs
    ("rag", "ai", "grok"). A single word with no other sense keeps its case ("cot" is not
    CoT)."""
    lifted = dict(entries)
    words = set()
    for key, entry in entries.items():
        if entry.any_case is None:
            slug, ambiguous = next(iter(entry.exact.values()))
            if ambiguous or BOUNDARY in key:
                lifted[key] = _Entry(entry.length, (slug, ambiguous))
                if BOUNDARY not in key:
                    words.add(key)
    return lifted, frozenset(words)


# What comes before a lower-case acronym that is not one: a number, then at most one space
# ("250 ml", "5 kb": a unit), or a letter and an apostrophe ("j'ai": an elided word).
_NOT_AN_ACRONYM_AFTER = re.compile(r"(?:[0-9]\s?|[^\W\d_]['’])\Z")


def _words_only(text: str, found: list[Match], lifted: frozenset[str]) -> list[Match]:
    """`found` without the lifted single words that, after a number or an elision, are
    units or parts of words, not acronyms."""
    if not any(ambiguous for _, _, _, ambiguous in found):  # lifted words all are
        return found
    kept = []
    view = text if text.isascii() or max(text) <= "\uffff" else _utf16_units(text)
    for match in found:
        start, end, _, ambiguous = match
        if (
            ambiguous
            and _NOT_AN_ACRONYM_AFTER.search(view, max(0, start - 2), start) is not None
            and key_of(view[start:end]) in lifted
        ):
            continue
        kept.append(match)
    return kept


def _utf16_units(text: str) -> str:
    """The text with each astral character as two stand-ins, so that UTF-16 offsets index
    it; the stand-ins are neither digits, letters nor spaces."""
    return "".join(char if char <= "\uffff" else "\ufffd\ufffd" for char in text)


def _values(entries: dict[str, _Entry]) -> dict[str, _Key]:
    values: dict[str, _Key] = {}
    for key in sorted(entries, key=len):  # shorter keys first: they are `shorter` of others
        entry = entries[key]
        slug, ambiguous = entry.any_case or (None, False)
        shorter = _shorter(key, values) if entry.any_case is None else ()
        values[key] = _Key(entry.length, slug, ambiguous, entry.exact or None, shorter)
    return values


# English letters by frequency, at the end of words and anywhere, as tables that turn a
# letter into a character sorting by its rank (others sort after every letter).
_LAST_LETTERS = str.maketrans({c: chr(1 + r) for r, c in enumerate("esdtnyrolfghkmapwicbuvxzjq")})
_LETTERS = str.maketrans({c: chr(1 + r) for r, c in enumerate("etaoinsrhldcumfpgwybvkxjqz")})


def _scan_order(key: str) -> tuple[str, str]:
    """Keys are added reversed: first by their last letter, then by their next three."""
    return key[-1:].translate(_LAST_LETTERS), key[-4:-1][::-1].translate(_LETTERS)


def _shorter(key: str, values: dict[str, _Key]) -> tuple[_Key, ...]:
    """The values of the keys made of `key`'s leading words, longest first."""
    found = []
    cut = key.rfind(BOUNDARY)
    while cut > 0:
        value = values.get(key[:cut])
        if value is not None:
            found.append(value)
        cut = key.rfind(BOUNDARY, 0, cut)
    return tuple(found)


def _by_case(key: _Key, text: str, start: int) -> tuple[int, str, bool] | None:
    """The meaning of the longest key starting at `start` whose case rule the text meets.

    Shorter keys of the same leading words match there too, whenever the longer one does.
    """
    for candidate in (key, *key.shorter):
        if candidate.exact is not None:
            seen = text[start : start + candidate.length]
            meaning = candidate.exact.get(seen) or candidate.exact.get(case_key_of(seen))
            if meaning is not None:
                return candidate.length, *meaning
        if candidate.slug is not None:
            return candidate.length, candidate.slug, candidate.ambiguous
    return None


# Casings tried for the ordinary words of a case-sensitive form (3**n variants: capped).
_MAX_FREE_WORDS = 4


def _case_variants(case_key: str, acronym: bool) -> set[str]:
    """The spellings a case-sensitive form matches. Only its case-marked words ("AI" in "AI
    agent", every word of a listed acronym) keep their case; its other words may be lower,
    title or upper case ("AI Agents" in a heading); and the very first letter may change
    case, as sentence case changes it ("on-device AI" in mid-sentence); but a listed acronym
    keeps its case whole ("mL" is not "ML", "xAI" is not "XAI")."""
    words = case_key.split(" ")
    free = [i for i, word in enumerate(words) if not acronym and not _case_marked(word)]
    spellings = [words]
    for index in free[:_MAX_FREE_WORDS]:
        word = words[index].lower()
        spellings = [
            [*spelled[:index], cased, *spelled[index + 1 :]]
            for spelled in spellings
            for cased in {word, word[:1].upper() + word[1:], word.upper()}
        ]
    first_is_free = not acronym
    variants = set()
    for spelled in spellings:
        form = " ".join(spelled)
        variants.add(form)
        if first_is_free:
            variants |= {form[:1].lower() + form[1:], form[:1].upper() + form[1:]}
    return variants


def _capitalised_variants(case_key: str) -> set[str]:
    """The spellings of a name kept capitalised: as listed, in a title ("Perplexity Pro" for
    "Perplexity pro") and in capitals; never in lower case."""
    title = " ".join(word[:1].upper() + word[1:] for word in case_key.split(" "))
    return {case_key, title, case_key.upper()}


def _case_marked(word: str) -> bool:
    """A word whose case means something: a capital after its first letter ("AI", "LoRA")."""
    return any(char.isupper() for char in word[1:])
