"""Search over a dictionary's names, aliases, acronyms and plain-English lines.

Every term is ranked by its best form, in tiers: the exact name, then an exact alias or
acronym, then a form that starts with the query, then a form whose words start with the
query's words, then near misses (a few typos, by optimal-string-alignment distance, against
the whole form, its start or one of its words), and last the plain-English line.

Everything is looked up in structures built once per dictionary: a dict for exact forms,
sorted lists (bisected) for prefixes, and a trigram index so that typo distances are only
computed for forms that share enough trigrams with the query (the q-gram lemma).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from itertools import chain
from typing import TypeVar

from cachetools import LRUCache

from ai_glossary.model import Dictionary, Term
from ai_glossary.model.text import fold, sort_key, trigrams

T = TypeVar("T")
MAX_QUERY_CHARS = 100
MAX_RESULTS = 20
# Query words this common say nothing about which entry is meant.
_STOP_WORDS = (
    "a an and are as at be by do does for from how i in is it of on or the to what when which "
    "who why with"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


class Tier(IntEnum):
    EXACT_NAME = 0
    EXACT_FORM = 1
    PREFIX = 2
    WORDS = 3
    TYPO = 4
    TEXT = 5


class How(IntEnum):
    """Within a tier: a hit on the whole form beats one on its start, which beats one word."""

    WHOLE = 0
    START = 1
    WORD = 2


@dataclass(frozen=True, slots=True)
class Hit:
    term: Term
    tier: Tier
    form: str  # the name, alias or acronym that matched ("" for the plain-English line)


@dataclass(frozen=True, slots=True)
class _Form:
    term: Term
    text: str
    key: str  # folded words, single spaces
    compact: str  # the key without spaces: "fine-tuning" and "finetuning" meet here
    is_name: bool


Rank = tuple[int, int, int, int, int]  # tier, typos, How, name before alias, length


def max_typos(length: int) -> int:
    """Edits tolerated in a query of `length` characters (not counting spaces)."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2 if length < 15 else 3


def typo_distances(query: str, candidate: str, limit: int) -> tuple[int, int]:
    """Optimal-string-alignment distances from `query` to the whole `candidate` and to its
    closest start (a prefix of about the query's length); anything above `limit` is `limit + 1`.
    """
    size = len(query)
    over = limit + 1
    before: list[int] = []
    previous = list(range(size + 1))
    best_start = previous[size] if size <= limit else over
    for i, char in enumerate(candidate, 1):
        current = [i] + [0] * size
        for j in range(1, size + 1):
            cost = 0 if query[j - 1] == char else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == query[j - 2] and candidate[i - 2] == query[j - 1]:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if abs(i - size) <= limit:
            best_start = min(best_start, current[size])
        if min(current) > limit:  # rows never get cheaper
            return over, min(best_start, over)
        before, previous = previous, current
    return min(previous[size], over), min(best_start, over)


class _Query:
    def __init__(self, text: str) -> None:
        self.key = fold(text)
        self.compact = self.key.replace(" ", "")
        self.words = tuple(self.key.split())
        self.limit = max_typos(len(self.compact))
        self.trigrams = trigrams(self.compact)
        meaningful = tuple(word for word in self.words if word not in STOP_WORDS)
        self.text_words = meaningful or self.words
        # "what is rag" also looks for "rag" among the names.
        core = " ".join(meaningful)
        self.variants = (self, _Query(core)) if core and core != self.key else (self,)

    @property
    def min_shared(self) -> int:
        """Trigrams that any string within `limit` edits of the query shares with it."""
        return max(1, len(self.compact) - 3 * self.limit)


class SearchIndex:
    """Built once per dictionary; results are cached per query."""

    def __init__(
        self, dictionary: Dictionary, cache_entries: int = 1024, query_chars: int = MAX_QUERY_CHARS
    ) -> None:
        self.dictionary = dictionary
        self.query_chars = query_chars  # what is searched of a longer query
        self._forms = [form for term in dictionary.terms.values() for form in _forms_of(term)]
        self._exact: dict[str, list[int]] = {}
        starts: set[tuple[str, int]] = set()
        words: set[tuple[str, int]] = set()
        self._grams: dict[str, list[int]] = {}  # trigram -> ids of forms holding it
        for index, form in enumerate(self._forms):
            for shape in {form.key, form.compact}:
                self._exact.setdefault(shape, []).append(index)
                starts.add((shape, index))
            words.update((word, index) for word in form.key.split())
            for gram in trigrams(form.compact) | _word_trigrams(form.key):
                self._grams.setdefault(gram, []).append(index)
        self._starts = sorted(starts)
        self._words = sorted(words)
        self._text = sorted(
            {
                (word, slug)
                for slug, term in dictionary.terms.items()
                for word in fold(term.plain_english).split()
            }
        )
        self._cache: LRUCache[tuple[str, bool], tuple[Hit, ...]] = LRUCache(cache_entries)

    def search(self, text: str, *, limit: int = MAX_RESULTS, names_only: bool = False) -> list[Hit]:
        query = _Query(text[: self.query_chars])
        if not query.compact:
            return []
        cache_key = (query.key, names_only)
        hits = self._cache.get(cache_key)
        if hits is None:
            hits = self._cache[cache_key] = self._rank(query, names_only)
        return list(hits[:limit])

    def _rank(self, query: _Query, names_only: bool) -> tuple[Hit, ...]:
        best: dict[str, tuple[Rank, Hit]] = {}
        found: Iterable[tuple[Rank, Hit]] = chain.from_iterable(map(self._names, query.variants))
        if not names_only:
            found = chain(found, self._plain_english(query))
        for rank, hit in found:
            slug = hit.term.slug
            if slug not in best or rank < best[slug][0]:
                best[slug] = (rank, hit)
        ordered = sorted(best.values(), key=lambda item: (item[0], sort_key(item[1].term.term)))
        return tuple(hit for _, hit in ordered)

    def _names(self, query: _Query) -> Iterator[tuple[Rank, Hit]]:
        for index in {*self._exact.get(query.key, ()), *self._exact.get(query.compact, ())}:
            form = self._forms[index]
            yield self._hit(form, Tier.EXACT_NAME if form.is_name else Tier.EXACT_FORM)
        for shape in {query.key, query.compact}:
            for _, index in _starting_with(self._starts, shape):
                form = self._forms[index]
                # Whole leading words ("token" in "token budget") before part of one ("tokenizer").
                how = How.WHOLE if form.key.startswith(query.key + " ") else How.START
                yield self._hit(form, Tier.PREFIX, how=how)
        for index in self._word_matches(query.words):
            yield self._hit(self._forms[index], Tier.WORDS, how=How.WORD)
        if query.limit:
            yield from self._typos(query)

    def _word_matches(self, words: tuple[str, ...]) -> set[int]:
        """Forms in which every query word starts one of the form's words."""
        matches: set[int] | None = None
        for word in words:
            found = {index for _, index in _starting_with(self._words, word)}
            matches = found if matches is None else matches & found
        return matches or set()

    def _typos(self, query: _Query) -> Iterator[tuple[Rank, Hit]]:
        shared = Counter(i for gram in query.trigrams for i in self._grams.get(gram, ()))
        for index, count in shared.items():
            if count < query.min_shared:
                continue
            form = self._forms[index]
            whole, start = typo_distances(query.compact, form.compact, query.limit)
            if len(query.compact) < 4:  # a start that short matches too much
                start = query.limit + 1
            word = min(
                (
                    typo_distances(query.compact, w, query.limit)[0]
                    for w in form.key.split()
                    if len(w) >= 4 and abs(len(w) - len(query.compact)) <= query.limit
                ),
                default=query.limit + 1,
            )
            distance, how = min((whole, How.WHOLE), (start, How.START), (word, How.WORD))
            if distance <= query.limit:
                yield self._hit(form, Tier.TYPO, distance, how)

    def _plain_english(self, query: _Query) -> Iterator[tuple[Rank, Hit]]:
        slugs: set[str] | None = None
        for word in query.text_words:
            pairs = _starting_with(self._text, word)
            found = {slug for text, slug in pairs if len(word) >= 3 or text == word}
            slugs = found if slugs is None else slugs & found
        for slug in slugs or ():
            term = self.dictionary.terms[slug]
            yield (int(Tier.TEXT), 0, 0, 0, 0), Hit(term, Tier.TEXT, "")

    @staticmethod
    def _hit(form: _Form, tier: Tier, distance: int = 0, how: How = How.WHOLE) -> tuple[Rank, Hit]:
        rank = (int(tier), distance, int(how), 0 if form.is_name else 1, len(form.compact))
        return rank, Hit(form.term, tier, form.text)


def _forms_of(term: Term) -> Iterator[_Form]:
    for index, text in enumerate(term.forms):
        key = fold(text)
        if key:
            yield _Form(term, text, key, key.replace(" ", ""), index == 0)


def _word_trigrams(key: str) -> frozenset[str]:
    return frozenset(gram for word in key.split() for gram in trigrams(word))


def _starting_with(pairs: list[tuple[str, T]], prefix: str) -> Iterator[tuple[str, T]]:
    """The (string, value) pairs of a sorted list whose string starts with `prefix`."""
    position = bisect.bisect_left(pairs, prefix, key=lambda pair: pair[0])
    while position < len(pairs) and pairs[position][0].startswith(prefix):
        yield pairs[position]
        position += 1
