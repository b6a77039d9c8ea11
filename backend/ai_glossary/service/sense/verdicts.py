"""What the judgement says of an occurrence, and the evidence it weighed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str
    detail: str
    weight: float


@dataclass(frozen=True, slots=True)
class Verdict:
    kept: bool
    score: float
    against: bool  # some evidence spoke against the AI sense
    evidence: tuple[Evidence, ...] = ()  # only when explaining
    # What spoke against it was only cues against elsewhere in the request, not in its own
    # block nor at the occurrence: the page's own sense of the term may still outweigh it.
    far_only: bool = False


@dataclass
class Candidate:
    """One found form in a request: (segment, start, end) in UTF-16 units."""

    segment: int
    start: int
    end: int
    slug: str
    ambiguous: bool
    verdict: Verdict | None = field(default=None)


@dataclass(frozen=True, slots=True)
class Found:
    """The evidence of one place for one term, worked out once per request."""

    score: float
    against: bool
    items: tuple[tuple[str, str, float], ...]  # (kind, detail, weight before WHERE)


NOTHING = Found(0.0, False, ())

# An occurrence after its term's first mark, when only first marks are asked for: not weighed.
NOT_WEIGHED = Verdict(False, 0.0, False)
