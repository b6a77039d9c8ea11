"""A sense judge that decides nothing, for measuring what the judgement costs."""

from __future__ import annotations

from ai_glossary.matching.offsets import Match
from ai_glossary.service.sense import MARK_SURE, Candidate, SenseJudge


class NoJudgement(SenseJudge):
    """Decides nothing: every ambiguous form is kept, as if it had no other sense."""

    def judge(
        self,
        segments: list[str],
        candidates: list[Candidate],
        page_is_ai: bool,
        explain: bool = False,
        first_only: bool = False,
    ) -> None:
        return None

    def marks(
        self,
        segments: list[str],
        per_segment: list[list[Match]],
        page_is_ai: bool,
        first_only: bool = False,
    ) -> bytes:
        # Every match kept as a form with no other sense: the fastest path of the reply.
        return bytes([MARK_SURE]) * sum(map(len, per_segment))
