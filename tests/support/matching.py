"""Reading a matcher's results as a browser would."""

from __future__ import annotations

from ai_glossary.matching.matcher import Matcher


def marks(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    """(marked text, slug) pairs, slicing by UTF-16 offsets as a browser would."""
    units = text.encode("utf-16-le")
    return [
        (units[start * 2 : end * 2].decode("utf-16-le"), slug)
        for start, end, slug, _ in matcher.find(text)
    ]
