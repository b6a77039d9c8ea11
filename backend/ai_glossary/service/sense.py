"""The sense judgement: is this occurrence of a word with another sense meant in its AI sense?

Forms listed as ambiguous ("attention", "agent", "LLM" the law degree, "AI" avian influenza)
are judged one occurrence at a time, from the evidence around it; every other form is marked
wherever it is found. The rule, its weights and the reasons for them are in
docs/adr/0007-sense-judgement.md and dictionary/README.md ("Sense").

Evidence counts by where it is (`WHERE`): the occurrence's block (a paragraph, a heading: one
segment), with a bonus inside its own sentence; the blocks on either side; the blocks two
away; the page's carried-over context (`page_is_ai`) least.
- other terms found nearby whose forms have no other sense, and terms the entry lists as
  related, found nearby;
- other ambiguous AI words nearby that are not ruled out themselves (jargon comes in clusters);
- the entry's own words, in the spirit of the Lesk algorithm: the words of its definition,
  plain-English line and full picture, each weighed by how rare it is in everyday English,
  so that "gradient" counts and "people" does not;
- the entry's cue words for and against the AI sense (`[context]` in its file); cues against
  also count, weakly, from anywhere in the request;
- decisive against: a phrase the entry says never means it ("pay attention"), and a name the
  form is part of ("Meta AI", "Colorado AI Act", "Weights & Biases").

It runs on every request, so the work is shared: each block's words are found once, and the
evidence of a block for a term is worked out once per request, however many occurrences
need it. An occurrence with overwhelming evidence from the terms around it is decided
without weighing words (`DECIDED`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from wordfreq import get_frequency_dict, get_frequency_list, zipf_frequency

from ai_glossary.model import Dictionary, Term
from ai_glossary.model.forms import key_of, plural_of, surface_forms
from ai_glossary.model.shaping import normalize

# How much evidence counts by where it is. Inside the occurrence's own sentence, evidence
# counts for its block and once more for the sentence: 0.6 + 0.4.
WHERE = {"sentence": 0.4, "block": 0.6, "next block": 0.35, "two blocks away": 0.15}
# Cues against the AI sense also count from further away: a page about poultry farming is no
# place for "AI" the technology, however far apart the two words are.
ELSEWHERE = 0.3
# Weights of each kind of evidence, before `WHERE`.
CONFIDENT_TERM = 1.0  # another term, with no other sense, found nearby
RELATED_TERM = 2.0  # a term the entry names as related, instead of the above
OTHER_AMBIGUOUS = 1.0  # another ambiguous AI word in the sentence, itself not ruled out
OWN_WORDS = 0.7  # per word of the entry's own text, times its rarity in everyday English
OWN_WORDS_CAP = 2.0  # per place: a long paragraph does not outvote a sentence
CUE_FOR = 1.2  # a word of the entry's [context] `for` list
CUE_AGAINST = -1.6  # a word of its `against` list: a wrong mark costs more than a missed one
PAGE_IS_AI = 0.6  # the client's word that earlier parts of the page were about AI
NEVER = -10.0  # inside a phrase the entry says never means it
NAME = -3.0  # part of a longer name: "Meta AI", "Weights & Biases"
THRESHOLD = 1.0  # marked at or above
DECIDED = 3.0  # from terms alone: marked without weighing words (unless an idiom or a name)
# Where words are weighed: beyond the next blocks, only terms count (words cost more to weigh).
WORDS_REACH = frozenset({"sentence", "block"})
SUPPORTING = 0.3  # an ambiguous word supports others from this first-pass score
UNUSUAL = 0.8  # from this rarity an ambiguous word with no evidence against it supports others
MIN_UNUSUAL = 0.25  # the least an everyday ambiguous word counts for, of its full weight
# One sense per discourse, page-wide: a term marked on its own evidence in blocks this far
# apart (more than one AI passage and the blocks beside it can reach) keeps its sense on the
# rest of the page wherever nothing speaks against it.
DISCOURSE_SPREAD = 3
DISCOURSE = 1.0

# Everyday English frequency (Zipf scale, wordfreq) at or above which a word says nothing
# about the subject ("people", "time"), and the spread over which rarer words count more.
COMMON_ZIPF = 4.8
ZIPF_SPREAD = 2.5

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n+")
_WORD = re.compile(r"[^\W_]+")
_PREVIOUS_WORD = re.compile(r"([^\W_][\w.\-’']*)\s+$")
# Words that start a phrase in title case without starting a name.
_NOT_NAMES = frozenset(
    """the a an and or but in on at of for to by with from as is are was were be this that
    these those our your their its my his her we you they it i if when while after before new
    how what why where which who use using""".split()  # noqa: SIM905
)


def variants(word: str) -> set[str]:
    """The word and its regular inflections ("cow", "cows"; "breed", "breeding"), so that a
    page's words are looked up as they are, with no stemming at request time. Derived words
    ("insemination", "inseminated") are cues of their own, listed by the entry."""
    found = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        found |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2:
        found |= {word[:-1] + "ies", word[:-1] + "ied"}
    return found


@cache
def rarity(word: str) -> float:
    """0 for everyday words ("people"), up to 1 for words everyday English hardly uses."""
    if word.isdigit() or (len(word) < 3 and word.isalpha()):
        return 0.0  # "40", "of": nothing; but "o3" and "4o" are names
    zipf = zipf_frequency(word, "en", wordlist="large")
    return max(0.0, min(1.0, (COMMON_ZIPF - zipf) / ZIPF_SPREAD))


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
class _Cues:
    words: frozenset[str]  # with their inflections
    phrases: tuple[str, ...]  # padded keys: " pay attention "
    # The phrases' first words: a text with none of them holds no phrase and is not searched
    # (bench/sense.py: the judgement's time per corpus went from 240 to 207 ms).
    openers: frozenset[str]

    @classmethod
    def of(cls, cues: Iterable[str]) -> _Cues:
        keys = {key_of(cue) for cue in cues} - {""}
        words = {variant for key in keys if " " not in key for variant in variants(key)}
        phrases = tuple(sorted(f" {k} " for k in keys if " " in k))
        openers = frozenset(phrase.split()[0] for phrase in phrases)
        return cls(frozenset(words), phrases, openers)

    def found(self, words: frozenset[str], padded: str) -> list[str]:
        hits = sorted(self.words & words)
        if not self.openers.isdisjoint(words):
            hits += [p.strip() for p in self.phrases if p in padded]
        return hits


@dataclass(frozen=True, slots=True)
class _Sense:
    """What is known about one term with ambiguous forms."""

    slug: str
    own_words: Mapping[str, float]  # word (and inflections) -> rarity, from the entry's text
    related: frozenset[str]
    for_ai: _Cues
    against: _Cues
    never: tuple[tuple[str, frozenset[str]], ...]  # (phrase, its other words: looked for first)
    never_words: frozenset[str]  # the other words of those phrases, to look for first
    prior: float


@dataclass(frozen=True, slots=True)
class _Found:
    """The evidence of one place for one term, worked out once per request."""

    score: float
    against: bool
    items: tuple[tuple[str, str, float], ...]  # (kind, detail, weight before WHERE)


_NOTHING = _Found(0.0, False, ())


class _Text:
    """A block's or a sentence's words, found once."""

    __slots__ = ("padded", "words")

    def __init__(self, shaped: str, vocabulary: frozenset[str]) -> None:
        words = shaped.split()
        # Only the words some sense looks for: the sets every term then compares are small.
        self.words = vocabulary.intersection(words)
        self.padded = " " + " ".join(words) + " "


class _Block:
    """One segment of the request: its shape, sentences and candidates, found once."""

    def __init__(self, text: str, candidates: list[Candidate], vocabulary: frozenset[str]) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self.shaped = normalize(text)  # same length as the text
        self.ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self.candidates = candidates
        self._all: _Text | None = None
        self._sentences: dict[int, _Text] = {}
        self.confident = {c.slug for c in candidates if not c.ambiguous}
        # UTF-16 offsets to code points, worked out once (only texts with astral characters
        # differ): every occurrence and every sentence of the block looks them up.
        self._points = _points_of(text)
        self._confident_in: dict[int, set[str]] | None = None

    @property
    def all(self) -> _Text:
        if self._all is None:
            self._all = _Text(self.shaped, self.vocabulary)
        return self._all

    def code_points(self, candidate: Candidate) -> tuple[int, int]:
        if self._points is None:
            return candidate.start, candidate.end
        points = self._points
        return points.get(candidate.start, candidate.start), points.get(
            candidate.end, len(self.text)
        )

    def sentence_of(self, position: int) -> int:
        return bisect.bisect_right(self.ends, position)

    def span(self, sentence: int) -> tuple[int, int]:
        start = 0 if sentence == 0 else self.ends[sentence - 1]
        end = self.ends[sentence] if sentence < len(self.ends) else len(self.text)
        return start, end

    def sentence(self, index: int) -> _Text:
        found = self._sentences.get(index)
        if found is None:
            start, end = self.span(index)
            found = self._sentences[index] = _Text(self.shaped[start:end], self.vocabulary)
        return found

    def confident_in(self, sentence: int) -> set[str]:
        """Terms with no other sense in one sentence (all sentences sorted out at once)."""
        if self._confident_in is None:
            self._confident_in = {}
            for c in self.candidates:
                if not c.ambiguous:
                    index = self.sentence_of(self.code_points(c)[0])
                    self._confident_in.setdefault(index, set()).add(c.slug)
        return self._confident_in.get(sentence, set())


def _points_of(text: str) -> dict[int, int] | None:
    """UTF-16 offset -> code point, or None when the two are the same."""
    if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return None
    points: dict[int, int] = {}
    units = 0
    for index, char in enumerate(text):
        points[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    points[units] = len(text)
    return points


class _Request:
    """What the judgement of one request works out once and shares between occurrences."""

    def __init__(
        self, segments: list[str], candidates: list[Candidate], vocabulary: frozenset[str]
    ) -> None:
        self.segments = segments
        self.vocabulary = vocabulary
        self.by_segment: dict[int, list[Candidate]] = {}
        for candidate in candidates:
            self.by_segment.setdefault(candidate.segment, []).append(candidate)
        self._blocks: dict[int, _Block] = {}
        self._everything: _Text | None = None
        self.memo: dict[tuple[object, ...], _Found] = {}
        self.verdicts: dict[tuple[object, ...], Verdict] = {}

    def block(self, index: int) -> _Block:
        found = self._blocks.get(index)
        if found is None:
            found = self._blocks[index] = _Block(
                self.segments[index], self.by_segment.get(index, []), self.vocabulary
            )
        return found

    @property
    def everything(self) -> _Text:
        """Every word of the request."""
        if self._everything is None:
            self._everything = _Text(normalize(" . ".join(self.segments)), self.vocabulary)
        return self._everything


class SenseJudge:
    """Built once per dictionary; `judge` is called per request."""

    def __init__(self, dictionary: Dictionary) -> None:
        terms = [t for t in dictionary.terms.values() if t.marked]
        related = _related_both_ways(terms)
        # Ambiguous forms are candidates, judged themselves: as cue words they would count
        # "inference" in a court's ruling for an LLM beside it.
        ambiguous = {key_of(form) for t in terms for form in t.ambiguous}
        self._senses = {
            t.slug: _sense_of(t, related.get(t.slug, frozenset()), ambiguous)
            for t in terms
            if t.ambiguous
        }
        # How unusual each word of an ambiguous form is, worked out now: requests look it up.
        self._unusual = {
            word: rarity(word)
            for term in terms
            if term.ambiguous
            for surface in surface_forms(term)
            for word in key_of(surface.form).split()
        }
        self._vocabulary = frozenset(
            word
            for sense in self._senses.values()
            for word in (
                *sense.own_words,
                *sense.for_ai.words,
                *sense.for_ai.openers,
                *sense.against.words,
                *sense.against.openers,
                *sense.never_words,
            )
        )
        _release_word_frequencies()

    def judge(
        self,
        segments: list[str],
        candidates: list[Candidate],
        page_is_ai: bool,
        explain: bool = False,
    ) -> None:
        """Sets the verdict of every ambiguous candidate.

        First without other ambiguous words; then with those the first pass did not rule out
        ("paying attention" lends nothing to "temperature"), the ones it marked on their own
        evidence counting as terms ("weights" on the Hub, then "transformer")."""
        judged = [c for c in candidates if c.ambiguous and c.slug in self._senses]
        if not judged:
            return
        request = _Request(segments, candidates, self._vocabulary)
        first = {id(c): self._first(c, request, page_is_ai, explain) for c in judged}
        unusual = {id(c): self._rarity_of(request, c) for c in judged}
        plausible = {
            id(c): unusual[id(c)]
            for c in judged
            if not first[id(c)].against
            and (first[id(c)].score >= SUPPORTING or unusual[id(c)] >= UNUSUAL)
        }
        kept = {id(c) for c in judged if first[id(c)].kept}
        established = _established(c for c in judged if id(c) in kept)
        # Only these can support others: grouped by segment, so each occurrence looks at few.
        supporters: dict[int, list[Candidate]] = {}
        for c in judged:
            if id(c) in plausible:
                supporters.setdefault(c.segment, []).append(c)
        for candidate in judged:
            verdict = first[id(candidate)]
            if verdict.score > NEVER / 2 and (plausible.keys() - {id(candidate)}):
                verdict = self._supported(
                    candidate, verdict, request, plausible, supporters, kept, explain
                )
            if candidate.slug in established and not verdict.kept and not verdict.against:
                verdict = _with(
                    verdict, Evidence("same term, on the page", candidate.slug, DISCOURSE), explain
                )
            candidate.verdict = verdict

    def _first(
        self, candidate: Candidate, request: _Request, page_is_ai: bool, explain: bool
    ) -> Verdict:
        sense = self._senses[candidate.slug]
        block = request.block(candidate.segment)
        start, end = block.code_points(candidate)
        stop = _decisive(sense, request, block, candidate.segment, start, end)
        if stop is not None:
            return Verdict(False, stop.weight, True, (stop,))
        # Occurrences of one term in one sentence share their evidence: worked out once.
        sentence = block.sentence_of(start)
        key = ("first", sense.slug, candidate.segment, sentence)
        verdict = request.verdicts.get(key)
        if verdict is None:
            if explain:
                verdict = self._weigh(sense, request, candidate.segment, sentence, page_is_ai)
            else:
                score, against = self._score(
                    sense, request, candidate.segment, sentence, page_is_ai
                )
                verdict = Verdict(score >= THRESHOLD, round(score, 3), against)
            request.verdicts[key] = verdict
        return verdict

    def _score(
        self, sense: _Sense, request: _Request, segment: int, sentence: int, page_is_ai: bool
    ) -> tuple[float, bool]:
        """`_weigh`'s score and whether anything spoke against, without the evidence itself:
        counts and small set operations, since it runs for every occurrence. A test holds
        the two to the same scores (bench/sense.py measures what it saves)."""
        score = sense.prior + (PAGE_IS_AI if page_is_ai else 0.0)
        places = _places(segment, len(request.segments))
        extra = RELATED_TERM - CONFIDENT_TERM
        for where, index in places:
            block = request.block(index)
            slugs = block.confident_in(sentence) if where == "sentence" else block.confident
            if slugs:
                count = len(slugs) - (sense.slug in slugs)
                score += WHERE[where] * (
                    CONFIDENT_TERM * count + extra * len(slugs & sense.related)
                )
        if score >= DECIDED:
            return score, False
        nearby: set[str] = set()
        for where, index in places:
            if where in WORDS_REACH:
                words = self._words(
                    sense, request, index, sentence if where == "sentence" else None
                )
                score += WHERE[where] * words.score
                nearby.update(detail for kind, detail, _ in words.items if kind == "cue against")
        if len(request.segments) > len(places) - 1:
            elsewhere = self._elsewhere_cues(sense, request)
            far = [cue for cue in elsewhere if cue not in nearby]
            score += len(far) * CUE_AGAINST * ELSEWHERE
            return score, bool(nearby or far)
        return score, bool(nearby)

    def _weigh(
        self,
        sense: _Sense,
        request: _Request,
        segment: int,
        sentence: int,
        page_is_ai: bool,
    ) -> Verdict:
        """The score of an occurrence of the sense in a sentence, with every piece of evidence
        (for explaining; `_score` works out the same score faster)."""
        places = _places(segment, len(request.segments))
        found: list[tuple[str, _Found]] = []
        score = sense.prior + (PAGE_IS_AI if page_is_ai else 0.0)
        for where, index in places:
            terms = self._terms(sense, request, index, sentence if where == "sentence" else None)
            score += WHERE[where] * terms.score
            found.append((where, terms))
        decided = score >= DECIDED
        if not decided:
            for where, index in places:
                if where not in WORDS_REACH:
                    continue
                at = sentence if where == "sentence" else None
                words = self._words(sense, request, index, at)
                score += WHERE[where] * words.score
                found.append((where, words))
            if len(request.segments) > len(places) - 1:
                elsewhere = self._elsewhere(sense, request, found)
                score += elsewhere.score
                found.append(("elsewhere", elsewhere))
        against = any(f.against for _, f in found)
        evidence = _evidence(sense, found, page_is_ai, decided)
        return Verdict(score >= THRESHOLD, round(score, 3), against, evidence)

    def _terms(self, sense: _Sense, request: _Request, index: int, sentence: int | None) -> _Found:
        """Terms with no other sense in a block (or one of its sentences)."""
        key = ("terms", sense.slug, index, sentence)
        found = request.memo.get(key)
        if found is None:
            block = request.block(index)
            slugs = block.confident if sentence is None else block.confident_in(sentence)
            items = tuple(
                ("related term", slug, RELATED_TERM)
                if slug in sense.related
                else ("term", slug, CONFIDENT_TERM)
                for slug in sorted(slugs - {sense.slug})
            )
            found = request.memo[key] = _Found(sum(w for _, _, w in items), False, items)
        return found

    def _words(self, sense: _Sense, request: _Request, index: int, sentence: int | None) -> _Found:
        """The entry's own words and its cues in a block (or one of its sentences)."""
        key = ("words", sense.slug, index, sentence)
        found = request.memo.get(key)
        if found is None:
            block = request.block(index)
            text = block.all if sentence is None else block.sentence(sentence)
            found = request.memo[key] = _words_in(sense, text)
        return found

    @staticmethod
    def _elsewhere_cues(sense: _Sense, request: _Request) -> list[str]:
        """Cues against, anywhere in the request (worked out once per term)."""
        key = ("elsewhere", sense.slug)
        found = request.memo.get(key)
        if found is None:
            everything = request.everything
            cues = sense.against.found(everything.words, everything.padded)
            found = request.memo[key] = _Found(0.0, bool(cues), tuple(("", c, 0.0) for c in cues))
        return [cue for _, cue, _ in found.items]

    def _elsewhere(
        self, sense: _Sense, request: _Request, near: list[tuple[str, _Found]]
    ) -> _Found:
        """Cues against, anywhere in the request, that the places nearby did not hold."""
        nearby = {detail for _, f in near for kind, detail, _ in f.items if kind == "cue against"}
        weight = CUE_AGAINST * ELSEWHERE
        items = tuple(
            ("cue against", cue, weight)
            for cue in self._elsewhere_cues(sense, request)
            if cue not in nearby
        )
        return _Found(len(items) * weight, bool(items), items)

    def _rarity_of(self, request: _Request, candidate: Candidate) -> float:
        """How unusual the candidate's words are in everyday English (its rarest word)."""
        block = request.block(candidate.segment)
        start, end = block.code_points(candidate)
        words = key_of(block.text[start:end]).split()
        return max((self._unusual.get(word, 0.0) for word in words), default=0.0)

    def _supported(
        self,
        candidate: Candidate,
        verdict: Verdict,
        request: _Request,
        plausible: Mapping[int, float],
        supporters: Mapping[int, list[Candidate]],
        kept: set[int],
        explain: bool,
    ) -> Verdict:
        """The first verdict, with other ambiguous AI words not ruled out: related terms in
        the block or the next, and any other in the same sentence, each as strong as it is
        unusual in everyday English ("PPO" says more than "agents"); those the first pass
        marked count as terms."""
        sense = self._senses[candidate.slug]
        block = request.block(candidate.segment)
        sentence = block.sentence_of(block.code_points(candidate)[0])
        support: list[Evidence] = []
        seen: set[str] = set()
        for index in (candidate.segment, candidate.segment - 1, candidate.segment + 1):
            for other in supporters.get(index, ()):
                if other is candidate or other.slug in seen:
                    continue
                # One sense per discourse, nearby only: the same term, marked on its own
                # evidence in this block or the next, counts as a related term.
                same = other.slug == candidate.slug
                if same and id(other) not in kept:
                    continue
                if index != candidate.segment:
                    where = "next block"
                elif block.sentence_of(block.code_points(other)[0]) == sentence:
                    where = "sentence"
                else:
                    where = "block"
                related = same or other.slug in sense.related
                if not (related or where == "sentence" or id(other) in kept):
                    continue
                if same:
                    weight = RELATED_TERM  # marked on its own evidence, however common
                else:
                    unusual = max(MIN_UNUSUAL, plausible[id(other)])
                    weight = (RELATED_TERM if related else OTHER_AMBIGUOUS) * unusual
                    if id(other) in kept:
                        weight = max(weight, CONFIDENT_TERM)
                # Inside the sentence, the block's share and the sentence's both count.
                share = 1.0 if where == "sentence" else WHERE[where]
                kind = "same term" if same else "related term" if related else "ambiguous term"
                support.append(Evidence(f"{kind}, {where}", other.slug, weight * share))
                seen.add(other.slug)
        if not support:
            return verdict
        score = round(verdict.score + sum(e.weight for e in support), 3)
        evidence = verdict.evidence
        if explain:
            evidence = tuple(sorted((*evidence, *support), key=lambda e: -abs(e.weight)))
        return Verdict(score >= THRESHOLD, score, verdict.against, evidence)


def _established(kept: Iterable[Candidate]) -> set[str]:
    """Terms marked on their own evidence in blocks at least `DISCOURSE_SPREAD` apart."""
    spread: dict[str, tuple[int, int]] = {}
    for candidate in kept:
        low, high = spread.get(candidate.slug, (candidate.segment, candidate.segment))
        spread[candidate.slug] = (min(low, candidate.segment), max(high, candidate.segment))
    return {slug for slug, (low, high) in spread.items() if high - low >= DISCOURSE_SPREAD}


def _with(verdict: Verdict, evidence: Evidence, explain: bool) -> Verdict:
    """The verdict with one more piece of evidence."""
    score = round(verdict.score + evidence.weight, 3)
    found = verdict.evidence
    if explain:
        found = tuple(sorted((*found, evidence), key=lambda e: -abs(e.weight)))
    return Verdict(score >= THRESHOLD, score, verdict.against, found)


def _places(segment: int, count: int) -> list[tuple[str, int]]:
    """Where evidence is looked for, around a segment."""
    places = [("sentence", segment), ("block", segment)]
    for where, distance in (("next block", 1), ("two blocks away", 2)):
        places += [
            (where, index)
            for index in (segment - distance, segment + distance)
            if 0 <= index < count
        ]
    return places


def _words_in(sense: _Sense, text: _Text) -> _Found:
    items: list[tuple[str, str, float]] = []
    own = [(sense.own_words[w], w) for w in text.words & sense.own_words.keys()]
    if own:
        own.sort(reverse=True)
        total = min(OWN_WORDS_CAP, OWN_WORDS * sum(r for r, _ in own))
        items.append(("entry's words", " ".join(w for _, w in own[:6]), total))
    items += [("cue for", cue, CUE_FOR) for cue in sense.for_ai.found(text.words, text.padded)]
    against = sense.against.found(text.words, text.padded)
    items += [("cue against", cue, CUE_AGAINST) for cue in against]
    return _Found(sum(w for _, _, w in items), bool(against), tuple(items))


def _evidence(
    sense: _Sense, found: list[tuple[str, _Found]], page_is_ai: bool, decided: bool
) -> tuple[Evidence, ...]:
    """Every piece of evidence, weighed by where it is, strongest first (for explaining)."""
    evidence = [
        Evidence(
            f"{kind}, {where}", detail, weight * (1.0 if where == "elsewhere" else WHERE[where])
        )
        for where, f in found
        for kind, detail, weight in f.items
    ]
    if sense.prior:
        evidence.append(Evidence("prior", "the entry's prior for its AI sense", sense.prior))
    if page_is_ai:
        evidence.append(Evidence("page", "earlier parts of the page are about AI", PAGE_IS_AI))
    if decided:
        evidence.append(Evidence("decided", "terms nearby are enough; words not weighed", 0.0))
    evidence.sort(key=lambda e: -abs(e.weight))
    return tuple(evidence)


def _decisive(
    sense: _Sense, request: _Request, block: _Block, segment: int, start: int, end: int
) -> Evidence | None:
    """Evidence that settles the matter alone: an idiom the entry excludes, or a name the
    occurrence is part of (unless the word before it is itself a term)."""
    if sense.never and _may_hold(request, sense, block, segment):
        offset = max(0, start - 60)
        window = block.text[offset : end + 60]
        nearby = set(block.shaped[offset : end + 60].split())
        for phrase, words in sense.never:
            if words and not words & nearby:
                continue
            for found in _never_pattern(phrase).finditer(window):
                if found.start() <= start - offset and end - offset <= found.end():
                    return Evidence("never", phrase, NEVER)
    if _may_be_a_name(block.text, start, end):
        name, name_start = _name_around(block.text, start, end)
        if name and not any(
            block.code_points(c)[0] <= name_start < block.code_points(c)[1]
            for c in block.candidates
        ):
            return Evidence("name", name, NAME)
    return None


def _may_hold(request: _Request, sense: _Sense, block: _Block, segment: int) -> bool:
    """Whether the block holds any other word of the sense's `never` phrases (once a block)."""
    key = ("never", sense.slug, segment)
    found = request.memo.get(key)
    if found is None:
        holds = "*" in sense.never_words or block.all.words & sense.never_words
        found = request.memo[key] = _Found(1.0, False, ()) if holds else _NOTHING
    return found is not _NOTHING


def _may_be_a_name(text: str, start: int, end: int) -> bool:
    """A quick look before the full one: a capital just before, or an ampersand after."""
    before = text[max(0, start - 30) : start].rstrip()
    cut = max(before.rfind(" "), before.rfind("\n"))
    word = before[cut + 1 :]
    if "&" in text[end : end + 3] or before.endswith("&"):
        return True
    if not word[:1].isupper() or word.lower() in _NOT_NAMES:
        return False
    return not before.endswith(("'s", "’s")) and before[:cut].rstrip()[-1:] not in ".!?:"


def _own_text(term: Term) -> str:
    """The entry's words that say what the idea is: not its business example or roles, whose
    settings (a hospital, an insurer) belong to other fields."""
    return " ".join(
        (term.term, *term.aliases, term.definition, term.plain_english, *term.full_picture)
    )


def _sense_of(term: Term, related: frozenset[str], ambiguous: set[str]) -> _Sense:
    """What the judgement needs of an entry: its own words (its text and `for` cues, a Lesk
    signature) with their rarity in everyday English, and its cues. Its related terms count
    when they are found nearby, as terms."""
    left_out = {
        variant
        for text in (*term.forms, *term.cues.against)
        for word in key_of(text).split()
        for variant in variants(word)
    }
    own: dict[str, float] = {}
    for word in key_of(" ".join((_own_text(term), *term.cues.for_ai))).split():
        weight = rarity(word)
        if weight > 0 and word not in left_out:
            for variant in variants(word) - left_out:
                own[variant] = max(own.get(variant, 0.0), weight)
    form_words = {word for form in term.forms for word in key_of(form).split()}
    never: list[tuple[str, frozenset[str]]] = []
    for phrase in term.cues.never:
        others = [word for word in key_of(phrase).split() if word not in form_words]
        # A phrase made only of the forms' words ("digital assistant") is always looked for.
        never.append((phrase, frozenset(v for word in others for v in variants(word))))
    never_words = {w for _, words in never for w in words} | {"*" for _, w in never if not w}
    return _Sense(
        term.slug,
        own,
        related,
        _Cues.of(cue for cue in term.cues.for_ai if key_of(cue) not in ambiguous),
        _Cues.of(term.cues.against),
        tuple(never),
        frozenset(never_words),
        term.cues.prior,
    )


def _related_both_ways(terms: list[Term]) -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for term in terms:
        for slug in term.related:
            related.setdefault(term.slug, set()).add(slug)
            related.setdefault(slug, set()).add(term.slug)
    return {slug: frozenset(slugs) for slug, slugs in related.items()}


@cache  # compiled when a block first holds one of its words: most never are
def _never_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase that never means the term, matched loosely: any case, any inflection of its
    words (-s, -es, -ed, -ing), and one extra word between two of its words ("pay close
    attention")."""
    parts = []
    for word in key_of(phrase).split():
        plural = plural_of(word, False)
        options = sorted({re.escape(word), re.escape(plural) if plural else re.escape(word)})
        parts.append(f"(?:{'|'.join(options)})(?:s|es|ed|d|ing)?")
    gap = r"[\W_]+(?:[^\W_]+[\W_]+)?"
    return re.compile(r"(?<![^\W_])" + gap.join(parts) + r"(?![^\W_])", re.IGNORECASE)


def _release_word_frequencies() -> None:
    """wordfreq keeps its whole word list in memory (some 25 MB) once read: every rarity the
    judgement needs has been worked out, so let it go."""
    for cached in (get_frequency_dict, get_frequency_list):
        cached.cache_clear()


def _name_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The name an occurrence is part of, or "": a capitalised word right before it inside a
    sentence ("Meta AI", "Colorado AI Act"), or an ampersand joining it to a capitalised word
    ("Weights & Biases"). Headings in title case are not names."""
    before = text[max(0, start - 40) : start]
    previous = _PREVIOUS_WORD.search(before)
    if previous is not None:
        word = previous.group(1)
        prefix = before[: previous.start()].rstrip()
        sentence_start = (not prefix and start < 40) or prefix[-1:] in (
            ".",
            "!",
            "?",
            ":",
            ";",
            '"',
            "“",
            "(",
            "[",
        )
        if (
            word[:1].isupper()
            and word.lower() not in _NOT_NAMES
            and not sentence_start
            and not word.endswith(("'s", "’s"))
            and not _title_case(text)
        ):
            return f"{word} {text[start:end]}", start - len(before) + previous.start(1)
    after = text[end : end + 4]
    if re.match(r"\s*&\s*[A-Z]", after) or re.search(r"[A-Z]\w*\s*&\s*$", before):
        return f"{text[start:end]} &", -1
    return "", -1


def _title_case(text: str) -> bool:
    """Most words capitalised: a heading or a title, whose capitals say nothing of names."""
    long_words = [w for w in _WORD.findall(text[:400]) if len(w) > 3]
    if not long_words:
        return True
    capitals = sum(1 for w in long_words if w[:1].isupper())
    return capitals / len(long_words) > 0.6
