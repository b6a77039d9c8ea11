"""Blocks written with no capital at all: search boxes, chat, comments ("is rag better than
fine-tuning", "what is ai").

Such a block says nothing by its case, so the case rules that keep "mL" from being ML and
"rag" from being RAG cannot be read there. An English one is matched again with those rules
lifted (`Matcher(any_case=True)`): its case-sensitive forms are found in lower case too, the
ambiguous ones as forms for the judgement to weigh like any other. A block in another
language keeps the rules: "ai" is a word of French ("j'ai") and Italian ("ai giardini").
"""

from __future__ import annotations

import re

from ai_glossary.matching.matcher import Match, Matcher
from ai_glossary.model import Dictionary

# An English block: at least this share of its words are common English words (the
# judgement's, `SenseJudge.common_words`). On the evaluation's blocks with no capital, short
# search-box lines score a third and more ("ai hallucination meaning", "what is ai"); an
# Italian or French sentence a fifth or less (its "a", "per", "in" are English words too).
ENGLISH_SHARE = 1 / 3

_WORD = re.compile(r"[^\W\d_]+")


class UncasedBlocks:
    """Finds terms again in the blocks that write no capital and read as English."""

    def __init__(self, dictionary: Dictionary, cased: Matcher, english: frozenset[str]) -> None:
        self._matcher = (
            Matcher(dictionary, cased.native, any_case=True) if cased.case_rules else None
        )
        self._english = english

    def found(self, texts: list[str], found: list[list[Match]]) -> list[list[Match]]:
        """`found` (the cased matcher's, for each text), with the matches of such blocks
        found again without case."""
        if self._matcher is None:
            return found
        # Most blocks write a capital, and the first test, in C, sets them aside. On the
        # corpus's 103 articles (20 of them with a block that writes none) this step takes
        # 0.5 ms of the 17 that their replies with first marks take, 0.18 of it that test.
        uncased = [i for i, text in enumerate(texts) if text.islower()]
        uncased = [i for i in uncased if self._reads_as_english(texts[i])]
        if not uncased:
            return found
        again = self._matcher.find_many([texts[i] for i in uncased])
        found = list(found)
        for index, matches in zip(uncased, again, strict=True):
            found[index] = matches
        return found

    def _reads_as_english(self, text: str) -> bool:
        words = _WORD.findall(text)
        common = sum(word in self._english for word in words)
        return common >= ENGLISH_SHARE * len(words)
