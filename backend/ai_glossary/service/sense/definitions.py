"""Acronyms a text defines as something else: "contact our Data Protection Officer (DPO)"
says what DPO means on that page, and it is not direct preference optimisation; so does a
key, "DPO: Data Protection Officer", and a rota's key to initials, "AI: Aisha Iqbal", where
AI, ML and CV are volunteers. Looked for once a request, before any occurrence is judged,
so that the definition settles every occurrence of the acronym in the request, not only the
one it stands beside."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ai_glossary.model import Term
from ai_glossary.model.forms import key_of, plurals_of, surface_forms

_WORD = re.compile(r"[^\W\d_]+")
# Anything in a bracket but words, spaces and hyphens: no definition ("(e.g., GPT-4)").
_NOT_WORDS = re.compile(r"[^\w\s\-‐‑–]|[\d_]")
# Words an acronym's letters may skip, or take their own letter from ("Ministry of
# Education (MoE)", "Chain of Thought (CoT)").
_LINKING = frozenset({"of", "and", "for", "the", "to", "in", "on", "at", "by", "with", "a"})
_REACH = 120  # characters before the bracket that an expansion may take
# Where a definition stands beside a form: before it, the form in brackets, "Data Protection
# Officer (DPO)"; after it in brackets, "DPO (Data Protection Officer)"; or after it as a
# key's entry, "DPO: Data Protection Officer".
AFTER, BEFORE, KEYED = 0, 1, 2
# A key's entry: capitalised words after the colon, as a name or a title writes them.
_ENTRY = re.compile(r"[^\W\d_][\w'’\-‐‑]*(?: [^\W\d_][\w'’\-‐‑]*)*")


class Acronyms:
    """The ambiguous acronyms of the judged entries, and the words of each entry's forms."""

    def __init__(self, terms: Iterable[Term]) -> None:
        # An acronym's key, and its plural's, -> (its entry, its letters).
        self._acronyms: dict[str, tuple[str, str]] = {}
        self._form_keys: dict[str, frozenset[str]] = {}
        self._form_words: dict[str, frozenset[str]] = {}
        for term in terms:
            listed = [form for form in term.acronyms if form in term.ambiguous and form.isalpha()]
            if not listed:
                continue
            for form in listed:
                for written in (form, *plurals_of(form, True)):
                    self._acronyms[key_of(written)] = (term.slug, form.lower())
            keys = {key_of(surface.form) for surface in surface_forms(term)}
            self._form_keys[term.slug] = frozenset(keys)
            self._form_words[term.slug] = frozenset(
                _singular(word) for key in keys for word in key.split()
            )

    def defined_otherwise(
        self, segments: list[str], spots: list[tuple[int, int, int, int]]
    ) -> dict[str, tuple[str, str]]:
        """Each acronym key (and its plural's) that the text defines as something other than
        its entry, with its entry and that definition; none where the text also defines it
        as the entry. `spots`: where ambiguous forms may be defined, as (segment, start, end)
        in code points and where the definition stands: `BEFORE` the form, "ground power
        unit (GPU)", `AFTER` it in brackets, "GPU (ground power unit)", or `KEYED` after it
        and a colon, "GPU: Ground Power Unit"."""
        other: dict[str, str] = {}
        same: set[str] = set()
        for segment, start, end, where in spots:
            text = segments[segment]
            written = text[start:end]
            known = self._acronyms.get(key_of(written))
            if known is None:
                continue
            slug, letters = known
            if where == BEFORE:
                expansion = _expansion(text[max(0, start - 1 - _REACH) : start - 1], letters)
                definition = f"{expansion} ({written})"
            elif where == KEYED:
                expansion = _keyed(text[end : end + _REACH], letters)
                definition = f"{written}: {expansion}"
            else:
                expansion = _expansion_after(text[end : end + _REACH], letters)
                definition = f"{written} ({expansion})"
            if not expansion:
                continue
            if self._names_the_entry(slug, expansion):
                same.add(letters)
            else:
                other.setdefault(letters, definition)
        return {
            key: (slug, other[letters])
            for key, (slug, letters) in self._acronyms.items()
            if letters in other and letters not in same
        }

    def _names_the_entry(self, slug: str, expansion: str) -> bool:
        """Whether the words an acronym stands for are its entry's: one of its forms, or
        more than half of their words words of its forms ("Mixture-of-Expert (MoE)",
        "Proximal Policy Optimisation (PPO)"). Half is not enough: "artificial insemination
        (AI)" shares one word of two with artificial intelligence."""
        key = key_of(expansion)
        if key in self._form_keys[slug]:
            return True
        words = [_singular(word) for word in key.split() if word not in _LINKING]
        shared = sum(word in self._form_words[slug] for word in words)
        return 2 * shared > len(words)


def _expansion(before: str, letters: str) -> str:
    """The words right before a bracket whose initials spell `letters`, or "": read back
    from the bracket, each word gives the letter it starts with, and linking words ("of",
    "and") that give none are passed over."""
    words = list(_WORD.finditer(before))
    if not words or before[words[-1].end() :].strip():
        return ""  # something other than space between the words and the bracket
    index = len(letters) - 1
    position = len(words) - 1
    while index >= 0 and position >= 0:
        word = words[position].group().lower()
        if word[0] == letters[index]:
            index -= 1
        elif word not in _LINKING:
            return ""
        position -= 1
    if index >= 0:
        return ""
    return before[words[position + 1].start() :].strip()


def _expansion_after(after: str, letters: str) -> str:
    """The words in the bracket right after a form, " (ground power unit)", if they are
    all words and their initials spell `letters` (the first word giving the first letter;
    linking words between may give none), or ""."""
    opened = after.lstrip(" ")
    if not opened.startswith("("):
        return ""
    close = opened.find(")")
    inside = opened[1:close] if close > 0 else ""
    words = [found.group().lower() for found in _WORD.finditer(inside)]
    if not words or _NOT_WORDS.search(inside) or words[0][0] != letters[0]:
        return ""
    index = 0
    for word in words:
        if index < len(letters) and word[0] == letters[index]:
            index += 1
        elif word not in _LINKING:
            return ""
    return inside.strip() if index == len(letters) else ""


def _keyed(after: str, letters: str) -> str:
    """The entry after a key's colon, ": Data Protection Officer", ": Aisha Iqbal", if it is
    capitalised words, one for each letter and in its order, or "". A lower-case word ends
    the entry, so linking words are not allowed for ("MoE: Mixture of Experts" defines
    nothing, which leaves MoE to the rest of the evidence)."""
    found = _ENTRY.match(after, 2) if after.startswith(": ") else None
    if found is None:
        return ""
    words: list[str] = []
    for word in found.group().split(" "):
        if not word[0].isupper():
            break
        words.append(word)
    if len(words) != len(letters):
        return ""
    if any(word[0].lower() != letter for word, letter in zip(words, letters, strict=True)):
        return ""
    return " ".join(words)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word
