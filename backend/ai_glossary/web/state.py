"""What the application holds while it runs, built once at start-up and read by handlers."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from cachetools import LRUCache
from starlette.requests import Request

from ai_glossary.glossary.library import Library, load_library
from ai_glossary.model import Dictionary
from ai_glossary.service.core import Core
from ai_glossary.service.search import SearchIndex
from ai_glossary.settings import Settings

# The reply cache (docs/adr/0008-caches.md): at most this many replies and this many bytes
# of their JSON (all it holds of them).
REPLY_CACHE_ENTRIES = 1024
REPLY_CACHE_BYTES = 2 * 1024 * 1024


class ReplyCache(LRUCache[tuple[str, int, int, int], bytes]):
    """Annotate replies' JSON by a digest of the request (never the request itself), least
    recently used dropped first, bounded in bytes and in entries: every reply weighs at
    least `bytes // entries`, so a full cache never holds more than `entries` of them."""

    def __init__(self, entries: int, budget: int = REPLY_CACHE_BYTES) -> None:
        self.floor = budget // max(entries, 1)
        # Not a bound method of the cache, which the cache would keep: a cycle (web/heap.py).
        super().__init__(maxsize=budget, getsizeof=partial(_weight, self.floor))

    def keep(self, key: tuple[str, int, int, int], reply: bytes) -> None:
        """Keep `reply` unless it would take more than a quarter of the cache."""
        if self.getsizeof(reply) <= self.maxsize // 4:
            self[key] = reply


def _weight(floor: int, reply: bytes) -> int:
    return max(len(reply), floor)


@dataclass(frozen=True)
class AppState:
    """One consistent generation of the served data; a reload swaps in a whole new one."""

    settings: Settings
    core: Core
    # None when `cache_entries` is 0: then no request does any cache work.
    replies: ReplyCache | None = field(init=False)

    def __post_init__(self) -> None:
        entries = min(self.settings.cache_entries, REPLY_CACHE_ENTRIES)
        object.__setattr__(self, "replies", ReplyCache(entries) if entries > 0 else None)

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
        return cls(settings, Core(library, settings.limits))


def state_of(request: Request) -> AppState:
    reloader = getattr(request.app.state, "reloader", None)
    if reloader is not None:
        reloader.follow()
    state: AppState = request.app.state.glossary
    return state
