"""Folding text for search and sorting: case, accents, punctuation and spacing set aside."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w+#]|_")
_APOSTROPHES = re.compile("['\u2019\u02bc]")


def fold(text: str) -> str:
    """Lower-case, accent-free words, single spaces: "Fine-Tuning’s" -> "fine tunings"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", bare.casefold())).split())


def sort_key(text: str) -> str:
    """Alphabetical order for people: "Éval" between "Eval" and "Ext", case ignored."""
    return fold(text) or text.casefold()


def trigrams(word: str) -> frozenset[str]:
    """Trigrams of `word` padded at its start, one per character: "rag" -> "  r", " ra", "rag"."""
    padded = "  " + word
    return frozenset(padded[i : i + 3] for i in range(len(word)))
