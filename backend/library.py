"""Several glossaries served at once: the bundled AI glossary and a business's own.

Glossaries are kept in priority order. A reader may switch some off; for each choice of
glossaries the library merges them into one dictionary (the first listed wins a slug or a
surface form) and keeps an annotator for it, so marking stays one pass over the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from types import MappingProxyType

from cachetools import LRUCache

from backend.annotate import Annotator
from backend.forms import key_of
from backend.model import Dictionary, Term, Tool

# Annotators kept for choices of glossaries (each holds an automaton and a result cache).
MAX_CHOICES = 8


class UnknownGlossary(ValueError):
    pass


class Library:
    def __init__(self, glossaries: Sequence[Dictionary], cache_entries: int) -> None:
        ids = [glossary.id for glossary in glossaries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(
                f"two glossaries share the id {duplicates[0]!r}: give one an id "
                "in its glossary.toml"
            )
        self.glossaries = tuple(glossaries)
        self._cache_entries = cache_entries
        self._annotators: LRUCache[tuple[str, ...], Annotator] = LRUCache(maxsize=MAX_CHOICES)
        self.merged = merge(self.glossaries)
        self._annotators[tuple(ids)] = self._build(self.glossaries)
        self._claims = _claims(self.glossaries)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(glossary.id for glossary in self.glossaries)

    def annotator(self, chosen: Sequence[str] | None = None) -> Annotator:
        """The annotator for the chosen glossary ids (None: all), built on first use."""
        if chosen is None:
            key = self.ids
        else:
            unknown = sorted(set(chosen) - set(self.ids))
            if unknown:
                raise UnknownGlossary(
                    f"no glossary with id {unknown[0]!r}; known: {', '.join(self.ids)}"
                )
            key = tuple(i for i in self.ids if i in chosen)
        annotator = self._annotators.get(key)
        if annotator is None:
            annotator = self._build([g for g in self.glossaries if g.id in key])
            self._annotators[key] = annotator
        return annotator

    def _build(self, glossaries: Sequence[Dictionary]) -> Annotator:
        return Annotator(merge(glossaries), self._cache_entries, origins=_origins(glossaries))

    def other_entries(self, slug: str) -> list[tuple[Dictionary, Term]]:
        """Entries of other glossaries that share the slug or one of the forms of the term
        that `slug` names in the merged view, so its page can show every definition."""
        main = self.merged.terms.get(slug)
        if main is None:
            return []
        keys = {key_of(form) for form in main.forms}
        found: dict[tuple[str, str], tuple[Dictionary, Term]] = {}
        for glossary in self.glossaries:
            term = glossary.terms.get(slug)
            if term is not None and term is not main:
                found[(glossary.id, term.slug)] = (glossary, term)
        for key in keys:
            for glossary, term in self._claims.get(key, ()):
                if term is not main:
                    found[(glossary.id, term.slug)] = (glossary, term)
        return list(found.values())

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


def _origins(glossaries: Sequence[Dictionary]) -> dict[str, dict[str, str]]:
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
