"""The native sense judgement (C in backend/ai_glossary/native/); see `handover`."""

from typing import Any

class Judge:
    callbacks: Any
    def __init__(
        self,
        vocabulary: list[str],
        slug_ids: dict[str, int],
        senses: list[tuple[Any, ...]],
        borrowed: list[int],
        weights: tuple[float, ...],
        callbacks: Any,
        verdict_type: Any,
        not_weighed: Any,
        not_names: frozenset[str],
        unusual: list[float],
        known: list[int],
        marks: tuple[int, ...],
        expanding: tuple[int, ...],
        /,
    ) -> None: ...
    def judge(
        self, segments: list[str], candidates: list[Any], page_is_ai: bool, first_only: bool, /
    ) -> bool:
        """Sets every verdict, or returns False (and sets none) for a request it leaves to
        the Python path."""
    def marks(
        self,
        segments: list[str],
        per_segment: list[list[tuple[int, int, str, bool]]],
        page_is_ai: bool,
        first_only: bool,
        /,
    ) -> bytes | None:
        """For each match in order: 2 (no other sense), 1 (judged and kept), 0 (dropped or
        not weighed); None for a request it leaves to the Python path."""

def reply_matches(
    per_segment: list[list[tuple[int, int, str, bool]]], marks: bytes, first_only: bool, /
) -> tuple[list[dict[str, Any]], int]:
    """The reply's matches from the matcher's tuples and their marks, and the number of
    distinct terms marked sure (annotate._marked)."""

def reply_json(
    per_segment: list[list[tuple[int, int, str, bool]]], marks: bytes, first_only: bool, /
) -> tuple[bytes | None, set[str], int]:
    """reply_matches's list as orjson writes it (None when a slug needs escaping), the terms
    it holds, and the number of distinct terms marked sure."""
