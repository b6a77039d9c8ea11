"""The core: what the CLI and the web application both call to annotate, look up and search.

One `Core` serves one generation of the glossaries: the web app builds a new one on reload.
"""

from __future__ import annotations

from collections.abc import Sequence

from cachetools import LRUCache

from ai_glossary.glossary.library import Library, merge, origins
from ai_glossary.model import Dictionary
from ai_glossary.service.annotate import Annotator
from ai_glossary.service.search import SearchIndex

# Annotators kept for choices of glossaries (each holds an automaton and a result cache).
MAX_CHOICES = 8


class Core:
    def __init__(self, library: Library, cache_entries: int) -> None:
        self.library = library
        self.search_index = SearchIndex(library.merged)
        self._cache_entries = cache_entries
        self._annotators: LRUCache[tuple[str, ...], Annotator] = LRUCache(maxsize=MAX_CHOICES)
        self._annotators[library.ids] = self._build(library.glossaries)

    @property
    def dictionary(self) -> Dictionary:
        """Every glossary merged, the first listed winning a slug: what the pages show."""
        return self.library.merged

    def annotator(self, chosen: Sequence[str] | None = None) -> Annotator:
        """The annotator for the chosen glossary ids (None: all), built on first use."""
        key = self.library.choose(chosen)
        annotator = self._annotators.get(key)
        if annotator is None:
            annotator = self._build(self.library.subset(key))
            self._annotators[key] = annotator
        return annotator

    def _build(self, glossaries: Sequence[Dictionary]) -> Annotator:
        return Annotator(merge(glossaries), self._cache_entries, origins=origins(glossaries))
