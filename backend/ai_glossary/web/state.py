"""What the application holds while it runs, built once at start-up and read by handlers."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from ai_glossary.glossary.library import Library, load_library
from ai_glossary.model import Dictionary
from ai_glossary.service.annotate import REPLY_CACHE_BYTES, REPLY_CACHE_ENTRIES, Recent
from ai_glossary.service.core import Core
from ai_glossary.service.encoded import Encoded
from ai_glossary.service.search import SearchIndex
from ai_glossary.settings import Settings


@dataclass(frozen=True)
class AppState:
    """One consistent generation of the served data; a reload swaps in a whole new one."""

    settings: Settings
    core: Core
    # Annotate replies by a digest of the raw request body (never the body itself).
    replies: Recent[bytes, Encoded] = field(init=False)

    def __post_init__(self) -> None:
        replies: Recent[bytes, Encoded] = Recent(
            min(self.settings.cache_entries, REPLY_CACHE_ENTRIES), _json_size, REPLY_CACHE_BYTES
        )
        object.__setattr__(self, "replies", replies)

    @property
    def library(self) -> Library:
        return self.core.library

    @property
    def dictionary(self) -> Dictionary:
        """Every glossary merged, the first listed winning a slug: what the pages show."""
        return self.core.dictionary

    @property
    def search(self) -> SearchIndex:
        return self.core.search_index

    @classmethod
    def build(cls, settings: Settings) -> AppState:
        library = load_library(settings.dictionaries)
        return cls(settings, Core(library, settings.cache_entries, settings.limits))


def _json_size(reply: Encoded) -> int:
    return len(reply.json)


def state_of(request: Request) -> AppState:
    reloader = getattr(request.app.state, "reloader", None)
    if reloader is not None:
        reloader.follow()
    state: AppState = request.app.state.glossary
    return state
