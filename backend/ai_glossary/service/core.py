"""The core: what the CLI and the web application both call to annotate, look up and search.

One `Core` serves one generation of the glossaries (the web app builds a new one on reload),
and its replies are the `/v1` JSON bodies: the CLI prints exactly what the API sends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache

from ai_glossary.glossary.library import Library, merge, origins
from ai_glossary.model import Dictionary, Term
from ai_glossary.model.forms import key_of, surface_forms
from ai_glossary.service.annotate import CARD_TOOLS, Annotator, Options
from ai_glossary.service.encoded import Encoded
from ai_glossary.service.search import MAX_QUERY_CHARS, MAX_RESULTS, SearchIndex

# Annotators kept for choices of glossaries (each holds an automaton, a sense judge and its
# cards: a few MB for the bundled glossary, so this bounds their bytes too).
MAX_CHOICES = 8
# Most slugs one `GET /v1/cards` names (a page rarely meets more than a hundred terms).
MAX_CARD_SLUGS = 500


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits that shape replies (settings of the server, published at /v1/limits)."""

    card_tools: int = CARD_TOOLS
    query_chars: int = MAX_QUERY_CHARS
    search_results: int = MAX_RESULTS


class QueryTooLong(ValueError):
    pass


class TooManySlugs(ValueError):
    pass


class StaleVersion(ValueError):
    """Cards were asked for a version of the glossaries other than the one served."""


class Core:
    def __init__(self, library: Library, limits: Limits = Limits()) -> None:
        self.library = library
        self.limits = limits
        self.search_index = SearchIndex(library.merged, query_chars=limits.query_chars)
        self._annotators: LRUCache[tuple[str, ...], Annotator] = LRUCache(maxsize=MAX_CHOICES)
        self._annotators[library.ids] = self._build(library.glossaries)
        # Whether annotating runs in C: every annotator is built alike.
        self.native = self._annotators[library.ids].native
        self._addresses = _addresses(library.merged)

    @property
    def dictionary(self) -> Dictionary:
        """Every glossary merged, the first listed winning a slug: what the pages show."""
        return self.library.merged

    def address_of(self, text: str) -> str | None:
        """The slug of the term that `text` names: any of its forms, plurals included, written
        in any case ("rlhf", "DPO", "large-language-models"); its exact case wins a tie."""
        exact = self._addresses.exact.get(text)
        return exact or self._addresses.any_case.get(key_of(text))

    def acronym_of(self, text: str) -> str | None:
        """The slug of the term whose listed acronym `text` is, exactly as written."""
        return self._addresses.acronyms.get(text.strip())

    def annotator(self, chosen: Sequence[str] | None = None) -> Annotator:
        """The annotator for the chosen glossary ids (None: all), built on first use."""
        key = self.library.choose(chosen)
        annotator = self._annotators.get(key)
        if annotator is None:
            annotator = self._build(self.library.subset(key))
            self._annotators[key] = annotator
        return annotator

    def annotate(
        self,
        segments: list[str],
        options: Options | None = None,
        chosen: Sequence[str] | None = None,
        base_url: str = "",
    ) -> Encoded:
        """The reply of `POST /v1/annotate`, with its JSON. Raises `UnknownGlossary` for an
        unknown id."""
        return self.annotator(chosen).annotate(segments, options or Options(), base_url)

    def annotate_json(
        self,
        segments: list[str],
        options: Options | None = None,
        chosen: Sequence[str] | None = None,
        base_url: str = "",
    ) -> bytes:
        """The body of `POST /v1/annotate`: `annotate(...).json`, made the shorter way
        (`Annotator.reply_json`). Raises `UnknownGlossary` for an unknown id."""
        return self.annotator(chosen).reply_json(segments, options or Options(), base_url)

    def cards(
        self,
        slugs: Sequence[str],
        version: str,
        chosen: Sequence[str] | None = None,
        base_url: str = "",
    ) -> dict[str, Any]:
        """The body of `GET /v1/cards`: the cards of `slugs` (those that name a term) as the
        annotate replies of `version` with the same choice of glossaries give them. Raises
        `StaleVersion` when that version is not the one served, `TooManySlugs` past the
        limit, `UnknownGlossary` for an unknown id."""
        if len(slugs) > MAX_CARD_SLUGS:
            raise TooManySlugs(f"at most {MAX_CARD_SLUGS} slugs per request")
        annotator = self.annotator(chosen)
        served = annotator.dictionary
        if version != served.version:
            raise StaleVersion(f"version {served.version} is served: annotate again")
        return {
            "dictionary": {"id": served.id, "version": served.version},
            "terms": annotator.cards(slugs, base_url),
        }

    def term(self, slug: str, base_url: str = "") -> dict[str, Any] | None:
        """The body of `GET /v1/terms/{slug}`, or None when no glossary has the slug."""
        term = self.dictionary.terms.get(slug)
        return None if term is None else self._term_json(term, base_url)

    def search(self, query: str, base_url: str = "") -> dict[str, Any]:
        """The body of `GET /v1/search`. Raises `QueryTooLong` past the query limit."""
        if len(query) > self.limits.query_chars:
            raise QueryTooLong(f"q is longer than {self.limits.query_chars} characters")
        hits = self.search_index.search(query, limit=self.limits.search_results)
        results = [
            {
                "slug": hit.term.slug,
                "term": hit.term.term,
                "plain_english": hit.term.plain_english,
                "url": f"{base_url}/terms/{hit.term.slug}",
            }
            for hit in hits
        ]
        return {"query": query, "results": results}

    def glossaries(self) -> dict[str, Any]:
        """The body of `GET /v1/glossaries`."""
        return {
            "glossaries": [
                {"id": g.id, "name": g.name, "version": g.version, "terms": len(g.terms)}
                for g in self.library.glossaries
            ]
        }

    def _term_json(self, term: Term, base_url: str) -> dict[str, Any]:
        dictionary = self.dictionary
        return {
            "slug": term.slug,
            "term": term.term,
            "aliases": list(term.aliases),
            "acronyms": list(term.acronyms),
            "ambiguous": list(term.ambiguous),
            "marked": term.marked,
            "category": term.category,
            "plain_english": term.plain_english,
            "definition": term.definition,
            "full_picture": list(term.full_picture),
            "business_example": term.business_example,
            "roles": dict(term.roles),
            "faq": [{"q": item.q, "a": item.a} for item in term.faq],
            "related": [slug for slug in term.related if slug in dictionary.terms],
            "tools": [
                {"id": t.id, "name": t.name, "url": t.url, "description": t.description}
                for t in dictionary.tools_of(term)
            ],
            "url": f"{base_url}/terms/{term.slug}",
        }

    def _build(self, glossaries: Sequence[Dictionary]) -> Annotator:
        return Annotator(
            merge(glossaries),
            origins=origins(glossaries),
            card_tools=self.limits.card_tools,
        )


@dataclass(frozen=True, slots=True)
class _Addresses:
    exact: dict[str, str]  # form as written -> slug
    any_case: dict[str, str]  # key of the form -> slug
    acronyms: dict[str, str]  # listed acronym -> slug


def _addresses(dictionary: Dictionary) -> _Addresses:
    """Every form of every term as an address, the dictionary's priority order winning."""
    exact: dict[str, str] = {}
    any_case: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for term in dictionary.terms.values():
        for surface in surface_forms(term):
            exact.setdefault(surface.form, term.slug)
            any_case.setdefault(key_of(surface.form), term.slug)
            if surface.acronym and not surface.generated:
                acronyms.setdefault(surface.form, term.slug)
        any_case.setdefault(key_of(term.slug), term.slug)
    return _Addresses(exact, any_case, acronyms)
