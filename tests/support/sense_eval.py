"""The marking evaluation: labelled pages and sentences, read and scored.

Fixtures live in tests/fixtures/sense/<part>/ (see its README.md files), each part written
by one labeller: `other/` pages about other things (some with one AI sentence), `ai/`
excerpts of AI writing, `sentences.txt`, one AI sentence per line, and `recurring/` pages
about other things that come back to AI three to five times, in separate paragraphs. A half
is every part whose name starts with it: `frozen`, `frozen2` (held out from tuning) and
`tune`, `tune2` (tuned on).
A page is a `title:` line (and for AI pages a `source:` line), a blank line, then blocks
separated by blank lines; each block is one segment, as the extension sends a page's blocks.
Labels are inline: `[[text]]` or `[[text|slug]]` wraps every occurrence that should be
marked. Whoever labelled saw the text and the glossary, never the matcher's output.

Scores count every occurrence (`first_only` off). A mark is right when it overlaps a label.
Recall counts the labels that the glossary can reach at all (some form of some term is
found there before any judgement), so it measures the judgement, not coverage; the others
are counted apart (`Score.gaps`), and `Score.recall_of_all` counts every label.

The glossary grew after some parts were labelled; a labeller could not label a term that did
not exist yet. `known/` lists, for each part, the terms its labeller had (the glossary of the
day and the terms announced as planned). On AI pages and sentences an unlabelled mark of a
term the labeller did not have is counted apart (`unjudged`), not as wrong; on pages about
other things every mark outside a labelled AI sentence is wrong, whatever its term.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ai_glossary.service.annotate import Annotator, Options

SETS = ("other", "ai", "sentences", "recurring")
_LABEL = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]*))?\]\]")
_WORD = re.compile(r"\w+")


def units(text: str) -> int:
    """Length in UTF-16 code units, the API's offsets."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class Label:
    block: int
    start: int  # UTF-16 units
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    blocks: tuple[str, ...]
    labels: tuple[Label, ...]
    known: frozenset[str] | None = None  # the terms the labeller had; None: all

    @property
    def words(self) -> int:
        return sum(len(_WORD.findall(block)) for block in self.blocks)


def unlabel(block: str, index: int) -> tuple[str, list[Label]]:
    """A block's plain text and its labels."""
    pieces: list[str] = []
    labels: list[Label] = []
    last = 0
    for found in _LABEL.finditer(block):
        pieces.append(block[last : found.start()])
        start = units("".join(pieces))
        pieces.append(found[1])
        labels.append(Label(index, start, start + units(found[1]), found[1]))
        last = found.end()
    pieces.append(block[last:])
    return "".join(pieces), labels


def read_page(path: Path) -> Page:
    lines = path.read_text(encoding="utf-8").split("\n")
    body = "\n".join(line for line in lines if not re.match(r"^(title|source):", line))
    raw_blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", body) if b.strip()]
    blocks: list[str] = []
    labels: list[Label] = []
    for index, raw in enumerate(raw_blocks):
        text, found = unlabel(raw, index)
        blocks.append(text)
        labels += found
    return Page(path.stem, tuple(blocks), tuple(labels))


def read_sentences(path: Path) -> list[Page]:
    pages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            text, labels = unlabel(line.strip(), 0)
            pages.append(Page(f"sentence {number}", (text,), tuple(labels)))
    return pages


def parts(root: Path, half: str) -> list[Path]:
    """The folders of one half: `frozen`, `frozen2`, ..."""
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name.rstrip("0123456789") == half)


# Which glossary each part was labelled against (files in known/).
KNOWN = {"frozen": "first-parts", "tune": "first-parts", "frozen2": "second-parts"}
KNOWN |= {"tune2": "second-parts", "frozen3": "third-parts", "tune3": "third-parts"}
KNOWN |= {"tune4": "third-parts", "tune5": "third-parts", "tune6": "third-parts"}
KNOWN |= {"frozen4": "third-parts", "tune7": "third-parts", "tune8": "third-parts"}
KNOWN |= {"frozen5": "third-parts", "tune9": "third-parts"}
KNOWN |= {"tune10": "third-parts", "tune11": "third-parts"}
KNOWN |= {"tune12": "third-parts", "tune13": "third-parts"}
KNOWN |= {"tune14": "third-parts", "tune15": "third-parts"}
KNOWN |= {"tune16": "third-parts", "tune17": "third-parts"}
KNOWN |= {"tune18": "third-parts", "tune19": "third-parts", "tune20": "third-parts"}
KNOWN |= {"frozen6": "third-parts", "tune21": "third-parts", "tune22": "third-parts"}
KNOWN |= {"frozen7": "third-parts", "frozen8": "third-parts"}
KNOWN |= {"tune23": "third-parts", "tune24": "third-parts", "frozen9": "third-parts"}
KNOWN |= {"tune25": "third-parts", "tune26": "third-parts", "frozen10": "third-parts"}
KNOWN |= {"tune27": "third-parts", "tune28": "third-parts", "frozen11": "third-parts"}
KNOWN |= {"tune29": "third-parts", "tune30": "third-parts", "frozen12": "third-parts"}
KNOWN |= {"tune31": "third-parts", "tune32": "third-parts", "frozen13": "third-parts"}
KNOWN |= {"tune33": "third-parts", "tune34": "third-parts", "frozen14": "third-parts"}
KNOWN |= {"tune35": "fourth-parts", "tune36": "fourth-parts", "frozen15": "fourth-parts"}
KNOWN |= {"tune37": "fourth-parts", "tune38": "fourth-parts", "frozen16": "fourth-parts"}
KNOWN |= {"tune39": "fourth-parts", "tune40": "fourth-parts", "frozen17": "fourth-parts"}
KNOWN |= {"tune41": "fourth-parts", "tune42": "fourth-parts", "frozen18": "fourth-parts"}
KNOWN |= {"frozen19": "fourth-parts", "frozen20": "fourth-parts"}
KNOWN |= {"tune43": "fourth-parts", "tune44": "fourth-parts", "frozen21": "fourth-parts"}
KNOWN |= {"frozen22": "fourth-parts", "frozen23": "fourth-parts"}
KNOWN |= {"tune45": "fourth-parts", "tune46": "fourth-parts", "frozen24": "fourth-parts"}
KNOWN |= {"tune47": "fifth-parts", "tune48": "fifth-parts", "frozen25": "fifth-parts"}
KNOWN |= {"tune49": "fifth-parts", "tune50": "fifth-parts", "frozen26": "fifth-parts"}
KNOWN |= {"frozen27": "fifth-parts", "frozen28": "fifth-parts"}
KNOWN |= {"tune51": "fifth-parts", "tune52": "fifth-parts", "tune53": "fifth-parts"}
KNOWN |= {"frozen30": "fifth-parts", "tune54": "fifth-parts", "tune55": "fifth-parts"}
KNOWN |= {"frozen31": "fifth-parts", "frozen32": "fifth-parts"}
KNOWN |= {"tune56": "fifth-parts", "tune57": "fifth-parts"}
KNOWN |= {"frozen33": "fifth-parts", "frozen34": "fifth-parts"}
KNOWN |= dict.fromkeys(("frozen35", "frozen36", "tune58", "tune59"), "fifth-parts")
KNOWN |= dict.fromkeys(("frozen37", "frozen38", "tune60", "tune61"), "fifth-parts")
KNOWN |= dict.fromkeys(("frozen39", "frozen40", "tune62", "tune63"), "sixth-parts")
# Every part since the glossary's seventh state (frozen41 and tune64) up to the newest round
# was labelled against it: raise the two bounds as rounds come in, and start a new file in
# known/ when the glossary grows.
SEVENTH_PARTS = (range(41, 193), range(64, 240))  # frozen, tune
KNOWN |= {f"frozen{n}": "seventh-parts" for n in SEVENTH_PARTS[0]}
KNOWN |= {f"tune{n}": "seventh-parts" for n in SEVENTH_PARTS[1]}


def known_terms(folder: Path) -> frozenset[str] | None:
    listed = KNOWN.get(folder.name)
    if listed is None:
        return None
    return frozenset((folder.parent / "known" / f"{listed}.txt").read_text().split())


def read_set(folder: Path, name: str) -> list[Page]:
    if name == "sentences":
        # A part may hold some sets only (tune4: pages about other things).
        listed = folder / "sentences.txt"
        pages = read_sentences(listed) if listed.exists() else []
    else:
        pages = [read_page(path) for path in sorted((folder / name).glob("*.txt"))]
    known = None if name in ("other", "recurring") else known_terms(folder)
    return [Page(p.name, p.blocks, p.labels, known) for p in pages]


def read_half(root: Path, half: str, name: str) -> list[Page]:
    return [page for folder in parts(root, half) for page in read_set(folder, name)]


def verify(folder: Path) -> list[str]:
    """Files whose SHA-256 differs from the half's SHA256SUMS (a frozen half stays frozen)."""
    changed = []
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
            changed.append(name)
    return changed


@dataclass(frozen=True, slots=True)
class Mark:
    page: str
    block: int
    start: int
    end: int
    slug: str
    ambiguous: bool  # an ambiguous form or a colliding acronym
    text: str


@dataclass
class Score:
    """Counts for one set of one half, and every error, for the report."""

    words: int = 0
    marks: int = 0
    right: int = 0
    labels: int = 0  # labels the glossary can reach
    found: int = 0
    # Labels no form of the glossary reaches (a reader sees no mark there either): gaps in
    # the glossary's coverage, not the judgement's, kept apart from `recall`.
    gaps: list[Mark] = field(default_factory=list)
    ambiguous_marks: int = 0
    ambiguous_right: int = 0
    ambiguous_labels: int = 0
    ambiguous_found: int = 0
    # On pages about other things, marks outside the AI sentence's block and its neighbours.
    far_marks: int = 0
    unjudged: int = 0  # unlabelled marks of terms the labeller did not have
    wrong: list[Mark] = field(default_factory=list)
    missed: list[Mark] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.marks if self.marks else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def recall_of_all(self) -> float:
        """Recall over every label, those the glossary cannot reach included."""
        every = self.labels + len(self.gaps)
        return self.found / every if every else 1.0

    @property
    def ambiguous_precision(self) -> float:
        return self.ambiguous_right / self.ambiguous_marks if self.ambiguous_marks else 1.0

    @property
    def ambiguous_recall(self) -> float:
        return self.ambiguous_found / self.ambiguous_labels if self.ambiguous_labels else 1.0

    @property
    def false_per_1000_words(self) -> float:
        return 1000 * (self.marks - self.right) / self.words if self.words else 0.0


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _marks_of(page: Page, annotator: Annotator, judged: bool) -> list[Mark]:
    blocks = list(page.blocks)
    if judged:
        reply = annotator.annotate(blocks, Options())
        found = [(m["segment"], m["start"], m["end"], m["term"]) for m in reply["matches"]]
        ambiguous = {(b, s): True for b, s, _, _, amb in _candidates(annotator, blocks) if amb}
    else:
        candidates = _candidates(annotator, blocks)
        found = [(b, s, e, slug) for b, s, e, slug, _ in candidates]
        ambiguous = {(b, s): True for b, s, _, _, amb in candidates if amb}
    marks = []
    for block, start, end, slug in found:
        text = blocks[block].encode("utf-16-le")[start * 2 : end * 2].decode("utf-16-le")
        amb = ambiguous.get((block, start), False)
        marks.append(Mark(page.name, block, start, end, slug, amb, text))
    return marks


def _candidates(annotator: Annotator, blocks: list[str]) -> list[tuple[int, int, int, str, bool]]:
    """Every form the annotator finds (`Annotator.found`), before any judgement of sense."""
    return [
        (index, start, end, slug, ambiguous)
        for index, found in enumerate(annotator.found(blocks))
        for start, end, slug, ambiguous in found
    ]


def score(pages: Iterable[Page], annotator: Annotator) -> Score:
    result = Score()
    for page in pages:
        result.words += page.words
        marks = _marks_of(page, annotator, judged=True)
        reachable = _marks_of(page, annotator, judged=False)
        label_blocks = {label.block for label in page.labels}
        for mark in marks:
            hit = any(
                label.block == mark.block
                and _overlaps(label.start, label.end, mark.start, mark.end)
                for label in page.labels
            )
            if not hit and page.known is not None and mark.slug not in page.known:
                result.unjudged += 1
                continue
            result.marks += 1
            result.right += hit
            result.ambiguous_marks += mark.ambiguous
            result.ambiguous_right += hit and mark.ambiguous
            if not hit:
                result.wrong.append(mark)
                if label_blocks and all(abs(mark.block - b) > 1 for b in label_blocks):
                    result.far_marks += 1
        for label in page.labels:
            candidates = [
                m
                for m in reachable
                if m.block == label.block and _overlaps(label.start, label.end, m.start, m.end)
            ]
            if not candidates:  # the glossary has no form here: a coverage gap, not a judgement
                gap = Mark(page.name, label.block, label.start, label.end, "", False, label.text)
                result.gaps.append(gap)
                continue
            ambiguous = any(m.ambiguous for m in candidates)
            hit = any(
                m.block == label.block and _overlaps(label.start, label.end, m.start, m.end)
                for m in marks
            )
            result.labels += 1
            result.found += hit
            result.ambiguous_labels += ambiguous
            result.ambiguous_found += hit and ambiguous
            if not hit:
                result.missed.append(candidates[0])
    return result
