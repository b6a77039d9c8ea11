"""Surface forms: their keys, their case rule and their generated plurals."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ai_glossary.model.records import Term
from ai_glossary.model.shaping import normalize, settle_dots, settle_signs, word_shape


def key_of(form: str) -> str:
    """The normalized key of a surface form: its shape with single spaces, trimmed."""
    return " ".join(normalize(form).split())


def case_key_of(text: str) -> str:
    """The case-preserving key of a form or of a matched slice, for case-sensitive forms."""
    return " ".join(settle_signs(settle_dots(word_shape(text))).split())


def variants(word: str) -> set[str]:
    """The word and its regular inflections ("cow", "cows"; "breed", "breeding"), so that a
    page's words are looked up as they are, with no stemming at request time. Derived words
    ("insemination", "inseminated") are cues of their own, listed by the entry."""
    # A word that ends in "s" takes "es" ("bias", "biases"): "compas" + "s" is another word.
    found = {word, word + "es", word + "ed", word + "ing"}
    if not word.endswith("s"):
        found.add(word + "s")
    if word.endswith("e"):
        found |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2:
        found |= {word[:-1] + "ies", word[:-1] + "ied"}
    return found


_WORD_BREAK = re.compile(r"[\s\-‐‑–]+")
_INNER_CAPITAL = re.compile(r"(?<=[^\s\-‐‑–])[A-Z]")


def is_case_sensitive(form: str, listed_as_acronym: bool) -> bool:
    """Acronyms, and forms with a capital after the first character of a word ("LoRA")."""
    if listed_as_acronym:
        return True
    if not any(map(str.isupper, form)):  # most forms: a quick answer, in C
        return False
    if form.isascii():  # a capital that does not start a word
        return _INNER_CAPITAL.search(form) is not None
    return any(any(char.isupper() for char in word[1:]) for word in _WORD_BREAK.split(form))


def is_a_capitalised_word(form: str) -> bool:
    """A form written with a capital, then lower case: "Perplexity", "Cursor", not "AI"."""
    return form[:1].isupper() and form[1:2].islower()


_SIBILANT_END = ("s", "x", "z", "ch", "sh")
_VOWELS = set("aeiou")


def plural_of(form: str, case_sensitive: bool) -> str | None:
    """The regular English plural of a form's last word, or None where none is made."""
    plurals = plurals_of(form, case_sensitive)
    return plurals[0] if plurals else None


def plurals_of(form: str, case_sensitive: bool) -> tuple[str, ...]:
    """The regular English plurals of a form's last word: one, or two for a word ending in
    "ch", whose spelling does not say whether it sounds as in "batches" or as in "epochs"
    (the other spelling never occurs in text, so matching it costs nothing)."""
    if not form or not form[-1].isalpha():
        return ()
    if case_sensitive and form[-1].isupper():
        # Acronyms take a plain "s": "LLMs", "GPUs"; one ending in "S" takes none.
        return () if form[-1] == "S" else (form + "s",)
    lower = form.lower()
    if lower.endswith("ch"):
        return form + "es", form + "s"
    if lower.endswith(_SIBILANT_END):
        return (form + "es",)
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return (form[:-1] + "ies",)
    return (form + "s",)


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    form: str
    slug: str
    case_sensitive: bool
    ambiguous: bool
    generated: bool  # a plural made by the matcher, not listed in the dictionary
    acronym: bool = False  # listed under `acronyms`: every word keeps its case
    # A name its entry keeps capitalised (`capital = true`): only its capitalised spellings
    # are it, and its lower case may be another entry's form ("perplexity", the metric).
    capitalised: bool = False


def surface_forms(term: Term) -> list[SurfaceForm]:
    """The forms of a term that are matched: listed forms first, then their plurals."""
    ambiguous_keys = {key_of(form) for form in term.ambiguous}
    listed: list[SurfaceForm] = []
    acronyms = set(term.acronyms)
    for form in term.forms:
        ambiguous = bool(ambiguous_keys) and key_of(form) in ambiguous_keys
        capitalised = term.cues.capital and ambiguous and is_a_capitalised_word(form)
        sensitive = capitalised or is_case_sensitive(form, form in acronyms)
        listed.append(
            SurfaceForm(form, term.slug, sensitive, ambiguous, False, form in acronyms, capitalised)
        )
    plurals = [
        SurfaceForm(
            plural,
            term.slug,
            surface.case_sensitive,
            surface.ambiguous,
            True,
            surface.acronym,
            surface.capitalised,
        )
        for surface in listed
        for plural in plurals_of(surface.form, surface.case_sensitive)
    ]
    return listed + plurals
