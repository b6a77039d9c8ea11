"""Benchmark inputs: the corpus, pages cut from it, and synthetic n-gram dictionaries.

Everything here is deterministic: the same corpus always gives the same texts and terms.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ai_glossary.glossary.reader import BUNDLED, read_dictionary
from ai_glossary.model import Dictionary, Term
from ai_glossary.model.forms import key_of

# The corpus sits beside the repository: <repo>/../shared/corpus.
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
_WORD = re.compile(r"[^\W_]+")
_LONGEST_NGRAM = 4


@dataclass(frozen=True)
class Input:
    """Texts to scan, in groups: a group is what one request would send (an article)."""

    name: str
    groups: list[list[str]]

    @property
    def texts(self) -> list[str]:
        return [text for group in self.groups for text in group]

    @property
    def size(self) -> int:
        """UTF-8 bytes of all the texts: the unit of every MB/s figure."""
        return sum(len(text.encode("utf-8")) for text in self.texts)


def load_articles(folder: Path) -> list[str]:
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no *.txt articles in {folder} (see --corpus)")
    return [path.read_text(encoding="utf-8") for path in paths]


def lines_of(article: str) -> list[str]:
    return [line for line in article.splitlines() if line.strip()]


def articles_input(articles: list[str]) -> Input:
    return Input("corpus, whole articles", [[article] for article in articles])


def nodes_input(articles: list[str]) -> Input:
    return Input("corpus, text nodes", [lines_of(article) for article in articles])


def page(articles: list[str], size: int) -> str:
    """One page of about `size` UTF-8 bytes: the corpus's lines in order, round and round."""
    lines = [line for article in articles for line in lines_of(article)]
    chosen: list[str] = []
    total = 0
    index = 0
    while True:
        line = lines[index % len(lines)]
        cost = len(line.encode("utf-8")) + 1
        if total + cost > size and chosen:
            return "\n".join(chosen)
        chosen.append(line)
        total += cost
        index += 1


def page_input(articles: list[str], size: int) -> Input:
    label = f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"
    return Input(f"page of {label}", [[page(articles, size)]])


def bundled_dictionary() -> Dictionary:
    """The bundled glossary; entries still being written are tolerated, not fatal."""
    dictionary, problems = read_dictionary(BUNDLED)
    if dictionary is None:
        raise SystemExit("\n".join(map(str, problems)))
    return dictionary


def ngram_dictionary(articles: list[str], size: int) -> Dictionary:
    """`size` terms: the corpus's most frequent 1- to 4-grams, one term per distinct key.

    They match the corpus very densely (every common word is a term): a stress test.
    """
    counts: Counter[str] = Counter()
    for article in articles:
        for line in lines_of(article):
            words = _WORD.findall(line)
            for n in range(1, _LONGEST_NGRAM + 1):
                for start in range(len(words) - n + 1):
                    counts[" ".join(words[start : start + n])] += 1
    terms: dict[str, Term] = {}
    keys: set[str] = set()
    for ngram in sorted(counts, key=lambda gram: (-counts[gram], gram)):
        key = key_of(ngram)
        if key in keys:
            continue
        keys.add(key)
        slug = f"ngram-{len(terms):06d}"
        terms[slug] = Term(slug=slug, term=ngram, definition=ngram)
        if len(terms) == size:
            break
    if len(terms) < size:
        raise SystemExit(f"the corpus has only {len(terms)} distinct n-grams, not {size}")
    return Dictionary(f"ngrams-{size}", f"{size:,} corpus n-grams", "0", terms, {})
