"""How the bundled glossary covers real writing: marks, distinct terms, and the gaps left.

    .venv/bin/python scripts/coverage.py [--corpus ../shared/corpus --corpus ../shared/corpus2]
        [--dictionary dictionary] [--top 50] [--sample 30] [--seed 7]
        [--not-marked docs/coverage/not_marked.toml]

For each corpus it prints the words read, the marks per 1,000 words, the distinct terms marked,
the most frequent unmarked candidate n-grams that look like jargon, and a sample of marks to
check by hand. docs/coverage/README.md holds the last output.

What is read, and how:
- a corpus's `*.txt` files are articles of one block per line;
- the `*.md` pages in its subfolders are rendered as a browser shows them and read as the
  extension reads a page: one block per paragraph, list item or table cell; headings, code,
  maths, images and HTML that is not text are left out, link text is kept and link targets are
  not. d2l's roles are shown as its site shows them (`:cite:` as "(Author et al., 2019)").
  Pages not in English (translations) are left out and counted, unless --all-languages.

Each article is annotated through the real core, as the extension sends it: one request of
at most 200 blocks (one segment per block), every occurrence marked, ambiguous forms judged by
their neighbourhood, and the page's "about AI" context carried to the article's next request.

Unmarked candidates are n-grams of 1 to 3 words (lower-cased; plurals and hyphens folded)
that overlap no mark, hold no number, stop word (but an inner "of": "mixture of experts") or
cited author's name, appear in at least two articles, and are used in the corpus far more than
in everyday English (wordfreq's Zipf scale). Forms of glossary entries left unmarked (judged to
be in their everyday sense, or entries with `marked = false`) are counted apart, and so are
phrases holding one; the words listed in not_marked.toml, each with the reason it is no entry,
are left out; a phrase holding a more frequent candidate is folded into it ("reasoning steps"
into "reasoning"). What is left are the glossary's likely gaps.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.model import Dictionary
from ai_glossary.model.forms import surface_forms
from ai_glossary.service.annotate import Annotator, Options
from markdown_it import MarkdownIt  # installed with the test tools (through rich)
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus2"]
NOT_MARKED = ROOT / "docs" / "coverage" / "not_marked.toml"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# One request holds at most this many blocks, as the extension sends them.
MAX_BLOCKS = 200
# An unmarked n-gram is a candidate from this many occurrences, in this many articles...
MIN_COUNT = 5
MIN_ARTICLES = 2
# ... when its frequency in the corpus is this far above its everyday-English frequency, on
# the Zipf scale (log10 of occurrences per billion words): 1.5 is about 30 times. wordfreq
# estimates a phrase from its words alone, well above its real frequency, so phrases need less.
MIN_LIFT = {1: 1.5, 2: 1.0, 3: 1.0}
# A shorter n-gram is dropped when a longer candidate holding it takes this share of its count
# ("language" behind "language model").
HELD_SHARE = 0.5

# Stands for something a browser shows that is not text (maths, an equation number, code
# skipped by the extension): no n-gram runs across it.
CUT = "\ue000"

# Common English function words, and the Latin abbreviations of scholarly writing.
STOP_WORDS = _words(
    """
    a about above across after again against all almost also although always am among an and
    another any anyone anything are around as at be became because become becomes been before
    being below between both but by can cannot could did do does doing done down during each
    either else enough even ever every few for from further get gets getting given gives go
    goes going got had has have having he her here hers herself him himself his how however i
    if in into is it its itself just least less let like made make makes many may me might
    more most much must my myself need needs neither never no nor not now of off often on once
    one only onto or other others otherwise our ours ourselves out over own per perhaps put
    quite rather really same see seen several shall she should since so some something such
    than that the their theirs them themselves then there therefore these they this those
    though through thus to together too toward towards under until up upon us use used uses
    using very via was way ways we well were what whatever when where whereas whether which
    while who whom whose why will with within without would yet you your yours yourself
    yourselves e.g i.e etc et al cf vs viz ie eg fig
    """
)
# Frequent function words of Spanish, Portuguese, French, German, Italian and Vietnamese, none
# of them an English word: a page where they outnumber English ones is a translation.
OTHER_FUNCTION_WORDS = _words(
    """
    de la el los las del que para con por una más como pero sus también este esta está son en
    é em ao não uma com mais dos das pelo pela você seu sua le du les des est une dans pour qui
    sur avec sont cette und der die das ist nicht mit sich auf für eine werden auch il della
    che è sono anche gli và của là có được trong cho các những một với này để không
    """
)

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*")
_LETTER = re.compile(r"[^\W\d_]")
_POSSESSIVE = re.compile(r"['’]s?$")
# What follows an author's name in a citation: "Wei et al.", "Vapnik (1995)", "(Vapnik, 1995)".
_CITED = re.compile(r"\s+et\s+al\b|\s*\(\d{4}[a-z]?\)|,\s*\d{4}[a-z]?\)")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of text as the extension sends it, and where something not text was cut."""

    text: str
    cuts: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    blocks: list[Block]

    @property
    def words(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked occurrence: its term and where it is (string indices, end exclusive)."""

    slug: str
    article: str
    block: int
    start: int
    end: int


# Reading a corpus ----------------------------------------------------------------------------


def read_corpus(folder: Path) -> list[Article]:
    """Every article of a corpus: `*.txt` files at its top, `*.md` pages in its subfolders."""
    articles = [
        Article(path.name, text_blocks(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.txt"))
    ]
    for path in sorted(folder.rglob("*.md")):
        if path.parent != folder:  # notes at the top (README.md, SOURCE.md) are no articles
            name = path.relative_to(folder).as_posix()
            articles.append(Article(name, markdown_blocks(path.read_text(encoding="utf-8"))))
    return articles


def text_blocks(text: str) -> list[Block]:
    """A plain-text article: one block per non-empty line."""
    return [Block(line) for line in text.splitlines() if line.strip()]


_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_blocks(source: str) -> list[Block]:
    """A markdown page's blocks as the extension reads them from the rendered page."""
    reader = _BlockReader()
    source = _without_components(_without_maths(_expand_roles(source)))
    reader.feed(_MARKDOWN.render(source))
    reader.close()
    return reader.blocks


# d2l (Sphinx-style) roles: `:cite:` and `:numref:` are shown, labels and sizes are not.
_ROLE = re.compile(r":(cite|citet|numref|ref|eqref|label|eqlabel|width|height):`([^`]*)`")
_REFERENCE_KINDS = {
    "fig": "Fig.",
    "img": "Fig.",
    "tab": "Table",
    "table": "Table",
    "chap": "Chapter",
}


def _expand_roles(source: str) -> str:
    """Replace d2l's roles with what its site shows (without the numbers, which it makes)."""

    def shown(match: re.Match[str]) -> str:
        role, target = match.groups()
        if role in ("cite", "citet"):
            cited = [_citation(key) for key in target.split(",") if key.strip()]
            if role == "cite":
                return (
                    "(" + "; ".join(f"{names}, {year}".strip(", ") for names, year in cited) + ")"
                )
            return "; ".join(f"{names} ({year})".replace(" ()", "") for names, year in cited)
        if role in ("numref", "ref"):
            return _REFERENCE_KINDS.get(re.split(r"[_-]", target)[0], "Section")
        if role == "eqref":
            return CUT  # an equation's number, "(3.1.4)"
        return ""  # labels and sizes are not shown

    return _ROLE.sub(shown, source)


def _citation(key: str) -> tuple[str, str]:
    """Authors and year of a d2l citation key: "Ren.He.Girshick.ea.2015", "brown2020language",
    "salinas-automl22", "Vapnik95"."""
    parts = key.strip().split(".")
    if len(parts) > 1 and parts[-1].isdigit():
        names, year = parts[:-1], parts[-1]
        if len(names) == 1:
            return names[0], year
        if len(names) == 2 and names[1] != "ea":
            return f"{names[0]} and {names[1]}", year
        return f"{names[0]} et al.", year
    name = re.match(r"[A-Za-z][a-z]*", key.strip())
    digits = re.search(r"\d+", key)
    year = "" if digits is None else digits[0][:4]
    if len(year) == 2:
        year = ("19" if year > "30" else "20") + year
    return (name[0].capitalize() if name else key) + " et al.", year


# Inline code is kept as it is (the renderer needs it), escaped dollars too; maths, inline or
# display, is cut. Inline maths follows pandoc's rule, so "$5 and $10" is no maths.
_MATHS = re.compile(
    r"(?P<code>(`+).*?\2)|\\\$|\$\$(?P<display>.+?)\$\$"
    r"|\$(?=\S)(?P<inline>(?:[^$\\]|\\.)+?)(?<=\S)\$(?!\d)",
    re.DOTALL,
)


def _without_maths(source: str) -> str:
    def cut(match: re.Match[str]) -> str:
        if match["code"] is not None or match[0] == "\\$":
            return match[0]
        if "\n\n" in (match["display"] or match["inline"] or ""):
            return match[0]  # no maths runs across paragraphs: stray dollars
        return CUT

    return _MATHS.sub(cut, source)


# MDX components (Hugging Face's pages) and GitHub's alert markers: the page shows no text for
# the tags, only what they hold.
_COMPONENT = re.compile(r"</?[A-Z][\w.]*(?:\s[^<>]*)?/?>|^\s*>?\s*\[![A-Z]+\]\s*$", re.MULTILINE)


def _without_components(source: str) -> str:
    return _COMPONENT.sub("", source)


# What extension/content/blocks.js does not read, headings included (marking them is off by
# default), and the elements a browser lays out as blocks.
_SKIPPED = _words(
    "input textarea select option button script style noscript template code pre kbd samp"
    " canvas iframe object embed video audio math svg h1 h2 h3 h4 h5 h6"
)
_BLOCKS = _words(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre"
    " section summary table tbody td tfoot th thead tr ul"
)
_VOID = _words("area base br col embed hr img input link meta source track wbr")


class _BlockReader(HTMLParser):
    """The text of rendered HTML, block by block, as extension/content/blocks.js reads it: a
    block or a line break ends a run; text inside skipped elements is left out (a cut)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: list[str] = []
        self._skipping = 0  # how many skipped elements are open
        self._run: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag == "br":
            self._end_run()
        if tag in _VOID:
            return
        if tag in _SKIPPED:
            if not self._skipping:
                self._run.append(CUT)
            self._skipping += 1
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return  # a stray end tag
        while self._open:
            closed = self._open.pop()
            if closed in _SKIPPED:
                self._skipping -= 1
            if closed == tag:
                break
        if tag in _BLOCKS:
            self._end_run()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._run.append(data)

    def close(self) -> None:
        super().close()
        self._end_run()

    def _end_run(self) -> None:
        block = _settle("".join(self._run))
        if block.text:
            self.blocks.append(block)
        self._run = []


def _settle(raw: str) -> Block:
    """A run's text with white space collapsed as a browser shows it, and its cuts."""
    text = ""
    cuts: list[int] = []
    for index, piece in enumerate(raw.split(CUT)):
        if index:
            cuts.append(len(text))
        words = " ".join(piece.split())
        if text and not text.endswith(" ") and piece[:1].isspace():
            text += " "
        text += words
        if words and piece[-1].isspace():
            text += " "
    return Block(text.strip(), tuple(cuts))


def is_english(article: Article) -> bool:
    """Whether an article is in English: its letters are mostly Latin and English function
    words outnumber those of the other languages AI writing is often translated into."""
    letters = [char for block in article.blocks for char in block.text if char.isalpha()]
    if sum(char < "\u0250" for char in letters) < len(letters) / 2:
        return False  # Japanese, Korean, Chinese, Russian...
    words = [word.lower() for block in article.blocks for word in _TOKEN.findall(block.text)]
    english = sum(word in STOP_WORDS for word in words)
    return english >= sum(word in OTHER_FUNCTION_WORDS for word in words)


# Annotating ----------------------------------------------------------------------------------


def annotate(annotator: Annotator, article: Article) -> list[Mark]:
    """Every mark in an article, annotated as the extension sends it: requests of at most
    MAX_BLOCKS segments, the page's "about AI" context carried from one to the next."""
    marks: list[Mark] = []
    page_is_ai = False
    for first in range(0, len(article.blocks), MAX_BLOCKS):
        blocks = [block.text for block in article.blocks[first : first + MAX_BLOCKS]]
        reply = annotator.annotate(blocks, Options(page_is_ai=page_is_ai))
        page_is_ai = page_is_ai or bool(reply["context"]["page_is_ai"])
        for match in reply["matches"]:
            index = first + match["segment"]
            position = _string_index(article.blocks[index].text)
            marks.append(
                Mark(
                    match["term"],
                    article.name,
                    index,
                    position(match["start"]),
                    position(match["end"]),
                )
            )
    return marks


def _string_index(text: str) -> _Position:
    """Turns the API's UTF-16 offsets into string indices of `text`."""
    if all(ord(char) < 0x10000 for char in text):
        return _Position(None)
    units = [index for index, char in enumerate(text) for _ in range(1 + (ord(char) > 0xFFFF))]
    return _Position([*units, len(text)])


@dataclass(frozen=True, slots=True)
class _Position:
    units: list[int] | None  # string index of each UTF-16 unit, or None when they are equal

    def __call__(self, offset: int) -> int:
        return offset if self.units is None else self.units[offset]


# Unmarked candidates -------------------------------------------------------------------------


# Plurals the rules below get wrong, frequent in technical writing.
_IRREGULAR = {
    "matrices": "matrix",
    "indices": "index",
    "vertices": "vertex",
    "analyses": "analysis",
    "hypotheses": "hypothesis",
    "criteria": "criterion",
    "cpus": "cpu",
    "gpus": "gpu",
    "tpus": "tpu",
    "phenomena": "phenomenon",
}


def singular(word: str) -> str:
    """A rough singular of an English word, to fold "encoders" into "encoder"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key_of(phrase: str) -> str:
    """The key n-grams, entry forms and not_marked entries are compared by: lower case,
    hyphens as spaces, possessives dropped, the last word singular."""
    words = [_POSSESSIVE.sub("", word) for word in re.split(r"[\s\-‐‑–]+", phrase.lower())]
    words = [word for word in words if word]
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words)


def ngrams(block: Block, marked: Iterable[tuple[int, int]]) -> Iterator[str]:
    """The 1- to 3-word n-grams of a block (as written) that overlap no mark and run across
    no punctuation, cut, number, one-letter word or cited author's name."""
    spans = sorted(marked)
    run: list[str] = []
    previous_end = 0
    for token in _TOKEN.finditer(block.text):
        word, start, end = token[0], token.start(), token.end()
        if block.text[previous_end:start].strip() or _crosses(block.cuts, previous_end, start):
            yield from _grams(run)
            run = []
        previous_end = end
        if (
            _overlaps(spans, start, end)
            or not _LETTER.search(word)
            or len(word) == 1
            or _CITED.match(block.text, end)
        ):
            yield from _grams(run)
            run = []
        else:
            run.append(word)
    yield from _grams(run)


def _crosses(cuts: tuple[int, ...], start: int, end: int) -> bool:
    """Whether a cut lies in [start, end]."""
    return any(start <= position <= end for position in cuts)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def _grams(run: list[str]) -> Iterator[str]:
    """The n-grams of a run of words with no stop word in them, but an inner "of" ("mixture
    of experts")."""
    stops = [word.lower() in STOP_WORDS for word in run]
    for size in (1, 2, 3):
        for first in range(len(run) - size + 1):
            last = first + size - 1
            if stops[first] or stops[last]:
                continue
            if size == 3 and stops[first + 1] and run[first + 1].lower() != "of":
                continue
            yield " ".join(run[first : last + 1])


@dataclass(slots=True)
class Tally:
    """Unmarked n-grams of a corpus by key: counts, articles, and how each was written."""

    counts: Counter[str] = field(default_factory=Counter)
    articles: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    written: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, article: str, phrase: str) -> None:
        key = key_of(phrase)
        self.counts[key] += 1
        self.articles[key].add(article)
        self.written[key][phrase.lower()] += 1

    def shown(self, key: str) -> str:
        """The n-gram as it is most often written."""
        return self.written[key].most_common(1)[0][0]


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str
    shown: str
    count: int
    articles: int
    lift: float  # Zipf in the corpus minus Zipf in everyday English


def candidates(tally: Tally, words: int) -> list[Candidate]:
    """Frequent unmarked n-grams used in the corpus far more than in everyday English, most
    frequent first, without those held mostly inside a longer candidate."""
    found: list[Candidate] = []
    for key, count in tally.counts.items():
        if count < MIN_COUNT or len(tally.articles[key]) < MIN_ARTICLES:
            continue
        shown = tally.shown(key)
        size = min(len(shown.split()), 3)
        lift = math.log10(count * 1e9 / words) - zipf_frequency(shown, "en")
        if lift >= MIN_LIFT[size]:
            found.append(Candidate(key, shown, count, len(tally.articles[key]), lift))
    holders: dict[str, int] = {}
    for candidate in found:
        for inner in inner_keys(candidate.key):
            holders[inner] = max(holders.get(inner, 0), candidate.count)
    kept = [c for c in found if holders.get(c.key, 0) < HELD_SHARE * c.count]
    return sorted(kept, key=lambda c: (-c.count, c.key))


def inner_keys(key: str) -> Iterator[str]:
    """The keys of the shorter n-grams inside an n-gram's key ("hidden" and "state" in
    "hidden state")."""
    words = key.split()
    for size in range(1, len(words)):
        for first in range(len(words) - size + 1):
            yield key_of(" ".join(words[first : first + size]))


@dataclass(slots=True)
class Sorted:
    """A corpus's unmarked candidates, sorted out."""

    gaps: list[tuple[Candidate, list[Candidate]]] = field(default_factory=list)  # and folded
    listed: list[Candidate] = field(default_factory=list)  # in not_marked
    everyday: list[Candidate] = field(default_factory=list)  # entry forms judged everyday
    never: list[Candidate] = field(default_factory=list)  # forms of entries never marked
    around: list[Candidate] = field(default_factory=list)  # phrases holding an entry's form


def sort_out(
    found: list[Candidate], entries: dict[str, bool], not_marked: dict[str, str]
) -> Sorted:
    """Split candidates into forms of entries, phrases around them, those listed in
    not_marked, and the gaps; a phrase holding a more frequent gap is folded into it
    ("reasoning steps" into "reasoning")."""
    result = Sorted()
    hosts: dict[str, int] = {}  # gap key -> its place in result.gaps
    for candidate in found:
        if candidate.key in entries:
            (result.everyday if entries[candidate.key] else result.never).append(candidate)
        elif candidate.key in not_marked:
            result.listed.append(candidate)
        elif any(inner in entries for inner in inner_keys(candidate.key)):
            result.around.append(candidate)
        else:
            host = next((hosts[k] for k in inner_keys(candidate.key) if k in hosts), None)
            if host is None:
                hosts[candidate.key] = len(result.gaps)
                result.gaps.append((candidate, []))
            else:
                result.gaps[host][1].append(candidate)
    return result


def entry_keys(dictionary: Dictionary) -> dict[str, bool]:
    """The keys of every form of every entry (generated plurals included), each with whether
    its entry is marked at all (an entry with `marked = false` has a page but no marks)."""
    keys: dict[str, bool] = {}
    for term in dictionary.terms.values():
        for surface in surface_forms(term):
            key = key_of(surface.form)
            keys[key] = keys.get(key, False) or term.marked
    return keys


def read_not_marked(path: Path) -> dict[str, str]:
    """not_marked.toml: one table per word or phrase that is deliberately no entry, with its
    reason. By key, so "Encoders" is left out with "encoder"."""
    if not path.exists():
        return {}
    with path.open("rb") as file:
        tables = tomllib.load(file)
    listed: dict[str, str] = {}
    for phrase, table in tables.items():
        reason = table.get("reason", "") if isinstance(table, dict) else ""
        if not isinstance(reason, str) or not reason.strip():
            raise SystemExit(f"coverage: {path}: [{phrase!r}] has no reason")
        listed[key_of(phrase)] = reason
    return listed


# The report ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    top: int
    sample: int
    seed: int
    all_languages: bool


def report(
    corpus: Path,
    annotator: Annotator,
    not_marked: dict[str, str],
    settings: Settings,
) -> None:
    """Print one corpus's figures, unmarked candidates and sample of marks."""
    articles = read_corpus(corpus)
    print(f"## {_shown_path(corpus)}\n")
    if not articles:
        print("no articles (*.txt, or *.md in subfolders)\n")
        return
    english = [settings.all_languages or is_english(article) for article in articles]
    left_out = [article for article, kept in zip(articles, english, strict=True) if not kept]
    articles = [article for article, kept in zip(articles, english, strict=True) if kept]
    words = sum(article.words for article in articles)
    blocks = sum(len(article.blocks) for article in articles)
    marks: list[Mark] = []
    tally = Tally()
    for article in articles:
        article_marks = annotate(annotator, article)
        marks.extend(article_marks)
        spans: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
        for mark in article_marks:
            spans[mark.block].append((mark.start, mark.end))
        for index, block in enumerate(article.blocks):
            for phrase in ngrams(block, spans[index]):
                tally.add(article.name, phrase)
    terms = Counter(mark.slug for mark in marks)

    print(f"articles: {len(articles)}, blocks: {blocks:,}, words: {words:,}")
    if left_out:
        words_left = sum(article.words for article in left_out)
        print(f"left out, not in English: {len(left_out)} pages, {words_left:,} words")
    print(f"marks: {len(marks):,}, {1000 * len(marks) / words:.1f} per 1,000 words")
    print(f"distinct terms marked: {len(terms)} of {len(annotator.dictionary.terms)}")
    print("most marked: " + ", ".join(f"{slug} {n}" for slug, n in terms.most_common(15)))

    found = candidates(tally, words)
    parts = sort_out(found, entry_keys(annotator.dictionary), not_marked)
    print(
        f"\nunmarked candidates: {len(found):,}; left out: {len(parts.listed)} listed in"
        f" not_marked ({sum(c.count for c in parts.listed):,} occurrences),"
        f" {len(parts.everyday) + len(parts.never)} forms of entries and {len(parts.around)}"
        " phrases holding one"
    )
    print("  forms of entries never marked (marked = false): " + _listing(parts.never))
    print(
        "  forms of entries most often left unmarked (judged everyday, or case): "
        + _listing(parts.everyday[:20])
    )
    print(
        f"\nthe {settings.top} most frequent unmarked candidates, of {len(parts.gaps)} (count,"
        " articles, lift), with the phrases folded into each:"
    )
    for rank, (candidate, folded) in enumerate(parts.gaps[: settings.top], 1):
        more = f"  + {_listing(folded[:3])}" if folded else ""
        print(
            f"{rank:3}. {candidate.shown:<30} {candidate.count:5} {candidate.articles:4}"
            f"  {candidate.lift:3.1f}{more}"
        )

    print(f"\nsample of {settings.sample} marks (seed {settings.seed}):")
    by_name = {article.name: article for article in articles}
    chosen = random.Random(settings.seed).sample(marks, min(settings.sample, len(marks)))
    for mark in chosen:
        text = by_name[mark.article].blocks[mark.block].text
        context = (
            text[max(0, mark.start - 80) : mark.start]
            + f"[{text[mark.start : mark.end]}]"
            + text[mark.end : mark.end + 80]
        )
        print(f"- {mark.slug} ({mark.article}): ...{' '.join(context.split())}...")
    print()


def _shown_path(path: Path) -> str:
    """A path as seen from the project's folder, where the command runs."""
    return os.path.relpath(path.resolve(), ROOT)


def _listing(found: list[Candidate]) -> str:
    return ", ".join(f"{c.shown} {c.count}" for c in found) or "none"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus folder (repeatable)")
    parser.add_argument("--dictionary", type=Path, default=BUNDLED)
    parser.add_argument("--top", type=int, default=50, help="unmarked candidates shown")
    parser.add_argument("--sample", type=int, default=30, help="marks shown to check by hand")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--not-marked", type=Path, default=NOT_MARKED)
    parser.add_argument(
        "--all-languages", action="store_true", help="read pages not in English too"
    )
    args = parser.parse_args()
    corpora: list[Path] = args.corpus or CORPORA
    missing = [corpus for corpus in corpora if not corpus.is_dir()]
    if missing:
        print(f"coverage: no such folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    dictionary = load_dictionary(args.dictionary)
    annotator = Annotator(dictionary)
    not_marked = read_not_marked(args.not_marked)
    stale = sorted(set(not_marked).intersection(entry_keys(dictionary)))
    print(
        f"glossary: {_shown_path(args.dictionary)}, {len(dictionary.terms)} terms"
        f" (version {dictionary.version})"
    )
    print(
        f"not marked on purpose: {len(not_marked)} words and phrases"
        f" ({_shown_path(args.not_marked)})"
    )
    if stale:
        print(f"  of which now entries (take them off the list): {', '.join(stale)}")
    print()
    settings = Settings(args.top, args.sample, args.seed, args.all_languages)
    for corpus in corpora:
        report(corpus, annotator, not_marked, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
