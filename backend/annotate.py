"""The annotate service: segments in, matches and term cards out.

Segment results are cached by a hash of the segment (never the text itself). Ambiguous forms
("agent", "token") are kept only when the request is about AI: see `AMBIGUITY_THRESHOLD`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache

from backend.matcher import Match, Matcher
from backend.model import Dictionary, Term

# Marks of unambiguous forms that make a request "about AI". Two, so that one stray
# "API" or "GPU" on a cooking blog does not switch on "token" and "agent".
AMBIGUITY_THRESHOLD = 2
MAX_CARD_TOOLS = 3


@dataclass(frozen=True, slots=True)
class Options:
    first_only: bool = False
    page_is_ai: bool = False


def card_of(dictionary: Dictionary, term: Term, term_url: str) -> dict[str, Any]:
    """The short data a hover card shows."""
    return {
        "term": term.term,
        "plain_english": term.plain_english,
        "definition": term.definition,
        "url": term_url,
        "tools": [
            {"name": tool.name, "url": tool.url}
            for tool in dictionary.tools_of(term)[:MAX_CARD_TOOLS]
        ],
    }


def _digest(segment: str) -> bytes:
    """The cache key of a segment: a hash, so the cache never holds page text."""
    return hashlib.blake2b(segment.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Annotator:
    def __init__(self, dictionary: Dictionary, cache_entries: int) -> None:
        self.dictionary = dictionary
        self.matcher = Matcher(dictionary)
        self._cache: LRUCache[bytes, list[Match]] = LRUCache(maxsize=max(cache_entries, 1))
        self._cards = {
            slug: card_of(dictionary, term, f"/terms/{slug}")
            for slug, term in dictionary.terms.items()
        }

    def card(self, slug: str, base_url: str) -> dict[str, Any]:
        card = self._cards[slug]
        if base_url:
            return {**card, "url": base_url + card["url"]}
        return card

    def find(self, segments: list[str]) -> list[list[Match]]:
        """Matches of each segment: cached ones by hash, the rest found in one pass."""
        keys = [_digest(segment) for segment in segments]
        found: list[list[Match] | None] = [self._cache.get(key) for key in keys]
        missing = [index for index, result in enumerate(found) if result is None]
        if missing:
            fresh = self.matcher.find_many([segments[index] for index in missing])
            for index, result in zip(missing, fresh, strict=True):
                found[index] = result
                self._cache[keys[index]] = result
        return found  # type: ignore[return-value]  # every gap was filled above

    def annotate(self, segments: list[str], options: Options, base_url: str = "") -> dict[str, Any]:
        per_segment = self.find(segments)
        plain_marks = sum(1 for found in per_segment for match in found if not match[3])
        about_ai = options.page_is_ai or plain_marks >= AMBIGUITY_THRESHOLD
        matches: list[dict[str, Any]] = []
        seen: set[str] = set()
        for index, found in enumerate(per_segment):
            for start, end, slug, ambiguous in found:
                if ambiguous and not about_ai:
                    continue
                if options.first_only and slug in seen:
                    continue
                seen.add(slug)
                matches.append({"segment": index, "start": start, "end": end, "term": slug})
        return {
            "dictionary": {"id": self.dictionary.id, "version": self.dictionary.version},
            "context": {"page_is_ai": about_ai},
            "matches": matches,
            "terms": {slug: self.card(slug, base_url) for slug in sorted(seen)},
        }
