"""What the application holds while it runs, built once at start-up and read by handlers."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from backend.annotate import REPLY_CACHE_BYTES, REPLY_CACHE_ENTRIES, Annotator, Recent
from backend.dictionary import DictionaryError, Problem, load_dictionary
from backend.library import Library
from backend.model import Dictionary
from backend.responses import Encoded
from backend.search import SearchIndex
from backend.settings import Settings


@dataclass(frozen=True)
class AppState:
    """One consistent generation of the served data; a reload swaps in a whole new one."""

    settings: Settings
    library: Library
    search: SearchIndex = field(init=False)
    # Annotate replies by a digest of the raw request body (never the body itself).
    replies: Recent[bytes, Encoded] = field(init=False)

    def __post_init__(self) -> None:
        # Built here, once per dictionary, so every way of making an AppState has it.
        object.__setattr__(self, "search", SearchIndex(self.dictionary))
        replies: Recent[bytes, Encoded] = Recent(
            min(self.settings.cache_entries, REPLY_CACHE_ENTRIES), _json_size, REPLY_CACHE_BYTES
        )
        object.__setattr__(self, "replies", replies)

    @property
    def dictionary(self) -> Dictionary:
        """Every glossary merged, the first listed winning a slug: what the pages show."""
        return self.library.merged

    @property
    def annotator(self) -> Annotator:
        """The annotator for every glossary."""
        return self.library.annotator()

    @classmethod
    def build(cls, settings: Settings) -> AppState:
        glossaries = []
        problems: list[Problem] = []
        for folder in settings.dictionaries:
            try:
                glossaries.append(load_dictionary(folder))
            except DictionaryError as error:
                several = len(settings.dictionaries) > 1
                problems += [
                    Problem(f"{folder}/{p.file}", p.field, p.message) if several else p
                    for p in error.problems
                ]
        if problems:
            raise DictionaryError(problems)
        try:
            library = Library(glossaries, settings.cache_entries)
        except ValueError as error:
            raise DictionaryError([Problem(str(settings.dictionary), "id", str(error))]) from None
        return cls(settings, library)


def _json_size(reply: Encoded) -> int:
    return len(reply.json)


def state_of(request: Request) -> AppState:
    reloader = getattr(request.app.state, "reloader", None)
    if reloader is not None:
        reloader.follow()
    state: AppState = request.app.state.glossary
    return state
