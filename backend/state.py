"""What the application holds while it runs, built once at start-up and read by handlers."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from backend.annotate import Annotator
from backend.dictionary import load_dictionary
from backend.model import Dictionary
from backend.search import SearchIndex
from backend.settings import Settings


@dataclass(frozen=True)
class AppState:
    settings: Settings
    dictionary: Dictionary
    annotator: Annotator
    search: SearchIndex = field(init=False)

    def __post_init__(self) -> None:
        # Built here, once per dictionary, so every way of making an AppState has it.
        object.__setattr__(self, "search", SearchIndex(self.dictionary))

    @classmethod
    def build(cls, settings: Settings) -> AppState:
        dictionary = load_dictionary(settings.dictionary)
        return cls(settings, dictionary, Annotator(dictionary, settings.cache_entries))


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.glossary
    return state
