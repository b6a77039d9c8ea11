"""The annotate service: segments in, matches and term cards out.

No cache here: the API keeps whole replies (`web/state.py`, docs/adr/0008-caches.md), and a
segment's matches are found afresh each time, since the sense judgement that follows runs
over the whole request anyway. Ambiguous forms ("agent", "token", "LLM") are judged one
occurrence at a time: see `sense`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from cachetools import LRUCache

from ai_glossary.matching.matcher import Match, Matcher
from ai_glossary.model import Dictionary, Term
from ai_glossary.service.encoded import Encoded
from ai_glossary.service.sense import (
    MARK_KEPT,
    MARK_SURE,
    THRESHOLD,
    Candidate,
    SenseJudge,
    Verdict,
    handover,
)
from ai_glossary.service.uncased import UncasedBlocks

# Marks of unambiguous forms that make a request look "about AI" to the client, which may
# send it back with the next part of the page: one clue among others, never a switch.
CONFIDENT_MARKS = 2
# Tools a card shows, unless the caller says otherwise (a setting of the server).
CARD_TOOLS = 3
# Sets of cards with absolute URLs kept, one per base URL (a client picks it: keep few). Each
# is the size of the glossary's cards (about 0.4 MB for the bundled one, and as much again
# as JSON), so this bounds their bytes too.
BASE_URLS_KEPT = 4


@dataclass(frozen=True, slots=True)
class Options:
    first_only: bool = False
    page_is_ai: bool = False
    explain: bool = False
    cards: bool = True  # False: `terms` is empty, the client holds or fetches the cards


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


class _CardSet:
    """Every card with its URLs under one base URL, as objects and, once a reply first wants
    it, as JSON. A reply copies its cards' JSON: encoding them afresh, objects scattered
    through memory, took 75 us of a cold 20 KB page's 500 with every card, copying their
    JSON 38 (medians of 15 interleaved rounds in one process, the same bytes). Made when
    first wanted: the set without a base URL is the CLI's, and the server never sends it."""

    __slots__ = ("_encoded", "cards")

    def __init__(self, cards: dict[str, dict[str, Any]]) -> None:
        self.cards = cards
        self._encoded: dict[str, orjson.Fragment] | None = None

    @property
    def encoded(self) -> dict[str, orjson.Fragment]:
        if self._encoded is None:
            self._encoded = {
                slug: orjson.Fragment(orjson.dumps(card)) for slug, card in self.cards.items()
            }
        return self._encoded


class Annotator:
    def __init__(
        self,
        dictionary: Dictionary,
        origins: Mapping[str, Mapping[str, str]] | None = None,
        card_tools: int = CARD_TOOLS,
    ) -> None:
        self.dictionary = dictionary
        self.matcher = Matcher(dictionary)
        self.judge = SenseJudge(dictionary)
        self.uncased = UncasedBlocks(dictionary, self.matcher, self.judge.common_words)
        # Matching and judging in C (backend/ai_glossary/native/): a request's work is then
        # short enough to do without leaving the event loop (web/api.py).
        self.native = self.matcher.native and self.judge.native is not None
        cards = {
            slug: card_of(dictionary, term, f"/terms/{slug}", card_tools)
            for slug, term in dictionary.terms.items()
        }
        for slug, origin in (origins or {}).items():
            if slug in cards:
                cards[slug]["glossary"] = dict(origin)
        self._cards = _CardSet(cards)
        self._cards_by_base: LRUCache[str, _CardSet] = LRUCache(BASE_URLS_KEPT)

    def card(self, slug: str, base_url: str) -> dict[str, Any]:
        return self._cards_at(base_url).cards[slug]

    def cards(self, slugs: Iterable[str], base_url: str = "") -> dict[str, dict[str, Any]]:
        """The cards of those of `slugs` that name a term, by slug, in the order asked."""
        cards = self._cards_at(base_url).cards
        return {slug: cards[slug] for slug in slugs if slug in cards}

    def _cards_at(self, base_url: str) -> _CardSet:
        """Every card, with URLs under `base_url`: made once for each base URL in use."""
        if not base_url:
            return self._cards
        found = self._cards_by_base.get(base_url)
        if found is None:
            found = _CardSet(
                {
                    slug: {**card, "url": base_url + card["url"]}
                    for slug, card in self._cards.cards.items()
                }
            )
            self._cards_by_base[base_url] = found
        return found

    def annotate(self, segments: list[str], options: Options, base_url: str = "") -> Encoded:
        """The reply to an annotate request, with its JSON encoded once (its cards' JSON
        copied in: `_CardSet`)."""
        return self._encoded(self.compute(segments, options, base_url), base_url)

    def reply_json(self, segments: list[str], options: Options, base_url: str = "") -> bytes:
        """`annotate(...).json`, the same bytes, with no object made for each match where
        the native core judges the request: the API sends the bytes alone. A fresh 20 KB
        page's matches (311 with every occurrence), their terms and their JSON: 71 us as
        dicts, 24 written in C; with first marks 22 and 10. The whole reply: 738 -> 692 us
        with every occurrence, 447 -> 440 with first marks (medians of 15 rounds)."""
        per_segment = self.found(segments)
        marks = self._marks(segments, per_segment, options)
        if marks is not None and _REPLY_JSON is not None:
            matches, terms, confident = _REPLY_JSON(per_segment, marks, options.first_only)
            if matches is not None:
                cards = self._cards_at(base_url).encoded if options.cards else {}
                reply = self._head(confident)
                reply["matches"] = orjson.Fragment(matches)
                reply["terms"] = {slug: cards[slug] for slug in sorted(terms) if slug in cards}
                return orjson.dumps(reply)
        reply = self._reply(segments, per_segment, options, base_url, marks)
        return self._encoded(reply, base_url).json

    def compute(self, segments: list[str], options: Options, base_url: str = "") -> dict[str, Any]:
        """The reply as a plain dict (for measuring, and for callers that edit it)."""
        per_segment = self.found(segments)
        marks = self._marks(segments, per_segment, options)
        return self._reply(segments, per_segment, options, base_url, marks)

    def found(self, segments: list[str]) -> list[list[Match]]:
        """Every form in each segment, before any judgement; in a segment that writes no
        capital, in any case (`UncasedBlocks`)."""
        return self.uncased.found(segments, self.matcher.find_many(segments))

    def judged(
        self,
        segments: list[str],
        per_segment: list[list[Match]],
        page_is_ai: bool,
        explain: bool = False,
        first_only: bool = False,
    ) -> list[Candidate]:
        """Every found form, with a verdict on each occurrence of an ambiguous one (with
        `first_only`, on those up to its term's first mark: see `SenseJudge.judge`)."""
        candidates = [
            Candidate(index, start, end, slug, ambiguous)
            for index, found in enumerate(per_segment)
            for start, end, slug, ambiguous in found
        ]
        if any(c.ambiguous for c in candidates):
            self.judge.judge(segments, candidates, page_is_ai, explain, first_only)
        return candidates

    def _marks(
        self, segments: list[str], per_segment: list[list[Match]], options: Options
    ) -> bytes | None:
        """The native judgement's marks, or None: explaining, or a request it leaves to the
        Python path (`SenseJudge.marks`)."""
        if options.explain:
            return None
        return self.judge.marks(segments, per_segment, options.page_is_ai, options.first_only)

    def _head(self, confident: int) -> dict[str, Any]:
        """A reply's fields before its matches."""
        return {
            "dictionary": {"id": self.dictionary.id, "version": self.dictionary.version},
            "context": {"page_is_ai": confident >= CONFIDENT_MARKS},
        }

    def _reply(
        self,
        segments: list[str],
        per_segment: list[list[Match]],
        options: Options,
        base_url: str,
        marks: bytes | None,
    ) -> dict[str, Any]:
        if marks is not None:
            matches, confident = (_REPLY_MATCHES or _marked)(per_segment, marks, options.first_only)
            candidates: list[Candidate] = []
        else:
            # Explanations cover every occurrence, so they weigh every one.
            first_only = options.first_only and not options.explain
            candidates = self.judged(
                segments, per_segment, options.page_is_ai, options.explain, first_only
            )
            matches, confident = _kept(candidates, options.first_only)
        terms = sorted({m["term"] for m in matches}) if options.cards else []
        reply = self._head(confident)
        reply["matches"] = matches
        reply["terms"] = self.cards(terms, base_url)
        if options.explain:
            reply["explanations"] = [
                _explanation(c, c.verdict) for c in candidates if c.verdict is not None
            ]
        return reply

    def _encoded(self, reply: dict[str, Any], base_url: str) -> Encoded:
        """The reply with its JSON, its cards' JSON copied in (`_CardSet`)."""
        if not reply["terms"]:
            return Encoded(reply)
        encoded = self._cards_at(base_url).encoded
        terms = {slug: encoded[slug] for slug in reply["terms"]}
        return Encoded(reply, orjson.dumps({**reply, "terms": terms}))


def _marked(
    per_segment: list[list[Match]], marks: bytes, first_only: bool
) -> tuple[list[dict[str, Any]], int]:
    """The reply's matches from the native judgement's marks, and how many terms have no
    other sense (`_kept` without a `Candidate` for each match). `_REPLY_MATCHES` is this in
    C, where the native core is built."""
    matches: list[dict[str, Any]] = []
    confident: set[str] = set()
    shown: set[str] = set()
    index = 0
    for segment, found in enumerate(per_segment):
        for start, end, slug, _ in found:
            mark = marks[index]
            index += 1
            if mark == MARK_SURE:
                confident.add(slug)
            elif mark != MARK_KEPT:
                continue
            if first_only:
                if slug in shown:
                    continue
                shown.add(slug)
            matches.append({"segment": segment, "start": start, "end": end, "term": slug})
    return matches, len(confident)


# In Python it took 30 us of a 20 KB page with first marks, 47 with every occurrence.
_REPLY_MATCHES = handover.reply_matches()
_REPLY_JSON = handover.reply_json()


def _kept(candidates: list[Candidate], first_only: bool) -> tuple[list[dict[str, Any]], int]:
    """The reply's matches, made only for what it holds (with first marks only, the first
    of each term), and how many terms have no other sense."""
    matches: list[dict[str, Any]] = []
    confident: set[str] = set()
    shown: set[str] = set()
    for c in candidates:
        if c.verdict is None:
            confident.add(c.slug)
        elif not c.verdict.kept:
            continue
        if first_only:
            if c.slug in shown:
                continue
            shown.add(c.slug)
        matches.append({"segment": c.segment, "start": c.start, "end": c.end, "term": c.slug})
    return matches, len(confident)


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
