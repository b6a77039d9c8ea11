"""The annotate service: segments in, matches and term cards out.

Two caches, both holding hashes and results, never page text:
- replies, by a SHA-256 of the whole request: a page seen before costs one hash, and its
  reply comes with its JSON already encoded (see `encoded.Encoded`);
- segment results, by the segment's hash and length: a new page that shares blocks with
  pages seen before (a site's cookie notice, say) scans only its new blocks.
Ambiguous forms ("agent", "token", "LLM") are judged one occurrence at a time: see `sense`.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson

from ai_glossary.matching.matcher import Match, Matcher
from ai_glossary.model import Dictionary, Term
from ai_glossary.service.encoded import Encoded
from ai_glossary.service.sense import THRESHOLD, Candidate, SenseJudge, Verdict

# Marks of unambiguous forms that make a request look "about AI" to the client, which may
# send it back with the next part of the page: one clue among others, never a switch.
CONFIDENT_MARKS = 2
# Tools a card shows, unless the caller says otherwise (a setting of the server).
CARD_TOOLS = 3
# Shorter segments are scanned again rather than cached: hashing one costs about as much.
MIN_CACHED_CHARS = 48
# Replies kept whole: their JSON, in bytes (the objects beside it take about twice that).
REPLY_CACHE_BYTES = 2 * 1024 * 1024
REPLY_CACHE_ENTRIES = 1024
# Sets of cards with absolute URLs kept, one per base URL (a client picks it: keep few).
BASE_URLS_KEPT = 4
# Segment results kept, in bytes as well as entries: entries alone let ten 200,000-character
# segments a request hold some 100 MB each (issue 15). A page's paragraph costs about 600.
SEGMENT_CACHE_BYTES = 16 * 1024 * 1024
# What a cached result costs: its key, the dict's entry and the list; then each match, a
# tuple of four (72 bytes) with two ints past the small-int cache (28 each) and its slot.
SEGMENT_ENTRY_BYTES = 200
MATCH_BYTES = 136

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Options:
    first_only: bool = False
    page_is_ai: bool = False
    explain: bool = False


class Recent(OrderedDict[K, V]):
    """A least-recently-used cache. OrderedDict moves and drops entries in C; cachetools'
    LRUCache does the same bookkeeping in Python, several times slower per request."""

    def __init__(self, entries: int, weigh: Callable[[V], int] | None = None, budget: int = 0):
        super().__init__()
        self.entries = max(entries, 1)
        self.weigh = weigh
        self.budget = budget  # most total weight, when entries are weighed
        self.weight = 0

    def recall(self, key: K) -> V | None:
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def keep(self, key: K, value: V) -> None:
        if self.weigh is not None:
            weight = self.weigh(value)
            if weight > self.budget // 4 or key in self:
                return  # too big to be worth a quarter of the cache, or kept already
            self.weight += weight
        self[key] = value
        while len(self) > self.entries or self.weight > self.budget:
            _, dropped = self.popitem(last=False)
            if self.weigh is not None:
                self.weight -= self.weigh(dropped)


def card_of(
    dictionary: Dictionary, term: Term, term_url: str, tools: int = CARD_TOOLS
) -> dict[str, Any]:
    """The short data a hover card shows."""
    return {
        "term": term.term,
        "plain_english": term.plain_english,
        "definition": term.definition,
        "url": term_url,
        "tools": [
            {"name": tool.name, "url": tool.url} for tool in dictionary.tools_of(term)[:tools]
        ],
    }


def _segment_key(segment: str) -> bytes | None:
    """A segment's cache key, or None for one too short to cache. Python's own string hash
    (keyed at random for each process) and the length: no page text, and cheap, since the
    hash is computed over the string in place; a request has a key of its own, stronger."""
    if len(segment) < MIN_CACHED_CHARS:
        return None
    return hash(segment).to_bytes(8, "little", signed=True) + len(segment).to_bytes(8, "little")


class Annotator:
    def __init__(
        self,
        dictionary: Dictionary,
        cache_entries: int,
        origins: Mapping[str, Mapping[str, str]] | None = None,
        card_tools: int = CARD_TOOLS,
    ) -> None:
        self.dictionary = dictionary
        self.matcher = Matcher(dictionary)
        self.judge = SenseJudge(dictionary)
        # Segment results by `_segment_key`, least recently used first, bounded in entries
        # and bytes. Public for inspection (what they hold: hashes and results, never text);
        # only the annotator writes them.
        self.segment_cache: Recent[bytes, list[Match]] = Recent(
            cache_entries, _matches_size, SEGMENT_CACHE_BYTES
        )
        self.reply_cache: Recent[bytes, Encoded] = Recent(
            min(cache_entries, REPLY_CACHE_ENTRIES), _json_size, REPLY_CACHE_BYTES
        )
        self._cards = {
            slug: card_of(dictionary, term, f"/terms/{slug}", card_tools)
            for slug, term in dictionary.terms.items()
        }
        for slug, origin in (origins or {}).items():
            if slug in self._cards:
                self._cards[slug]["glossary"] = dict(origin)
        self._cards_by_base: Recent[str, dict[str, dict[str, Any]]] = Recent(BASE_URLS_KEPT)

    def card(self, slug: str, base_url: str) -> dict[str, Any]:
        return self._cards_at(base_url)[slug]

    def _cards_at(self, base_url: str) -> dict[str, dict[str, Any]]:
        """Every card, with URLs under `base_url`: made once for each base URL in use."""
        if not base_url:
            return self._cards
        cards = self._cards_by_base.recall(base_url)
        if cards is None:
            cards = {
                slug: {**card, "url": base_url + card["url"]} for slug, card in self._cards.items()
            }
            self._cards_by_base.keep(base_url, cards)
        return cards

    def find(self, segments: list[str]) -> list[list[Match]]:
        """Matches of each segment: cached ones by key, the rest found in one pass."""
        cache = self.segment_cache
        keys = list(map(_segment_key, segments))
        found = [None if key is None else cache.recall(key) for key in keys]
        missing = [index for index, result in enumerate(found) if result is None]
        if not missing:
            return found  # type: ignore[return-value]  # no gaps
        fresh = self.matcher.find_many([segments[index] for index in missing])
        for index, result in zip(missing, fresh, strict=True):
            key = keys[index]
            if key is not None:  # short segments are not cached
                cache.keep(key, result)
        fill = iter(fresh)
        return [next(fill) if result is None else result for result in found]

    def annotate(self, segments: list[str], options: Options, base_url: str = "") -> Encoded:
        """The reply to an annotate request. Replies are shared: treat them as read-only."""
        key = _reply_key(segments, options, base_url)
        reply = None if key is None else self.reply_cache.recall(key)
        if reply is None:
            reply = Encoded(self._reply(segments, self.find(segments), options, base_url))
            if key is not None:
                self.reply_cache.keep(key, reply)
        return reply

    def compute(self, segments: list[str], options: Options, base_url: str = "") -> dict[str, Any]:
        """The reply, worked out afresh: no cache read or written (for measuring)."""
        return self._reply(segments, self.matcher.find_many(segments), options, base_url)

    def judged(
        self,
        segments: list[str],
        per_segment: list[list[Match]],
        page_is_ai: bool,
        explain: bool = False,
    ) -> list[Candidate]:
        """Every found form, with a verdict on each occurrence of an ambiguous one."""
        candidates = [
            Candidate(index, start, end, slug, ambiguous)
            for index, found in enumerate(per_segment)
            for start, end, slug, ambiguous in found
        ]
        if any(c.ambiguous for c in candidates):
            self.judge.judge(segments, candidates, page_is_ai, explain)
        return candidates

    def _reply(
        self, segments: list[str], per_segment: list[list[Match]], options: Options, base_url: str
    ) -> dict[str, Any]:
        candidates = self.judged(segments, per_segment, options.page_is_ai, options.explain)
        kept = [c for c in candidates if c.verdict is None or c.verdict.kept]
        confident = {c.slug for c in candidates if c.verdict is None}
        matches: list[dict[str, Any]] = [
            {"segment": c.segment, "start": c.start, "end": c.end, "term": c.slug} for c in kept
        ]
        if options.first_only:
            matches = _first_of_each(matches)
        cards = self._cards_at(base_url)
        reply: dict[str, Any] = {
            "dictionary": {"id": self.dictionary.id, "version": self.dictionary.version},
            "context": {"page_is_ai": len(confident) >= CONFIDENT_MARKS},
            "matches": matches,
            "terms": {slug: cards[slug] for slug in sorted({m["term"] for m in matches})},
        }
        if options.explain:
            reply["explanations"] = [
                _explanation(c, c.verdict) for c in candidates if c.verdict is not None
            ]
        return reply


def _first_of_each(matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    first = []
    for match in matches:
        if match["term"] not in seen:
            seen.add(match["term"])
            first.append(match)
    return first


def _explanation(candidate: Candidate, verdict: Verdict) -> dict[str, Any]:
    return {
        "segment": candidate.segment,
        "start": candidate.start,
        "end": candidate.end,
        "term": candidate.slug,
        "kept": verdict.kept,
        "score": verdict.score,
        "threshold": THRESHOLD,
        "evidence": [
            {"kind": e.kind, "detail": e.detail, "weight": round(e.weight, 3)}
            for e in verdict.evidence
        ],
    }


def _reply_key(segments: list[str], options: Options, base_url: str) -> bytes | None:
    """A digest of everything a reply depends on, or None for text JSON cannot hold (a lone
    surrogate, which only a caller other than the API can send)."""
    try:
        request = orjson.dumps(
            [segments, options.first_only, options.page_is_ai, options.explain, base_url]
        )
    except orjson.JSONEncodeError:
        return None
    return hashlib.sha256(request).digest()[:16]  # SHA-256 runs in hardware here: the fastest


def _json_size(reply: Encoded) -> int:
    return len(reply.json)


def _matches_size(matches: list[Match]) -> int:
    return SEGMENT_ENTRY_BYTES + MATCH_BYTES * len(matches)
