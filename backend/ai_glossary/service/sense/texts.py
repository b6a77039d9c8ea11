"""A request as the judgement reads it: its blocks (segments) and their sentences, the words
of each found once and shared by every occurrence that needs them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from ai_glossary.model.shaping import normalize
from ai_glossary.service.sense.verdicts import Candidate, Found, Verdict

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n+")


class Text:
    """A block's or a sentence's words, found once."""

    __slots__ = ("padded", "words")

    def __init__(self, shaped: str, vocabulary: frozenset[str]) -> None:
        words = shaped.split()
        # Only the words some sense looks for: the sets every term then compares are small.
        self.words = vocabulary.intersection(words)
        self.padded = " " + " ".join(words) + " "


class Block:
    """One segment of the request: its shape, sentences and candidates, found once."""

    def __init__(self, text: str, candidates: list[Candidate], vocabulary: frozenset[str]) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self.shaped = normalize(text)  # same length as the text
        self.ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self.candidates = candidates
        self._all: Text | None = None
        self._sentences: dict[int, Text] = {}
        # UTF-16 offsets to code points, worked out once (only texts with astral characters
        # differ): every occurrence and every sentence of the block looks them up.
        self._points = _points_of(text)
        self._confident_in: dict[int, set[str]] | None = None

    @property
    def all(self) -> Text:
        if self._all is None:
            self._all = Text(self.shaped, self.vocabulary)
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

    def sentence(self, index: int) -> Text:
        found = self._sentences.get(index)
        if found is None:
            start, end = self.span(index)
            found = self._sentences[index] = Text(self.shaped[start:end], self.vocabulary)
        return found

    def sentences_with_terms(self) -> int:
        """How many of the block's sentences hold a term with no other sense."""
        return len(self._terms_by_sentence())

    def confident_in(self, sentence: int) -> set[str]:
        """Terms with no other sense in one sentence."""
        return self._terms_by_sentence().get(sentence, set())

    def _terms_by_sentence(self) -> dict[int, set[str]]:
        """Every sentence's terms with no other sense, sorted out at once."""
        if self._confident_in is None:
            self._confident_in = {}
            for c in self.candidates:
                if not c.ambiguous:
                    index = self.sentence_of(self.code_points(c)[0])
                    self._confident_in.setdefault(index, set()).add(c.slug)
        return self._confident_in


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


class Request:
    """What the judgement of one request works out once and shares between occurrences."""

    def __init__(
        self, segments: list[str], candidates: list[Candidate], vocabulary: frozenset[str]
    ) -> None:
        self.segments = segments
        self.vocabulary = vocabulary
        self.by_segment: dict[int, list[Candidate]] = {}
        for candidate in candidates:
            self.by_segment.setdefault(candidate.segment, []).append(candidate)
        # Terms with no other sense, by segment: all that the blocks around an occurrence
        # are asked for, so those blocks are never shaped.
        self.confident = {
            segment: frozenset(c.slug for c in found if not c.ambiguous)
            for segment, found in self.by_segment.items()
        }
        self._blocks: dict[int, Block] = {}
        self._everything: Text | None = None
        self.memo: dict[tuple[object, ...], Found] = {}
        self.verdicts: dict[tuple[object, ...], Verdict] = {}
        self.rarities: dict[str, float] = {}  # by a form as written
        # Acronyms the text defines as something else: key -> (slug, definition).
        self.defined: Mapping[str, tuple[str, str]] = {}
        # Whether people speak to each other in it, line by line (decisive.in_conversation).
        self.conversation: bool | None = None

    def block(self, index: int) -> Block:
        found = self._blocks.get(index)
        if found is None:
            found = self._blocks[index] = Block(
                self.segments[index], self.by_segment.get(index, []), self.vocabulary
            )
        return found

    @property
    def everything(self) -> Text:
        """Every word of the request."""
        if self._everything is None:
            self._everything = Text(normalize(" . ".join(self.segments)), self.vocabulary)
        return self._everything
