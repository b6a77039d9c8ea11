"""The prefilter: what a client needs to tell a block of text that cannot hold a term.

A form is found only as whole words of the text, shaped as the matcher shapes it
(`ai_glossary.model.shaping`): its key (`ai_glossary.model.forms.key_of`) is then a run of
words of the shaped text. The index files each key under its rarest word ("window" for
"context window", never "a" of "a/b testing"), so a client looks up each word of a block
and, on a hit, whether one of the keys filed there is in the block. A block with none cannot
hold a term: the extension keeps such blocks in the browser.
"""

from __future__ import annotations

from wordfreq import zipf_frequency

from ai_glossary.model import Dictionary
from ai_glossary.model.forms import key_of, surface_forms
from ai_glossary.model.shaping import BOUNDARY

# Greek's final sigma lower-cases by its place in a word, so clients fold it, and so do we.
_FOLD = str.maketrans("ς", "σ")


def prefilter_index(dictionary: Dictionary) -> dict[str, list[str]]:
    """Every key the matcher looks for (plurals included), filed under its rarest word;
    sorted, so the same glossaries give the same index."""
    keys = {
        key_of(surface.form).translate(_FOLD)
        for term in dictionary.terms.values()
        if term.marked
        for surface in surface_forms(term)
    }
    index: dict[str, list[str]] = {}
    for key in sorted(keys - {""}):
        index.setdefault(rarest(key.split(BOUNDARY)), []).append(key)
    return dict(sorted(index.items()))


def rarest(words: list[str]) -> str:
    """The word least used in everyday English; the longest of equally rare ones."""
    return min(words, key=lambda word: (zipf_frequency(word, "en"), -len(word), word))
