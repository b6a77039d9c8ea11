"""Shaping text for the matcher: one mapping for a page's text and for the forms.

The shape keeps the text's length in code points. Letters, digits and marks of every script
are word characters and are lower-cased; "+", "#" and "_" stay ("C++", "C#"); a dot stays
only between two letters or digits ("GPT-4.1", "DAIR.AI"); every other character (white
space, hyphens and dashes, apostrophes, punctuation) becomes a space, the one boundary.

`prepare` also collapses runs of white space, so "large  language\\nmodel" is one term.
It works on bytes where it can: non-ASCII characters become "?" so one `bytes.translate`
maps the ASCII majority, and the rare non-ASCII word character is patched back in.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache

BOUNDARY = " "
_KEPT = "+#_."  # besides letters, digits and marks; dots are settled afterwards
_SPACE = "\x01"  # white space while shaping, told apart from punctuation to find runs
_WHITESPACE_RUN = re.compile(r"\s\s+")
_PATCH_LIMIT = 8  # past 1 in 8 non-ASCII characters, one regex pass is faster than patches


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text made ready for the automaton.

    `padded` is the shape of `text` with one boundary on each side; `text` is the original
    with runs of white space collapsed, and `breaks` maps its offsets back (see `uncollapse`).
    """

    padded: str
    text: str
    breaks: tuple[tuple[int, int], ...]


@cache
def _mark_class() -> str:
    """A regex class body of every combining mark (which `\\w` does not count)."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in ranges)


@cache
def _non_word() -> re.Pattern[str]:
    return re.compile(rf"[^\w{re.escape(_KEPT)}{_mark_class()}]")


@cache
def _ascii_table() -> bytes:
    table = bytearray(BOUNDARY.encode() * 256)
    for byte in range(128):
        char = chr(byte)
        if char.isalnum():
            table[byte] = ord(char.lower())
        elif char in _KEPT:
            table[byte] = byte
        elif char.isspace():
            table[byte] = ord(_SPACE)
    return bytes(table)


@cache
def _shape_of_char(char: str) -> str:
    """The shape of one non-ASCII character: itself lower-cased, white space or a boundary."""
    if char.isalnum() or unicodedata.category(char).startswith("M"):
        lowered = char.lower()
        return lowered if len(lowered) == 1 else lowered[0]
    return _SPACE if char.isspace() else BOUNDARY


def word_shape(text: str) -> str:
    """Non-word characters to boundaries, case kept (for comparing case-sensitive forms)."""
    return _non_word().sub(BOUNDARY, text)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two ("İ"): keep the first so offsets stay put.
    return "".join(char.lower()[0] for char in text)


def normalize(text: str) -> str:
    """The shape of `text`, of exactly its length (white space is not collapsed)."""
    return _shape(text)[0]


def prepare(text: str) -> Prepared:
    shaped, runs = _shape(text)
    if not runs:
        return Prepared(BOUNDARY + shaped + BOUNDARY, text, ())
    collapsed_shape, breaks = _collapse(shaped, runs)
    collapsed_text, _ = _collapse(text, runs)
    return Prepared(BOUNDARY + collapsed_shape + BOUNDARY, collapsed_text, tuple(breaks))


def _shape(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The shape of `text` and the runs of white space in it."""
    if text.isascii():
        shaped = text.encode("ascii").translate(_ascii_table()).decode("ascii")
    else:
        raw = text.encode("ascii", "replace")
        if (raw.count(b"?") - text.count("?")) * _PATCH_LIMIT > len(text):
            shaped = _non_word().sub(BOUNDARY, _lower_same_length(text))
            runs = [run.span() for run in _WHITESPACE_RUN.finditer(text)]
            return settle_dots(shaped), runs
        shaped = _patch_non_ascii(text, raw, raw.translate(_ascii_table()).decode("ascii"))
    runs = _runs(shaped)
    return settle_dots(shaped.replace(_SPACE, BOUNDARY)), runs


def _patch_non_ascii(text: str, raw: bytes, shaped: str) -> str:
    """Put back the shapes of non-ASCII characters, which `raw` holds as "?"."""
    pieces: list[str] = []
    last = 0
    position = raw.find(b"?")
    while position != -1:
        char = text[position]
        if char != "?":
            mapped = _shape_of_char(char)
            if mapped != BOUNDARY:
                pieces += (shaped[last:position], mapped)
                last = position + 1
        position = raw.find(b"?", position + 1)
    if not pieces:
        return shaped
    pieces.append(shaped[last:])
    return "".join(pieces)


def _runs(shaped: str) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more white-space characters."""
    runs = []
    start = shaped.find(_SPACE * 2)
    while start != -1:
        end = start + 2
        while end < len(shaped) and shaped[end] == _SPACE:
            end += 1
        runs.append((start, end))
        start = shaped.find(_SPACE * 2, end)
    return runs


def settle_dots(shaped: str) -> str:
    """Every dot becomes a boundary except one between two letters or digits."""
    if "." not in shaped:
        return shaped
    shaped = shaped.replace(". ", "  ")  # the common case: a sentence's end
    last = len(shaped) - 1
    stray = []
    position = shaped.find(".")
    while position != -1:
        if not (
            0 < position < last
            and shaped[position - 1].isalnum()
            and shaped[position + 1].isalnum()
        ):
            stray.append(position)
        position = shaped.find(".", position + 1)
    if not stray:
        return shaped
    pieces: list[str] = []
    previous = 0
    for position in stray:
        pieces += (shaped[previous:position], BOUNDARY)
        previous = position + 1
    pieces.append(shaped[previous:])
    return "".join(pieces)


def _collapse(text: str, runs: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Each run becomes one space; breaks are (first position after a run, shift)."""
    pieces: list[str] = []
    breaks: list[tuple[int, int]] = []
    removed = 0
    last = 0
    for start, end in runs:
        pieces += (text[last:start], BOUNDARY)
        removed += end - start - 1
        breaks.append((end - removed, removed))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), breaks
