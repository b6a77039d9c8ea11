"""The native matcher (backend/ai_glossary/native/matcher.c); see ai_glossary.matching.native."""

from collections.abc import Callable, Sequence
from typing import Any

class Shaper:
    """The Unicode tables shaping needs (`shaping.unicode_tables()`)."""

    def __init__(self, marks: Sequence[int], expanding: Sequence[int]) -> None: ...
    def normalize(self, text: str) -> str:
        """`shaping.normalize(text)`."""

class Scanner:
    """A Matcher's keys (key, _Key), matched in C; `by_case` is `matcher._by_case`."""

    def __init__(
        self,
        shaper: Shaper,
        keys: Sequence[tuple[str, tuple[Any, ...]]],
        by_case: Callable[[Any, str, int], tuple[int, str, bool] | None],
    ) -> None: ...
    def find(self, text: str) -> list[tuple[int, int, str, bool]]: ...
    def find_many(self, texts: list[str]) -> list[list[tuple[int, int, str, bool]]]: ...
