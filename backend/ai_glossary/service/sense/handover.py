"""What the native judgement (`_native`, C in backend/ai_glossary/native/) is handed once:
the judge's tables as integer ids, and the Python checks it calls back into for the rare
occurrences its own cheap tests let through (docs/adr/0007-sense-judgement.md).

The Python path stays the reference: every number comes from `weights`, every table from
`SenseJudge.__init__`, and each call-back is the Python code itself, so the two agree."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ai_glossary.model.forms import key_of
from ai_glossary.model.shaping import unicode_tables
from ai_glossary.service.sense import decisive, weights
from ai_glossary.service.sense.definitions import Acronyms
from ai_glossary.service.sense.entries import (
    Cues,
    Sense,
    answers_as_ai,
    phrase_around,
    value_after,
    written_rarity,
)
from ai_glossary.service.sense.verdicts import NOT_WEIGHED, Verdict

if TYPE_CHECKING:
    from ai_glossary.model import Dictionary
    from ai_glossary.service.sense.judge import SenseJudge

# Read once: set, it forces the Python path everywhere.
PURE_PYTHON = bool(os.environ.get("AI_GLOSSARY_PURE_PYTHON"))

_native: ModuleType | None
try:
    from ai_glossary.service.sense import _native
except ImportError:  # no compiler where it was installed: the Python path alone
    _native = None


def built() -> bool:
    """Whether the native judgement was compiled where this was installed."""
    return _native is not None


def available() -> bool:
    """Whether `SenseJudge` judges natively unless told otherwise."""
    return built() and not PURE_PYTHON


def reply_matches() -> Callable[..., tuple[list[dict[str, Any]], int]] | None:
    """`annotate._marked` in C (`_native.reply_matches`), where the native path is available."""
    return _native.reply_matches if _native is not None and available() else None


def reply_json() -> Callable[..., tuple[bytes | None, set[str], int]] | None:
    """`annotate._marked`'s matches as JSON, in C (`_native.reply_json`), where the native
    path is available."""
    return _native.reply_json if _native is not None and available() else None


# The order `sense.c` reads the weights in (its `W_*` constants).
WEIGHTS = (
    weights.WHERE["sentence"],
    weights.WHERE["block"],
    weights.WHERE["next block"],
    weights.WHERE["two blocks away"],
    weights.ELSEWHERE,
    weights.CONFIDENT_TERM,
    weights.RELATED_TERM,
    weights.OTHER_AMBIGUOUS,
    weights.OWN_WORDS,
    weights.OWN_WORDS_CAP,
    weights.CUE_FOR,
    weights.CUE_AGAINST,
    weights.VERSION_AFTER,
    weights.VALUE_AFTER,
    weights.PAGE_IS_AI,
    weights.ABOUT_AI_BLOCKS,
    weights.ABOUT_AI_SPREAD,
    weights.ABOUT_AI_TERMS,
    weights.ABOUT_AI_SHARE,
    weights.ABOUT_AI_TEXT_SHARE,
    weights.NEVER,
    weights.NAME,
    weights.JOINED_NAME,
    weights.PERSON,
    weights.THRESHOLD,
    weights.DECIDED,
    weights.LONG_BLOCK,
    weights.SPEAKS,
    weights.SUPPORTING,
    weights.UNUSUAL,
    weights.SHORT_SENTENCE,
    weights.RETURNED,
    weights.RELATED_PAIR,
    weights.MIN_UNUSUAL,
    weights.DISCOURSE_SPREAD,
    weights.DISCOURSE,
    weights.PAIRED_RARITY,
    weights.DISCOURSE_RELATED_BLOCKS,
    weights.DISCOURSE_REPEATS,
    weights.SIZE_IN_SENTENCE,
    weights.ASKED_OR_ANSWERING,
    weights.PHRASE_AROUND,
    weights.LISTED_NAME,
    weights.AI_PASSAGE_MARK,
    weights.AI_PASSAGE_SPAN,
    weights.STRAY_BLOCKS,
    weights.BORROWED_ON_AN_AI_PAGE,
)
assert {"sentence", "block"} == weights.WORDS_REACH  # sense.c weighs words in these two


class _Ids:
    """Strings to dense integer ids, in the order first seen."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def of(self, word: str) -> int:
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = len(self.ids)
        return found

    def all(self, words: Any) -> list[int]:
        return sorted({self.of(w) for w in words})


def _cues(cues: Cues, words: _Ids) -> tuple[list[int], list[list[int]]]:
    phrases = [[words.of(w) for w in phrase.split()] for phrase in cues.phrases]
    return words.all(cues.words), phrases


def _sense(sense: Sense, judge: SenseJudge, words: _Ids, slugs: _Ids) -> tuple[Any, ...]:
    own = sorted((words.of(w), r) for w, r in sense.own_words.items())
    narrow = slugs.all(judge._narrow[sense.slug]) if sense.narrow else []
    return (
        sense,
        slugs.of(sense.slug),
        float(sense.prior),
        slugs.all(sense.related),
        narrow,
        [w for w, _ in own],
        [r for _, r in own],
        _cues(sense.for_ai, words),
        _cues(sense.against, words),
        bool(sense.never),
        words.all(w for w in sense.never_words if w != "*"),
        "*" in sense.never_words,
        words.all(w for w in sense.form_words if w in judge._vocabulary),
        sense.borrowed,
        sense.narrow,
        sense.names,
        sense.versioned,
        sense.values,
        [words.all(others) for _, others in sense.never],
        _patterns(sense),
        slugs.all(sense.paired),
        sense.capital,
        dict(sense.form_priors),
        sense.answers,
        sense.product,
    )


def _patterns(sense: Sense) -> list[tuple[bool, bool, list[list[str]]]] | None:
    """Each never phrase as `decisive._never_pattern` builds it: whether clause marks may
    split its words, whether it is a name (matched as written), and per word its options,
    in the order the regex tries them. None when one is not all ASCII (case folding beyond
    ASCII: Python's regex then looks for them)."""
    phrases = []
    for phrase, _ in sense.never:
        pieces = []
        for word in key_of(phrase).split():
            pieces.append(sorted(decisive.never_options(word), key=re.escape))
        phrases.append((decisive.crosses_marks(phrase), decisive.is_a_name(phrase), pieces))
    ascii_only = all(o.isascii() for _, _, pieces in phrases for p in pieces for o in p)
    return phrases if ascii_only and all(pieces for _, _, pieces in phrases) else None


def tables(judge: SenseJudge, dictionary: Dictionary) -> Any:
    """The native judge, built from the Python one's tables."""
    assert _native is not None
    words = _Ids()
    for word in sorted(judge._vocabulary):
        words.of(word)
    slugs = _Ids()
    for slug in sorted(dictionary.terms):
        slugs.of(slug)
    senses = [_sense(s, judge, words, slugs) for s in judge._senses.values()]
    borrowed = slugs.all(judge._borrowed)
    # The cues' words are the vocabulary's (see `_vocabulary`); the words of ambiguous forms
    # follow, for a form's rarity (`_rarity`), then the glossary's own words (`_known_words`).
    assert len(words.ids) == len(judge._vocabulary)
    for word in sorted(judge._unusual):
        words.of(word)
    known = words.all(judge._known_words)  # a surname is none of these (`_surname_after`)
    vocabulary = list(words.ids)
    unusual = [judge._unusual.get(word, 0.0) for word in vocabulary]
    return _native.Judge(
        vocabulary,
        slugs.ids,
        senses,
        borrowed,
        WEIGHTS,
        Callbacks(
            judge._unusual, judge._known_words, judge._everyday, judge._common, judge._acronyms
        ),
        Verdict,
        NOT_WEIGHED,
        decisive._NOT_NAMES,
        unusual,
        known,
        *unicode_tables(),
    )


class Callbacks:
    """The Python checks the native judgement calls for what it does not do itself. They hold
    the judge's tables, never the judge: the judge holds the native one, which holds these,
    and a cycle would leave a dropped judge to the cycle collector (a frozen one, never)."""

    def __init__(
        self,
        unusual: Mapping[str, float],
        known_words: frozenset[str],
        everyday: frozenset[str],
        common: frozenset[str],
        acronyms: Acronyms,
    ) -> None:
        self.unusual = unusual
        self.acronyms = acronyms
        self.known_words = known_words
        self.everyday = everyday
        # Read by C for `decisive.model_size_in`: such a word right before a size names a
        # room, a class or a seat ("Class 3B").
        self.placing_words = common - decisive._BEFORE_A_SIZE
        self.counts: dict[str, int] = {}  # how often each is called, when counting
        self.counting = False

    def _count(self, name: str) -> None:
        if self.counting:
            self.counts[name] = self.counts.get(name, 0) + 1

    def facts(self, written: str) -> tuple[float, str]:
        """How unusual a written form is (`_rarity_of`), and its key."""
        self._count("facts")
        return written_rarity(self.unusual, written), key_of(written)

    def never(self, sense: Sense, text: str, shaped: str, start: int, end: int) -> bool:
        """Inside a phrase the entry says never means it (`decisive`, once `_may_hold`)."""
        self._count("never")
        return decisive.never_around(sense, text, shaped, start, end) is not None

    def name(self, text: str, start: int, end: int) -> int | None:
        """Where the name around the occurrence starts (-1: joined by "&"), if it is one."""
        self._count("name")
        if not decisive._may_be_a_name(text, start, end):
            return None
        name, name_start = decisive._name_around(text, start, end)
        return name_start if name else None

    def person(self, sense: Sense, text: str, start: int, end: int) -> int:
        """1: a person's name (decisive._person), 2: a name in a list of people
        (decisive._listed), 0: neither."""
        self._count("person")
        if decisive._person(sense, text, start, end):
            return 1
        return 2 if decisive._listed(sense, text, start, end) else 0

    def surname(self, text: str, start: int, end: int) -> bool:
        self._count("surname")
        return bool(decisive._surname_after(text, start, end, self.known_words))

    def longer_name(self, text: str, start: int, end: int) -> bool:
        """A capitalised word before a product's name and version (`in_a_longer_name`)."""
        self._count("longer name")
        return decisive.in_a_longer_name(text, start, self.known_words, self.everyday)

    def answering(self, sense: Sense, text: str, start: int, end: int) -> bool:
        """A name greeted, asked or answering, or used as a product (`entries.answers_as_ai`)."""
        self._count("answering")
        return bool(answers_as_ai(sense, text, start, end))

    def conversation(self, segments: list[str]) -> bool:
        """Whether people speak to each other in the text (once a request, where a name
        opens a line as a speaker: `decisive.in_conversation`)."""
        self._count("conversation")
        return decisive.in_conversation(segments, self.known_words)

    def defined(
        self, segments: list[str], spots: list[tuple[int, int, int, int]]
    ) -> dict[str, tuple[str, str]]:
        """The acronyms at `spots` that the text defines as something else (once a request,
        where an ambiguous form may be defined: `judge._definition_spots`)."""
        self._count("defined")
        return self.acronyms.defined_otherwise(segments, spots)

    def phrase_around(self, sense: Sense, text: str, start: int, end: int) -> bool:
        """A cue phrase the occurrence is a word of, around it (`entries.phrase_around`)."""
        self._count("phrase around")
        return bool(phrase_around(sense.for_ai.phrases, text, start, end))

    def value(self, text: str, end: int, values: tuple[float, float]) -> int:
        self._count("value")
        return value_after(text, end, values)
