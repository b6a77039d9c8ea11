"""Several glossaries served at once: the bundled AI glossary and a business's own.

Glossaries are kept in priority order. A reader may switch some off; a choice of glossaries
is merged into one dictionary (the first listed wins a slug or a surface form), so marking
stays one pass over the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ai_glossary.glossary.reader import DictionaryError, Problem, load_dictionary
from ai_glossary.model import Dictionary, Term, Tool
from ai_glossary.model.forms import key_of


@dataclass(frozen=True, slots=True)
class Shadow:
    """A form one glossary's entry takes from another's, listed later."""

    form: str
    glossary: Dictionary
    term: Term
    hidden_glossary: Dictionary
    hidden: Term

    def __str__(self) -> str:
        return (
            f"{self.form}: {self.glossary.name} {self.term.term!r} hides "
            f"{self.hidden_glossary.name} {self.hidden.term!r}"
        )


class UnknownGlossary(ValueError):
    pass


class Library:
    def __init__(self, glossaries: Sequence[Dictionary]) -> None:
        ids = [glossary.id for glossary in glossaries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(
                f"two glossaries share the id {duplicates[0]!r}: give one an id "
                "in its glossary.toml"
            )
        self.glossaries = tuple(glossaries)
        self.merged = merge(self.glossaries)
        self._claims = _claims(self.glossaries)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(glossary.id for glossary in self.glossaries)

    def choose(self, chosen: Sequence[str] | None = None) -> tuple[str, ...]:
        """The chosen glossary ids (None: all) in the library's priority order."""
        if chosen is None:
            return self.ids
        unknown = sorted(set(chosen) - set(self.ids))
        if unknown:
            raise UnknownGlossary(
                f"no glossary with id {unknown[0]!r}; known: {', '.join(self.ids)}"
            )
        return tuple(i for i in self.ids if i in chosen)

    def subset(self, ids: Sequence[str]) -> tuple[Dictionary, ...]:
        return tuple(g for g in self.glossaries if g.id in ids)

    def other_entries(self, slug: str) -> list[tuple[Dictionary, Term]]:
        """Entries of other glossaries that share the slug or one of the forms of the term
        that `slug` names in the merged view, so its page can show every definition."""
        main = self.merged.terms.get(slug)
        return [] if main is None else self.entries_like(main)

    def entries_like(self, main: Term) -> list[tuple[Dictionary, Term]]:
        """Every entry of another glossary that shares `main`'s slug or one of its forms, in
        priority order. Not one of `main`'s own glossary: there, an entry that is never marked
        may share a name with a marked one ("Perplexity", the metric and the company), and
        each is a term of its own, not another definition of the same one."""
        keys = {key_of(form) for form in main.forms}
        own = next((g for g in self.glossaries if g.terms.get(main.slug) is main), None)
        found: dict[tuple[str, str], tuple[Dictionary, Term]] = {}
        for glossary in self.glossaries:
            term = glossary.terms.get(main.slug)
            if term is not None and term is not main:
                found[(glossary.id, term.slug)] = (glossary, term)
        for key in keys:
            for glossary, term in self._claims.get(key, ()):
                if term is not main and glossary is not own:
                    found[(glossary.id, term.slug)] = (glossary, term)
        order = {glossary.id: index for index, glossary in enumerate(self.glossaries)}
        return sorted(found.values(), key=lambda entry: order[entry[0].id])

    def glossary(self, glossary_id: str) -> Dictionary | None:
        return next((g for g in self.glossaries if g.id == glossary_id), None)

    def is_shown(self, term: Term) -> bool:
        """Whether the merged view shows this very entry at its slug's address."""
        return self.merged.terms.get(term.slug) is term

    def shadowed(self) -> list[Shadow]:
        """Every form and slug that a glossary listed earlier takes from one listed later:
        the later entry is not marked for it, and its page is not at that address."""
        found: dict[tuple[str, str, str], Shadow] = {}
        for key, claims in self._claims.items():
            glossary, term = claims[0]
            for hidden_glossary, hidden in claims[1:]:
                if hidden_glossary is not glossary:
                    form = next((f for f in hidden.forms if key_of(f) == key), key)
                    shadow = Shadow(form, glossary, term, hidden_glossary, hidden)
                    found.setdefault((hidden_glossary.id, hidden.slug, key), shadow)
        for glossary in self.glossaries:
            for slug, hidden in glossary.terms.items():
                winner = self.merged.terms.get(slug)
                owner = self.origin_of(slug)
                if winner is not None and owner is not None and owner is not glossary:
                    shadow = Shadow(f"/terms/{slug}", owner, winner, glossary, hidden)
                    found.setdefault((glossary.id, slug, "/"), shadow)
        return sorted(found.values(), key=lambda s: (s.hidden_glossary.id, s.hidden.slug, s.form))

    def origin_of(self, slug: str) -> Dictionary | None:
        """The glossary whose entry the merged view shows for `slug`."""
        return next((g for g in self.glossaries if slug in g.terms), None)


def merge(glossaries: Sequence[Dictionary]) -> Dictionary:
    """One dictionary from several, in priority order: the first listed wins a slug."""
    if len(glossaries) == 1:
        return glossaries[0]
    terms: dict[str, Term] = {}
    tools: dict[str, Tool] = {}
    for glossary in glossaries:
        for slug, term in glossary.terms.items():
            terms.setdefault(slug, term)
        for tool_id, tool in glossary.tools.items():
            tools.setdefault(tool_id, tool)
    versions = "+".join(f"{g.id}:{g.version}" for g in glossaries)
    return Dictionary(
        id="+".join(g.id for g in glossaries),
        name=" + ".join(g.name for g in glossaries),
        version=hashlib.sha256(versions.encode()).hexdigest()[:16],
        terms=MappingProxyType(terms),
        tools=MappingProxyType(tools),
    )


def origins(glossaries: Sequence[Dictionary]) -> dict[str, dict[str, str]]:
    """For each slug, the id and name of the glossary whose entry wins it."""
    origins: dict[str, dict[str, str]] = {}
    for glossary in glossaries:
        for slug in glossary.terms:
            origins.setdefault(slug, {"id": glossary.id, "name": glossary.name})
    return origins


def _claims(glossaries: Sequence[Dictionary]) -> dict[str, list[tuple[Dictionary, Term]]]:
    claims: dict[str, list[tuple[Dictionary, Term]]] = {}
    for glossary in glossaries:
        for term in glossary.terms.values():
            for form in term.forms:
                claims.setdefault(key_of(form), []).append((glossary, term))
    return claims


def load_library(folders: Sequence[Path]) -> Library:
    """The glossaries of `folders`, in priority order; every problem of every folder raised
    together as one `DictionaryError` (each prefixed with its folder when there are several)."""
    glossaries = []
    problems: list[Problem] = []
    for folder in folders:
        try:
            glossaries.append(load_dictionary(folder))
        except DictionaryError as error:
            problems += [
                Problem(f"{folder}/{p.file}", p.field, p.message) if len(folders) > 1 else p
                for p in error.problems
            ]
    if problems:
        raise DictionaryError(problems)
    try:
        return Library(glossaries)
    except ValueError as error:
        raise DictionaryError([Problem(str(folders[0]), "id", str(error))]) from None
