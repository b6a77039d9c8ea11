"""The judge: the evidence of each occurrence of an ambiguous form, weighed in two passes.

- other terms found nearby whose forms have no other sense, and terms the entry lists as
  related, found nearby;
- other ambiguous AI words nearby that are not ruled out themselves (jargon comes in
  clusters), and the same term marked nearby or far apart on the page (one sense per
  discourse);
- the entry's own words, in the spirit of the Lesk algorithm, each weighed by how rare it is
  in everyday English, so that "gradient" counts and "people" does not;
- the entry's cue words for and against the AI sense (`[context]` in its file); cues against
  also count, weakly, from anywhere in the request;
- decisive against: see `decisive`.

Evidence counts by where it is (`WHERE`): the occurrence's block (a paragraph, a heading: one
segment), with a bonus inside its own sentence; the blocks on either side; the blocks two
away; the page's carried-over context (`page_is_ai`), or terms all across the request, least.
It runs on every request, so the work is shared: each block's words are found once, and the
evidence of a block for a term is worked out once per request, however many occurrences need
it. An occurrence with overwhelming evidence from the terms around it is decided without
weighing words (`DECIDED`).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from functools import cached_property
from typing import Any

from ai_glossary.matching.offsets import Match
from ai_glossary.model import Dictionary
from ai_glossary.model.forms import key_of, surface_forms, variants
from ai_glossary.service.sense import handover
from ai_glossary.service.sense.decisive import (
    PERSONS,
    decisive,
    in_a_longer_name,
    model_size_in,
)
from ai_glossary.service.sense.definitions import AFTER, BEFORE, KEYED, Acronyms
from ai_glossary.service.sense.entries import (
    VERSION,
    Sense,
    answers_as_ai,
    everyday_words,
    paired_both_ways,
    phrase_around,
    rarity,
    related_both_ways,
    release_word_frequencies,
    sense_of,
    value_after,
    written_rarity,
)
from ai_glossary.service.sense.texts import Block, Request, Text
from ai_glossary.service.sense.verdicts import NOT_WEIGHED, Candidate, Evidence, Found, Verdict
from ai_glossary.service.sense.weights import (
    ABOUT_AI_BLOCKS,
    ABOUT_AI_SHARE,
    ABOUT_AI_SPREAD,
    ABOUT_AI_TERMS,
    ABOUT_AI_TEXT_SHARE,
    AI_PASSAGE_MARK,
    AI_PASSAGE_SPAN,
    ASKED_OR_ANSWERING,
    BORROWED_ON_AN_AI_PAGE,
    CONFIDENT_TERM,
    CUE_AGAINST,
    CUE_FOR,
    DECIDED,
    DISCOURSE,
    DISCOURSE_RELATED_BLOCKS,
    DISCOURSE_REPEATS,
    DISCOURSE_SPREAD,
    ELSEWHERE,
    LISTED_NAME,
    LONG_BLOCK,
    MIN_UNUSUAL,
    NAME,
    NAMES_A_PLACE_ZIPF,
    NEVER,
    OTHER_AMBIGUOUS,
    OWN_WORDS,
    OWN_WORDS_CAP,
    PAGE_IS_AI,
    PAIRED_RARITY,
    PHRASE_AROUND,
    RELATED_PAIR,
    RELATED_TERM,
    RETURNED,
    SHORT_SENTENCE,
    SIZE_IN_SENTENCE,
    SPEAKS,
    STRAY_BLOCKS,
    SUPPORTING,
    THRESHOLD,
    UNUSUAL,
    VALUE_AFTER,
    VERSION_AFTER,
    WHERE,
    WORDS_REACH,
)


class SenseJudge:
    """Built once per dictionary; `judge` is called per request."""

    def __init__(self, dictionary: Dictionary, native: bool | None = None) -> None:
        """`native`: whether to judge in C where it can (None: where it is built and
        `AI_GLOSSARY_PURE_PYTHON` is not set; see `handover`)."""
        terms = [t for t in dictionary.terms.values() if t.marked]
        related = related_both_ways(terms)
        paired = paired_both_ways(terms, related)
        # Ambiguous forms are candidates, judged themselves: as cue words they would count
        # "inference" in a court's ruling for an LLM beside it.
        ambiguous = {v for t in terms for form in t.ambiguous for v in variants(key_of(form))}
        self._senses = {
            t.slug: sense_of(
                t, related.get(t.slug, frozenset()), paired.get(t.slug, frozenset()), ambiguous
            )
            for t in terms
            if t.ambiguous
        }
        # Acronyms a text may define as something else ("Data Protection Officer (DPO)").
        self._acronyms = Acronyms(t for t in terms if t.ambiguous)
        # Terms AI borrows from other fields: they lend nothing to each other.
        self._borrowed = frozenset(slug for slug, s in self._senses.items() if s.borrowed)
        # Terms that may vouch for a narrow one: its related terms and itself.
        self._narrow = {slug: s.related | {slug} for slug, s in self._senses.items() if s.narrow}
        # How unusual each word of an ambiguous form is, worked out now: requests look it up.
        self._unusual = {
            word: rarity(word)
            for term in terms
            if term.ambiguous
            for surface in surface_forms(term)
            for word in key_of(surface.form).split()
        }
        # Every word of every form and of the ambiguous entries' own text: a capitalised
        # word after a first name that is none of these is a surname.
        self._known_words = frozenset(
            word
            for term in terms
            for surface in surface_forms(term)
            for word in key_of(surface.form).split()
        ).union(*(sense.own_words for sense in self._senses.values()))
        self._vocabulary = frozenset(
            word
            for sense in self._senses.values()
            for word in (
                *sense.own_words,
                *sense.for_ai.words,
                *sense.for_ai.phrase_words,
                *sense.against.words,
                *sense.against.phrase_words,
                *sense.never_words,
            )
        )
        self._everyday = everyday_words()
        self._common = everyday_words(NAMES_A_PLACE_ZIPF)
        release_word_frequencies()
        if native is None:
            native = handover.available()
        elif native and not handover.built():
            raise RuntimeError("the native sense judgement is not built")
        self._native = handover.tables(self, dictionary) if native else None

    @property
    def common_words(self) -> frozenset[str]:
        """The words everyday English uses most (Zipf `NAMES_A_PLACE_ZIPF` and above)."""
        return self._common

    @property
    def native(self) -> Any:
        """The native judge this one hands requests to (`handover`), or None."""
        return self._native

    def marks(
        self,
        segments: list[str],
        per_segment: list[list[Match]],
        page_is_ai: bool,
        first_only: bool = False,
    ) -> bytes | None:
        """What the native judgement says of each of the matcher's matches, in order
        (`MARK_*`), without a `Candidate` made for any: None without the native judgement,
        or for a request it leaves to the Python path (then call `judge`). Profiled on 20 KB
        pages, reading candidates' attributes and setting their verdicts was a sixth of the
        native judgement's instructions."""
        if self._native is None:
            return None
        found: bytes | None = self._native.marks(segments, per_segment, page_is_ai, first_only)
        return found

    def judge(
        self,
        segments: list[str],
        candidates: list[Candidate],
        page_is_ai: bool,
        explain: bool = False,
        first_only: bool = False,
    ) -> None:
        """Sets the verdict of every ambiguous candidate (see `_Weighing`).

        Scores are whole only when explaining: otherwise an occurrence its first verdict
        marks keeps that verdict's score, without the support it did not need. With
        `first_only`, only the occurrences up to each term's first mark are weighed, with
        what their verdicts rest on, since a reply holds no other; the rest get
        `NOT_WEIGHED`."""
        if (
            not explain
            and self._native is not None
            and self._native.judge(segments, candidates, page_is_ai, first_only)
        ):
            return
        judged = [c for c in candidates if c.ambiguous and c.slug in self._senses]
        if not judged:
            return
        request = Request(segments, candidates, self._vocabulary)
        spots = _definition_spots(request, judged)
        request.defined = self._acronyms.defined_otherwise(segments, spots)
        page = EARLIER_PARTS if page_is_ai else ALL_ACROSS if _about_ai(request) else None
        weighing = _Weighing(self, request, judged, page, explain)
        if not first_only:
            for candidate in judged:
                candidate.verdict = weighing.verdict(candidate)
            return
        marked: set[str] = set()
        for candidate in candidates:
            if not (candidate.ambiguous and candidate.slug in self._senses):
                marked.add(candidate.slug)
            elif candidate.slug in marked:
                candidate.verdict = NOT_WEIGHED
            else:
                candidate.verdict = weighing.verdict(candidate)
                if candidate.verdict.kept:
                    marked.add(candidate.slug)

    def _stop(self, candidate: Candidate, request: Request) -> Evidence | None:
        """What settles an occurrence alone, before any weighing: a definition of the form
        as something else, a `decisive` idiom, name or person, or a name the entry says is
        never written in lower case."""
        sense = self._senses[candidate.slug]
        block = request.block(candidate.segment)
        start, end = block.code_points(candidate)
        written = block.text[start:end]
        stop = _defined_otherwise(request, candidate.slug, written) or decisive(
            sense, request, block, candidate.segment, start, end, self._known_words
        )
        if (
            stop is None
            and sense.capital
            and _a_name_in_lower_case(sense, written)
            and block.text.lower() != block.text
        ):
            # The entry says its name is never written in lower case: "perplexity" is the
            # metric, however much AI writing surrounds it, not the company. A block with no
            # capital at all says nothing by it ("does whisper work offline").
            stop = Evidence("name in lower case", written, NEVER)
        return stop

    def _first(
        self, candidate: Candidate, request: Request, page: str | None, explain: bool
    ) -> Verdict:
        """The verdict of an occurrence that nothing settled alone (`_stop`)."""
        sense = self._senses[candidate.slug]
        block = request.block(candidate.segment)
        start, end = block.code_points(candidate)
        written = block.text[start:end]
        # Occurrences of one term in one sentence share their evidence: worked out once.
        sentence = block.sentence_of(start)
        key = ("first", sense.slug, candidate.segment, sentence)
        verdict = request.verdicts.get(key)
        if verdict is None:
            if explain:
                verdict = self._weigh(sense, request, candidate.segment, sentence, page)
            else:
                score, against, far_only = self._score(
                    sense, request, candidate.segment, sentence, page
                )
                verdict = Verdict(score >= THRESHOLD, round(score, 3), against, (), far_only)
            request.verdicts[key] = verdict
        if sense.form_priors and (own := sense.form_priors.get(key_of(written))):
            # "CV" is as often a résumé as computer vision, whose full name is all but
            # always the AI sense: the form's own prior stands in for the entry's.
            prior = Evidence("the form's own prior, beside the entry's", written, own)
            verdict = _with(verdict, prior, explain)
        # "and it hallucinated a study": a cue phrase of the sense that the occurrence is a
        # word of says more of it than the same phrase elsewhere in its sentence.
        if phrase := phrase_around(sense.for_ai.phrases, block.text, start, end):
            around = Evidence("a cue phrase around it", phrase, PHRASE_AROUND)
            verdict = _with(verdict, around, explain)
        versioned = sense.versioned and written[:1].isupper()
        if (
            versioned
            and key_of(written) in sense.versioned
            and VERSION.match(block.text, end)
            and not in_a_longer_name(block.text, start, self._known_words, self._everyday)
        ):
            # "Claude 3", "Llama 3.1": a product line's name with its version.
            version = Evidence("version number after the name", written, VERSION_AFTER)
            verdict = _with(verdict, version, explain)
        elif size := model_size_in(block.text, *block.span(sentence), self._common):
            # "We distilled the 70B model": a model's size in parameters says what the
            # sentence is about (once: "Gemma 7B" counted as a version already).
            sized = Evidence("a model's size in the sentence", size, SIZE_IN_SENTENCE)
            verdict = _with(verdict, sized, explain)
        value = value_after(block.text, end, sense.values) if sense.values else 0
        if value > 0:
            # "temperature 0.7", "temperature to 0": a setting with its value.
            setting = Evidence("a setting's value after the name", written, VALUE_AFTER)
            verdict = _with(verdict, setting, explain)
        elif value < 0:
            # "a temperature of 38.5", "kiln temperature 1,200°C": a quantity measured, which
            # no setting is, however much AI is around it ("kiln temperature 1,200°C, chatbot
            # temperature 0.7"): settled, as an idiom is.
            measured = Evidence("a measurement after the name", written, NEVER)
            verdict = _with(verdict, measured, explain, against=True)
        if _a_name_in_lower_case(sense, written) and block.text.lower() != block.text:
            # "the cursor", "a llama": a name written without its capital is, as a rule, the
            # everyday word; strong evidence around it can still outweigh that. A block
            # with no capital at all says nothing by it ("claude or chatgpt for my cv").
            lower = Evidence("name in lower case", written, CUE_AGAINST)
            score = round(verdict.score + CUE_AGAINST, 3)
            found = (lower, *verdict.evidence) if explain else ()
            verdict = Verdict(score >= THRESHOLD, score, True, found)
        return verdict

    def _score(
        self, sense: Sense, request: Request, segment: int, sentence: int, page: str | None
    ) -> tuple[float, bool, bool]:
        """`_weigh`'s score, whether anything spoke against and whether only cues against
        elsewhere in the request did (`Verdict.far_only`), without the evidence itself:
        counts and small set operations, since it runs for every occurrence. A test holds
        the two to the same scores (bench/sense.py measures what it saves)."""
        score = sense.prior + (PAGE_IS_AI if page else 0.0)
        places = _places(segment, len(request.segments))
        weights = _weights(request, segment, sentence)
        extra = RELATED_TERM - CONFIDENT_TERM
        own = near = 0.0
        for where, index in places:
            if where == "sentence":
                slugs: AbstractSet[str] = request.block(index).confident_in(sentence)
            else:
                slugs = request.confident.get(index, frozenset())
            slugs = self._vouching(sense, slugs)
            if slugs:
                # The same term written in a form with no other sense ("Markov decision
                # process (MDP)") counts as a related term: it says what the acronym stands for.
                related = len(slugs & sense.related) + (sense.slug in slugs)
                weight = weights[where] * (CONFIDENT_TERM * len(slugs) + extra * related)
                if where in WORDS_REACH:
                    own += weight
                else:
                    near += weight
        counted = own >= SPEAKS or not _long(request, segment)
        score += own + (near if counted else 0.0)
        if score >= DECIDED:
            return score, False, False
        nearby: set[str] = set()
        for where, index in places:
            if where in WORDS_REACH:
                words = self._words(
                    sense, request, index, sentence if where == "sentence" else None
                )
                own += weights[where] * words.score
                score += weights[where] * words.score
                nearby.update(detail for kind, detail, _ in words.items if kind == "cue against")
        if not counted and own >= SPEAKS:
            score += near  # the long block has evidence of its own after all
        if len(request.segments) > len(places) - 1:
            elsewhere = self._elsewhere_cues(sense, request)
            far = [cue for cue in elsewhere if cue not in nearby]
            score += len(far) * CUE_AGAINST * ELSEWHERE
            return score, bool(nearby or far), bool(far) and not nearby
        return score, bool(nearby), False

    def _weigh(
        self,
        sense: Sense,
        request: Request,
        segment: int,
        sentence: int,
        page: str | None,
    ) -> Verdict:
        """The score of an occurrence of the sense in a sentence, with every piece of evidence
        (for explaining; `_score` works out the same score faster)."""
        places = _places(segment, len(request.segments))
        weights = _weights(request, segment, sentence)
        found: list[tuple[str, Found]] = []
        score = sense.prior + (PAGE_IS_AI if page else 0.0)
        own = near = 0.0
        for where, index in places:
            terms = self._terms(sense, request, index, sentence if where == "sentence" else None)
            score += weights[where] * terms.score
            found.append((where, terms))
            if where in WORDS_REACH:
                own += weights[where] * terms.score
            else:
                near += weights[where] * terms.score
        counted = own >= SPEAKS or not _long(request, segment)
        decided = counted and score >= DECIDED
        if not decided:
            for where, index in places:
                if where not in WORDS_REACH:
                    continue
                at = sentence if where == "sentence" else None
                words = self._words(sense, request, index, at)
                score += weights[where] * words.score
                own += weights[where] * words.score
                found.append((where, words))
            if near and not counted and own < SPEAKS:
                # A long block with no evidence of its own: the blocks around it lend nothing.
                item = ("not counted", "terms in the blocks around a long block with none", -near)
                found.append(("elsewhere", Found(-near, False, (item,))))
                score -= near
            if len(request.segments) > len(places) - 1:
                elsewhere = self._elsewhere(sense, request, found)
                score += elsewhere.score
                found.append(("elsewhere", elsewhere))
        against = any(f.against for _, f in found)
        far_only = against and not any(f.against for where, f in found if where != "elsewhere")
        evidence = _evidence(sense, found, page, decided, weights)
        return Verdict(score >= THRESHOLD, round(score, 3), against, evidence, far_only)

    def _terms(self, sense: Sense, request: Request, index: int, sentence: int | None) -> Found:
        """Terms with no other sense in a block (or one of its sentences)."""
        key = ("terms", sense.slug, index, sentence)
        found = request.memo.get(key)
        if found is None:
            slugs: AbstractSet[str] = (
                request.confident.get(index, frozenset())
                if sentence is None
                else request.block(index).confident_in(sentence)
            )
            slugs = self._vouching(sense, slugs)
            items = tuple(
                ("same term", slug, RELATED_TERM)
                if slug == sense.slug
                else ("related term", slug, RELATED_TERM)
                if slug in sense.related
                else ("term", slug, CONFIDENT_TERM)
                for slug in sorted(slugs)
            )
            found = request.memo[key] = Found(sum(w for _, _, w in items), False, items)
        return found

    def _vouching(self, sense: Sense, slugs: AbstractSet[str]) -> AbstractSet[str]:
        """Those of the terms found nearby that can vouch for the sense: not other borrowed
        terms for a borrowed one, only its related terms (and itself) for a narrow one."""
        if sense.borrowed:
            slugs = slugs - self._borrowed
        if sense.narrow:
            slugs = slugs & self._narrow[sense.slug]
        return slugs

    def _words(self, sense: Sense, request: Request, index: int, sentence: int | None) -> Found:
        """The entry's own words and its cues in a block (or one of its sentences)."""
        key = ("words", sense.slug, index, sentence)
        found = request.memo.get(key)
        if found is None:
            block = request.block(index)
            text = block.all if sentence is None else block.sentence(sentence)
            found = _words_in(sense, text)
            if any(kind == "cue for" and cue in sense.form_words for kind, cue, _ in found.items):
                found = _outside_occurrences(found, sense, text, block, sentence)
            request.memo[key] = found
        return found

    @staticmethod
    def _elsewhere_cues(sense: Sense, request: Request) -> list[str]:
        """Cues against, anywhere in the request (worked out once per term)."""
        key = ("elsewhere", sense.slug)
        found = request.memo.get(key)
        if found is None:
            everything = request.everything
            cues = sense.against.found(everything.words, everything.padded)
            found = request.memo[key] = Found(0.0, bool(cues), tuple(("", c, 0.0) for c in cues))
        return [cue for _, cue, _ in found.items]

    def _elsewhere(self, sense: Sense, request: Request, near: list[tuple[str, Found]]) -> Found:
        """Cues against, anywhere in the request, that the places nearby did not hold."""
        nearby = {detail for _, f in near for kind, detail, _ in f.items if kind == "cue against"}
        weight = CUE_AGAINST * ELSEWHERE
        items = tuple(
            ("cue against", cue, weight)
            for cue in self._elsewhere_cues(sense, request)
            if cue not in nearby
        )
        return Found(len(items) * weight, bool(items), items)

    def _rarity_of(self, request: Request, candidate: Candidate) -> float:
        """How unusual the candidate's words are in everyday English (its rarest word)."""
        block = request.block(candidate.segment)
        start, end = block.code_points(candidate)
        written = block.text[start:end]
        found = request.rarities.get(written)
        if found is None:
            found = request.rarities[written] = self._rarity(written)
        return found

    def _prior_of(self, request: Request, candidate: Candidate) -> float:
        """The prior of the candidate's form: its entry's, or the form's own."""
        sense = self._senses[candidate.slug]
        if not sense.form_priors:
            return sense.prior
        block = request.block(candidate.segment)
        start, end = block.code_points(candidate)
        return sense.prior + sense.form_priors.get(key_of(block.text[start:end]), 0.0)

    def _answering(self, request: Request, candidate: Candidate) -> tuple[str, str]:
        """Why the name, as written, is the AI sense, and the name: greeted, asked or
        answering, or used as a product (`answers_as_ai`); else empty strings."""
        sense = self._senses[candidate.slug]
        if not (sense.answers or sense.product):
            return "", ""
        block = request.block(candidate.segment)
        start, end = block.code_points(candidate)
        written = block.text[start:end]
        # Written with its capital, or in a block with no capital at all ("ask grok").
        if not (written[:1].isupper() or block.text.lower() == block.text):
            return "", ""
        why = answers_as_ai(sense, block.text, start, end)
        return (why, written) if why else ("", "")

    def _rarity(self, written: str) -> float:
        return written_rarity(self._unusual, written)


class _Weighing:
    """One request's judgement, each step worked out for an occurrence when first asked
    for, and once: an occurrence's verdict rests on the first verdicts of the ambiguous
    words in its block and the blocks beside it, and on where else its term is marked."""

    def __init__(
        self,
        judge: SenseJudge,
        request: Request,
        judged: list[Candidate],
        page: str | None,
        explain: bool,
    ) -> None:
        self.judge = judge
        self.request = request
        self.page = page  # why the page is about AI, if it is
        self.explain = explain
        self._judged_by_segment: dict[int, list[Candidate]] = {}
        self._by_slug: dict[str, list[Candidate]] = {}
        for c in judged:
            self._judged_by_segment.setdefault(c.segment, []).append(c)
            self._by_slug.setdefault(c.slug, []).append(c)
        self._first: dict[int, Verdict] = {}
        self._stops: dict[int, Evidence | None] = {}
        self._persons: dict[str, list[tuple[tuple[int, int], Evidence]]] = {}
        self._plausible: dict[int, float | None] = {}
        self._supported: dict[int, Verdict] = {}
        self._returned: dict[int, Verdict] = {}
        self._established: dict[str, bool] = {}
        self._related_along: dict[str, list[int]] = {}
        self._repeated: dict[str, bool] = {}
        self._in_block: dict[tuple[str, int], bool] = {}
        self._final: dict[int, Verdict] = {}

    def verdict(self, candidate: Candidate) -> Verdict:
        """The final verdict, unless it is a stray mark on a page not about AI (`_strays`)."""
        said = self.final(candidate)
        passage = self._strays.get(id(candidate))
        if passage is not None:
            evidence = Evidence(STRAY, passage, -said.score)
            return _with(said, evidence, self.explain, against=True)
        return said

    @cached_property
    def _strays(self) -> dict[int, str]:
        """The kept occurrences (by id), on a page not about AI, beyond the blocks beside its
        one AI passage, each with where that passage is (`AI_PASSAGE_MARK`, `AI_PASSAGE_SPAN`,
        `STRAY_BLOCKS`). All are weighed, so that the first marks of the extension's option
        are every occurrence's first ones."""
        if self.page is not None:
            return {}
        judged = [c for found in self._judged_by_segment.values() for c in found]
        anchors = {index for index, slugs in self.request.confident.items() if slugs}
        anchors.update(c.segment for c in judged if self._marks_the_passage(c))
        kept = [c for c in judged if self.final(c).kept]
        if not anchors and kept:  # only ambiguous words: the passage is where the best is
            best = max(self.first(c).score for c in kept)
            anchors = {c.segment for c in kept if self.first(c).score == best}
        low, high = min(anchors, default=0), max(anchors, default=0)
        if not anchors or high - low > AI_PASSAGE_SPAN:
            return {}
        strays = [c for c in kept if all(abs(c.segment - a) > 1 for a in anchors)]
        if len({c.segment for c in strays}) > STRAY_BLOCKS:
            return {}
        passage = f"segment {low}" if low == high else f"segments {low} to {high}"
        return {id(c): passage for c in strays}

    def _marks_the_passage(self, candidate: Candidate) -> bool:
        first = self.first(candidate)
        return first.kept and first.score >= AI_PASSAGE_MARK

    def final(self, candidate: Candidate) -> Verdict:
        """The verdict, with the page's own sense of the term: one sense per discourse."""
        return _once(self._final, candidate, self._final_verdict)

    def _final_verdict(self, candidate: Candidate) -> Verdict:
        said = self.returned(candidate)
        # "Hey Gemini", "Perplexity found it": what only the AI sense does. Weighed last, so
        # it lends nothing to the words around ("Gemini says dress in layers").
        undecided = not said.kept and said.score > NEVER / 2
        if undecided:
            why, name = self.judge._answering(self.request, candidate)
            if why:
                said = _with(said, Evidence(why, name, ASKED_OR_ANSWERING), self.explain)
        # Cues against from elsewhere in the request count in the score, but do not keep the
        # page's own sense of the term from it (ADR 7).
        if said.kept or (said.against and not said.far_only):
            return said
        if (
            not said.against
            and self.page is not None
            and self.judge._senses[candidate.slug].borrowed
        ):
            evidence = Evidence(
                "borrowed term, on a page about AI", candidate.slug, BORROWED_ON_AN_AI_PAGE
            )
            said = _with(said, evidence, self.explain)
            if said.kept:
                return said
        if self.established(candidate.slug):
            evidence = Evidence("same term, on the page", candidate.slug, DISCOURSE)
        elif self.related_all_along(candidate.slug):
            evidence = Evidence("related terms, on the page", candidate.slug, DISCOURSE)
        elif self.repeated_on_an_ai_page(candidate.slug):
            evidence = Evidence("same term, all along a page about AI", candidate.slug, DISCOURSE)
        elif said.score > 0 and self.marked_in_its_block(candidate):
            evidence = Evidence("same term, in its block", candidate.slug, DISCOURSE)
        else:
            return said
        return _with(said, evidence, self.explain)

    def first(self, candidate: Candidate) -> Verdict:
        """The verdict from terms, words and cues, without other ambiguous words."""
        return _once(self._first, candidate, self._first_verdict)

    def _first_verdict(self, candidate: Candidate) -> Verdict:
        stop = self.stop(candidate)
        if stop is not None:
            return Verdict(False, stop.weight, True, (stop,))
        verdict = self.judge._first(candidate, self.request, self.page, self.explain)
        if person := self._a_persons_name(candidate):
            # "Present: ... Gemma Lund", then "Gemma asked that ...": the person named in
            # full, or as a person, elsewhere on the page; strong evidence may outweigh it.
            weight = LISTED_NAME if person.kind == "listed" else NAME
            evidence = Evidence("the same name, a person's on the page", person.detail, weight)
            verdict = _with(verdict, evidence, self.explain, against=True)
        return verdict

    def stop(self, candidate: Candidate) -> Evidence | None:
        """What settles the candidate alone, if anything (`SenseJudge._stop`), once."""
        key = id(candidate)
        if key not in self._stops:
            self._stops[key] = self.judge._stop(candidate, self.request)
        return self._stops[key]

    def _a_persons_name(self, candidate: Candidate) -> Evidence | None:
        """A name, written with its capital, that another occurrence of the term in the
        request, in another sentence, shows to be a person's: with a surname ("Claude
        Mercer"), or as a person ("our intern Jasper", "Gemma from HR"). Not inside one
        sentence, which may set the two apart ("Claude from IT says Claude isn't approved")."""
        sense = self.judge._senses[candidate.slug]
        if not sense.names:
            return None
        block = self.request.block(candidate.segment)
        start, end = block.code_points(candidate)
        written = block.text[start:end]
        if not written[:1].isupper() or key_of(written) not in sense.names:
            return None
        own = (candidate.segment, _sentence_of(self.request, candidate))
        places = self._persons_places(candidate.slug)
        return next((stop for place, stop in places if place != own), None)

    def _persons_places(self, slug: str) -> list[tuple[tuple[int, int], Evidence]]:
        """The sentences (segment, sentence) where a person's evidence settles an occurrence
        of the term, in order, each with the first such evidence: worked out once a term, so
        that each occurrence only looks for one outside its own sentence."""
        found = self._persons.get(slug)
        if found is None:
            places: dict[tuple[int, int], Evidence] = {}
            for other in self._by_slug[slug]:
                stop = self.stop(other)
                if stop is not None and stop.kind in PERSONS:
                    place = (other.segment, _sentence_of(self.request, other))
                    places.setdefault(place, stop)
            found = self._persons[slug] = list(places.items())
        return found

    def plausible(self, candidate: Candidate) -> float | None:
        """How unusual the candidate is, if it may vouch for others: nothing spoke against
        it, and it has some evidence of its own or is rare in everyday English. A rare word
        whose entry has a negative prior is as often the everyday word: rarity is no
        evidence then ("a look of perplexity" is no metric, nor the transformer beside it)."""
        key = id(candidate)
        if key not in self._plausible:
            first = self.first(candidate)
            unusual = self.judge._rarity_of(self.request, candidate)
            rare = unusual >= UNUSUAL and self.judge._prior_of(self.request, candidate) >= 0
            self._plausible[key] = (
                unusual if not first.against and (first.score >= SUPPORTING or rare) else None
            )
        return self._plausible[key]

    def supported(self, candidate: Candidate) -> Verdict:
        """The first verdict, with other ambiguous AI words not ruled out: related terms in
        the block or the next, and any other in the same sentence, each as strong as it is
        unusual in everyday English ("PPO" says more than "agents"); those the first pass
        marked count as terms. Those first ruled out lend nothing ("paying attention" to
        "temperature"); those marked on their own evidence count as terms ("weights" on the
        Hub, then "transformer")."""
        return _once(self._supported, candidate, self._with_support)

    def _with_support(self, candidate: Candidate) -> Verdict:
        verdict = self.first(candidate)
        if verdict.score <= NEVER / 2:
            return verdict
        if verdict.kept and not self.explain:
            # Unless explaining, a reply holds marks, not scores: support, which only adds, is
            # not weighed for an occurrence its first verdict marks (an A/B in one process on
            # the corpus: 9-12% less time with every occurrence; with first marks only, 1,377
            # of its 3,513 occurrences get a first verdict, not 1,909).
            return verdict
        judge = self.judge
        sense = judge._senses[candidate.slug]
        sentence = _sentence_of(self.request, candidate)
        support: list[Evidence] = []
        seen: set[str] = set()
        for index in (candidate.segment, candidate.segment - 1, candidate.segment + 1):
            for other in self._judged_by_segment.get(index, ()):
                if other is candidate or other.slug in seen:
                    continue
                unusual = self.plausible(other)
                if unusual is None:
                    # It cannot vouch for others, but a related term still holds this one up
                    # inside a short sentence.
                    if not verdict.against and self._paired(sense, other, candidate, sentence):
                        support.append(Evidence("related pair", other.slug, RELATED_PAIR))
                        seen.add(other.slug)
                    continue
                if sense.borrowed and other.slug in judge._borrowed and other.slug != sense.slug:
                    continue
                # One sense per discourse, nearby only: the same term, marked on its own
                # evidence in this block or the next, counts as a related term.
                same = other.slug == candidate.slug
                other_kept = self.first(other).kept
                if same and not other_kept:
                    continue
                if index != candidate.segment:
                    where = "next block"
                elif _sentence_of(self.request, other) == sentence:
                    where = "sentence"
                else:
                    where = "block"
                related = same or other.slug in sense.related
                if sense.narrow and not related:
                    continue
                if not (related or where == "sentence" or other_kept):
                    continue
                if same:
                    weight = RELATED_TERM  # marked on its own evidence, however common
                else:
                    unusual = max(MIN_UNUSUAL, unusual)
                    if (
                        unusual >= UNUSUAL
                        and where == "sentence"
                        and not sense.borrowed
                        and self._short(index, sentence)
                    ):
                        # Unusual enough to vouch for others on its own, it counts in full in
                        # a short sentence, as a term does: "Gemini and o3 both solved it".
                        # Not for a borrowed term, which needs evidence from AI itself: a
                        # "text-encoder benchmark" is a web API's.
                        unusual = 1.0
                    weight = (RELATED_TERM if related else OTHER_AMBIGUOUS) * unusual
                    if other_kept:
                        weight = max(weight, RELATED_TERM if related else CONFIDENT_TERM)
                    elif not verdict.against and self._paired(sense, other, candidate, sentence):
                        # A related term that could vouch for others holds this one up at
                        # least as well as one that could not.
                        weight = max(weight, RELATED_PAIR)
                # Inside the sentence, the block's share and the sentence's both count; on a
                # page not about AI, the rest of the block counts as much of it as is about
                # AI, as for terms (worked out only here: most support is not the block's).
                if where == "block" and not self.page:
                    share = _weights(self.request, candidate.segment, sentence)["block"]
                else:
                    share = 1.0 if where == "sentence" else WHERE[where]
                kind = "same term" if same else "related term" if related else "ambiguous term"
                support.append(Evidence(f"{kind}, {where}", other.slug, weight * share))
                seen.add(other.slug)
        if not support:
            return verdict
        score = round(verdict.score + sum(e.weight for e in support), 3)
        evidence = verdict.evidence
        if self.explain:
            evidence = tuple(sorted((*evidence, *support), key=lambda e: -abs(e.weight)))
        return Verdict(score >= THRESHOLD, score, verdict.against, evidence, verdict.far_only)

    def _short(self, segment: int, sentence: int) -> bool:
        """Whether a sentence has at most `SHORT_SENTENCE` words."""
        block = self.request.block(segment)
        start, end = block.span(sentence)
        return len(block.text[start:end].split()) <= SHORT_SENTENCE

    def _paired(self, sense: Sense, other: Candidate, candidate: Candidate, sentence: int) -> bool:
        """Whether `other` is a term the glossary relates to the candidate's, in the same
        short sentence, with nothing against it: two of a field's words that stand for each
        other ("our RL agent", "early stopping at epoch 9") although neither has evidence of
        its own or is rare. Borrowed terms keep their own rules; a narrow one pairs with its
        related terms only ("the policy collapsed after 200k steps of RL")."""
        return (
            other.segment == candidate.segment
            and other.slug in sense.paired
            and not sense.borrowed
            and (not sense.narrow or other.slug in sense.related)
            and other.slug not in self.judge._borrowed
            and _sentence_of(self.request, other) == sentence
            and not self.first(other).against
            and self._short(candidate.segment, sentence)
            and (other.slug in sense.related or self._less_than_everyday(candidate, other))
        )

    def _less_than_everyday(self, candidate: Candidate, other: Candidate) -> bool:
        """Whether one of two words is rarer than everyday English (`PAIRED_RARITY`)."""
        rarity = self.judge._rarity_of
        return max(rarity(self.request, candidate), rarity(self.request, other)) >= PAIRED_RARITY

    def returned(self, candidate: Candidate) -> Verdict:
        """Support returned inside a short sentence: an ambiguous word that could vouch for
        others, and whose neighbour the second pass marked, is vouched for in its turn
        ("MCP lets our agent talk to Jira": "MCP" marked "agent"). Short sentences only: in
        a long one, a list of an engineering handbook's parts, two words of one field
        co-occur more loosely."""
        return _once(self._returned, candidate, self._with_returned)

    def _with_returned(self, candidate: Candidate) -> Verdict:
        said = self.supported(candidate)
        if said.kept or said.against or self.plausible(candidate) is None:
            return said
        request = self.request
        sentence = _sentence_of(request, candidate)
        if not self._short(candidate.segment, sentence):
            return said
        for other in self._judged_by_segment[candidate.segment]:
            if (
                other.slug != candidate.slug
                and _sentence_of(request, other) == sentence
                and self.supported(other).kept
                and not self.first(other).kept
            ):
                evidence = Evidence("ambiguous term marked beside it", other.slug, RETURNED)
                return _with(said, evidence, self.explain)
        return said

    def established(self, slug: str) -> bool:
        """Whether the term is marked, on its own evidence and what is around it, in blocks
        at least `DISCOURSE_SPREAD` apart."""
        found = self._established.get(slug)
        if found is None:
            found = False
            low = high = -1
            for c in self._by_slug[slug]:
                if self.returned(c).kept:
                    low = c.segment if low < 0 else min(low, c.segment)
                    high = max(high, c.segment)
                    if high - low >= DISCOURSE_SPREAD:
                        found = True
                        break
            self._established[slug] = found
        return found

    def marked_in_its_block(self, candidate: Candidate) -> bool:
        """Whether another occurrence of the term in the same block is marked on its own
        evidence and what is around it, and nothing speaks against any of them there: one sense
        per discourse within a paragraph ("the more detailed the prompt is, the better ...
        providing examples in the prompt")."""
        key = (candidate.slug, candidate.segment)
        found = self._in_block.get(key)
        if found is None:  # once a block: the candidate asking is never marked itself
            here = [c for c in self._by_slug[candidate.slug] if c.segment == candidate.segment]
            found = self._in_block[key] = not any(self.first(c).against for c in here) and any(
                self.returned(c).kept for c in here
            )
        return found

    def related_all_along(self, slug: str) -> bool:
        """Whether terms the entry relates, in forms with no other sense, are found in at
        least `DISCOURSE_RELATED_BLOCKS` blocks at least `DISCOURSE_SPREAD` apart. Not for
        borrowed or narrow entries, whose fellows say little of AI."""
        sense = self.judge._senses[slug]
        blocks = self._related_blocks(slug)
        return (
            not (sense.borrowed or sense.narrow)
            and len(blocks) >= DISCOURSE_RELATED_BLOCKS
            and blocks[-1] - blocks[0] >= DISCOURSE_SPREAD
        )

    def repeated_on_an_ai_page(self, slug: str) -> bool:
        """Whether the term is written in at least `DISCOURSE_REPEATS` blocks at least
        `DISCOURSE_SPREAD` apart, nothing speaks against any of them, and the page's terms
        with no other sense are in two blocks or more, as far apart or one of them a term
        the entry relates: more than one AI passage. One AI sentence never is. Not for
        borrowed or narrow entries."""
        found = self._repeated.get(slug)
        if found is None:
            sense = self.judge._senses[slug]
            candidates = self._by_slug.get(slug, [])
            written = sorted({c.segment for c in candidates})
            with_terms = self._term_blocks
            found = self._repeated[slug] = (
                not (sense.borrowed or sense.narrow)
                and len(written) >= DISCOURSE_REPEATS
                and written[-1] - written[0] >= DISCOURSE_SPREAD
                and len(with_terms) >= 2
                and (
                    with_terms[-1] - with_terms[0] >= DISCOURSE_SPREAD
                    or bool(self._related_blocks(slug))
                )
                and not any(self.first(c).against for c in candidates)
            )
        return found

    @cached_property
    def _term_blocks(self) -> list[int]:
        """The blocks holding terms with no other sense, in order."""
        return sorted(index for index, slugs in self.request.confident.items() if slugs)

    def _related_blocks(self, slug: str) -> list[int]:
        """The blocks holding terms the entry relates, in order: in forms with no other
        sense, or in ambiguous forms marked before the page's own sense of a term is weighed
        (`returned`: "the agent" and "the policy" all along a page about RL vouch for "RL")."""
        found = self._related_along.get(slug)
        if found is None:
            related = self.judge._senses[slug].related
            confident = self.request.confident
            blocks = {index for index, slugs in confident.items() if slugs & related}
            for other in related & self._by_slug.keys():
                blocks.update(c.segment for c in self._by_slug[other] if self.returned(c).kept)
            found = self._related_along[slug] = sorted(blocks)
        return found


# What `marks` says of a match: a form with no other sense, or judged and kept; or dropped
# (or, with first marks only, not weighed). The values sense.c writes.
MARK_DROPPED, MARK_KEPT, MARK_SURE = 0, 1, 2


# Why a mark was dropped on a page not about AI (`_Weighing._strays`).
STRAY = "beyond the blocks beside the page's one AI passage"

# Why a page is about AI: the client's word, or the request's own terms.
EARLIER_PARTS = "earlier parts of the page are about AI"
ALL_ACROSS = "terms with no other sense all across the page"


def _about_ai(request: Request) -> bool:
    """Whether the request's own terms with no other sense keep coming back across it
    (`ABOUT_AI_*`): a page about AI, as if the client had said so. One AI sentence or
    paragraph on a page about something else never is."""
    blocks = sorted(index for index, slugs in request.confident.items() if slugs)
    if len(blocks) < ABOUT_AI_BLOCKS or blocks[-1] - blocks[0] < ABOUT_AI_SPREAD:
        return False
    if len(blocks) < ABOUT_AI_SHARE * len(request.segments) and not _text_share(
        request.segments, blocks
    ):
        return False  # a report that comes back to AI now and then is not about it
    terms: set[str] = set()
    for index in blocks:
        terms |= request.confident[index]
    return len(terms) >= ABOUT_AI_TERMS


def _text_share(segments: list[str], blocks: list[int]) -> bool:
    """Whether `blocks` hold `ABOUT_AI_TEXT_SHARE` of the characters of all the segments."""
    theirs = sum(len(segments[index]) for index in blocks)
    return theirs >= ABOUT_AI_TEXT_SHARE * sum(map(len, segments))


def _once(
    verdicts: dict[int, Verdict], candidate: Candidate, work: Callable[[Candidate], Verdict]
) -> Verdict:
    """The candidate's verdict from `verdicts`, worked out by `work` the first time."""
    found = verdicts.get(id(candidate))
    if found is None:
        found = verdicts[id(candidate)] = work(candidate)
    return found


def _sentence_of(request: Request, candidate: Candidate) -> int:
    """Which sentence of its block a candidate starts in."""
    block = request.block(candidate.segment)
    return block.sentence_of(block.code_points(candidate)[0])


def _definition_spots(request: Request, judged: list[Candidate]) -> list[tuple[int, int, int, int]]:
    """Where an ambiguous form may be defined, in code points, and where the definition
    would stand (`definitions.BEFORE`, `AFTER`, `KEYED`): the form written in brackets,
    "(DPO)"; right before a bracket that starts with its own first letter, "GPU (ground
    power unit)"; or a key's entry, a colon and a space after it and then its own first
    letter, "AI: Aisha Iqbal" (`Acronyms.defined_otherwise`; native/sense.c
    `definition_spot`)."""
    spots = []
    for candidate in judged:
        text = request.segments[candidate.segment]
        if "(" not in text and ": " not in text:
            continue  # and its block is not worked out for this
        start, end = request.block(candidate.segment).code_points(candidate)
        if start > 0 and end < len(text) and text[start - 1] == "(" and text[end] == ")":
            spots.append((candidate.segment, start, end, BEFORE))
            continue
        if start < end and text[end : end + 2] == ": " and end + 2 < len(text):
            if text[start].lower() == text[end + 2].lower():
                spots.append((candidate.segment, start, end, KEYED))
            continue
        bracket = end + 1 if text[end : end + 1] == " " else end
        if (
            start < end
            and bracket + 1 < len(text)
            and text[bracket] == "("
            and text[start].lower() == text[bracket + 1].lower()
        ):
            spots.append((candidate.segment, start, end, AFTER))
    return spots


def _defined_otherwise(request: Request, slug: str, written: str) -> Evidence | None:
    """The text's own definition of the acronym as something else, if it gives one: "our
    Data Protection Officer (DPO)" settles every DPO of the request."""
    found = request.defined.get(key_of(written)) if request.defined else None
    if found is None or found[0] != slug:
        return None
    return Evidence("defined in the text as something else", found[1], NEVER)


def _with(verdict: Verdict, evidence: Evidence, explain: bool, against: bool = False) -> Verdict:
    """The verdict with one more piece of evidence (`against`: evidence against it)."""
    score = round(verdict.score + evidence.weight, 3)
    found = verdict.evidence
    if explain:
        found = tuple(sorted((*found, evidence), key=lambda e: -abs(e.weight)))
    far_only = verdict.far_only and not against
    return Verdict(score >= THRESHOLD, score, verdict.against or against, found, far_only)


def _weights(request: Request, segment: int, sentence: int) -> dict[str, float]:
    """`WHERE`, with the rest of the block weighed by how much of it is about AI: the share
    of its sentences that hold a term, counting the occurrence's own. One AI sentence in a
    parish newsletter's paragraph lends little to "a simple prompt for discussion" two
    sentences on; an AI paragraph lends its full weight, and so does a short block (under
    `LONG_BLOCK` words), which is one message however many full stops it has: "Fine-tuning
    job queued. Estimated start: 14:20." """
    block = request.block(segment)
    sentences = len(block.ends) + 1
    if sentences == 1 or not _long(request, segment):
        return WHERE
    with_terms = block.sentences_with_terms()
    others = with_terms - (1 if block.confident_in(sentence) else 0)
    return {**WHERE, "block": WHERE["block"] * (others + 1) / sentences}


def _outside_occurrences(
    found: Found, sense: Sense, text: Text, block: Block, sentence: int | None
) -> Found:
    """`found` without the cues that are words of the entry's own occurrences there: such a
    cue counts only as often as the text holds it outside them."""
    inside: dict[str, int] = {}
    for candidate in block.candidates:
        start, end = block.code_points(candidate)
        if candidate.slug == sense.slug and sentence in (None, block.sentence_of(start)):
            for word in key_of(block.text[start:end]).split():
                inside[word] = inside.get(word, 0) + 1
    items = tuple(
        (kind, cue, weight)
        for kind, cue, weight in found.items
        if not (kind == "cue for" and cue in sense.form_words)
        or text.padded.count(f" {cue} ") > inside.get(cue, 0)
    )
    return Found(sum(weight for _, _, weight in items), found.against, items)


def _long(request: Request, segment: int) -> bool:
    """Whether a block is long enough to speak for itself (`LONG_BLOCK` words or more)."""
    return len(request.segments[segment].split()) >= LONG_BLOCK


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


def _words_in(sense: Sense, text: Text) -> Found:
    items: list[tuple[str, str, float]] = []
    own = [(sense.own_words[w], w) for w in text.words & sense.own_words.keys()]
    if own:
        own.sort(reverse=True)
        total = min(OWN_WORDS_CAP, OWN_WORDS * sum(r for r, _ in own))
        items.append(("entry's words", " ".join(w for _, w in own[:6]), total))
    items += [("cue for", cue, CUE_FOR) for cue in sense.for_ai.found(text.words, text.padded)]
    against = sense.against.found(text.words, text.padded)
    items += [("cue against", cue, CUE_AGAINST) for cue in against]
    return Found(sum(w for _, _, w in items), bool(against), tuple(items))


def _evidence(
    sense: Sense,
    found: list[tuple[str, Found]],
    page: str | None,
    decided: bool,
    weights: dict[str, float],
) -> tuple[Evidence, ...]:
    """Every piece of evidence, weighed by where it is, strongest first (for explaining)."""
    evidence = [
        Evidence(
            f"{kind}, {where}", detail, weight * (1.0 if where == "elsewhere" else weights[where])
        )
        for where, f in found
        for kind, detail, weight in f.items
    ]
    if sense.prior:
        evidence.append(Evidence("prior", "the entry's prior for its AI sense", sense.prior))
    if page:
        evidence.append(Evidence("page", page, PAGE_IS_AI))
    if decided:
        evidence.append(Evidence("decided", "terms nearby are enough; words not weighed", 0.0))
    evidence.sort(key=lambda e: -abs(e.weight))
    return tuple(evidence)


def _a_name_in_lower_case(sense: Sense, written: str) -> bool:
    """Whether the occurrence is one of the entry's names written without its capital."""
    return bool(sense.names) and written[:1].islower() and key_of(written) in sense.names
