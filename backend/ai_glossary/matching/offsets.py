"""Offsets: from the text the automaton scanned back to each text's own, in UTF-16 units.

The matcher scans several texts joined into one, with runs of white space collapsed, and
counts in code points; the browser counts in UTF-16 code units (docs/adr/0003-utf16-offsets.md).
"""

from __future__ import annotations

import bisect
import math
from itertools import accumulate
from operator import add

# One marked term in a segment: (start, end, slug, ambiguous), offsets in UTF-16 code units,
# end exclusive. Plain tuples: a page makes thousands, and they are cached.
Match = tuple[int, int, str, bool]

# Two boundary characters that are not white space: no form can span them.
SEPARATOR = "||"


def starts_of(texts: list[str]) -> list[int]:
    """Where each text starts once they are joined with `SEPARATOR`."""
    lengths = accumulate(map(len, texts[:-1]), initial=0)
    return list(map(add, lengths, range(0, len(SEPARATOR) * len(texts), len(SEPARATOR))))


def deal(spans: list[Match], starts: list[int]) -> list[list[Match]]:
    """Spans over the joined texts, back to each text with offsets of its own."""
    per_text: list[list[Match]] = [[] for _ in starts]
    for start, end, slug, ambiguous in spans:
        index = bisect.bisect_right(starts, start) - 1  # the last text starting at or before
        offset = starts[index]
        per_text[index].append((start - offset, end - offset, slug, ambiguous))
    return per_text


def uncollapse(spans: list[Match], breaks: tuple[tuple[int, int], ...]) -> list[Match]:
    """Offsets in collapsed text back to the original, in one pass over sorted spans."""
    result = []
    index = -1
    shift = 0
    for start, end, slug, ambiguous in spans:
        while index + 1 < len(breaks) and breaks[index + 1][0] <= start:
            index += 1
            shift = breaks[index][1]
        start_shift = shift
        # A multi-word span may contain collapsed runs: its end moves by those too.
        while index + 1 < len(breaks) and breaks[index + 1][0] <= end - 1:
            index += 1
            shift = breaks[index][1]
        result.append((start + start_shift, end + shift, slug, ambiguous))
    return result


def deal_positions(positions: list[int], starts: list[int]) -> dict[int, list[int]]:
    """Positions in the joined texts, by text, each relative to its text."""
    by_text: dict[int, list[int]] = {}
    for position in positions:
        index = bisect.bisect_right(starts, position) - 1
        by_text.setdefault(index, []).append(position - starts[index])
    return by_text


def to_utf16(spans: list[Match], astral: list[int]) -> list[Match]:
    """Code-point spans to UTF-16 units: each astral character before an offset adds one."""
    result: list[Match] = []
    done = 0
    for before, position in enumerate(astral):
        # Spans starting up to this astral character have `before` of them before them.
        cut = bisect.bisect_right(spans, (position, math.inf), lo=done)
        result += [(s + before, e + before, slug, amb) for s, e, slug, amb in spans[done:cut]]
        done = cut
    after = len(astral)
    result += [(s + after, e + after, slug, amb) for s, e, slug, amb in spans[done:]]
    for position in astral:  # a span holding an astral character ends one unit later
        index = bisect.bisect_right(spans, (position, math.inf)) - 1
        if index >= 0 and spans[index][1] > position:
            start, end, slug, ambiguous = result[index]
            result[index] = (start, end + 1, slug, ambiguous)
    return result
