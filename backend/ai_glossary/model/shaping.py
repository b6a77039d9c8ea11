"""Shaping text for the matcher: one mapping for a page's text and for the forms.

The shape keeps the text's length in code points. Letters, digits and marks of every script
are word characters and are lower-cased; "_" stays; a dot stays only between two letters or
digits ("GPT-4.1", "DAIR.AI"); "#" and "+" stay where they end a word's name ("C#", "C++",
"Command R+"), not where they start one or join two ("#AI", "SFT+DPO": see `settle_signs`);
every other character (white space, hyphens and dashes, apostrophes, punctuation) becomes a
space, the one boundary.

`prepare` also collapses runs of white space, so "large  language\\nmodel" is one term.
It works on bytes: non-ASCII characters become "?" so one `bytes.translate` maps the ASCII
majority; then each non-ASCII character gets the byte of its class, and only those that
some key contains are put back as themselves (the others cannot be part of a match).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Container
from functools import cache

BOUNDARY = " "
_KEPT = "+#_."  # besides letters, digits and marks; dots, "+" and "#" are settled afterwards
_SPACE = "\x01"  # white space while shaping, told apart from punctuation to find runs
_SPACE_BYTE = ord(_SPACE)
_SPACE_PAIR = _SPACE.encode() * 2
# Stand-ins for non-ASCII word characters that no key contains: a letter or digit, a mark.
_LETTER, _MARK = 0x02, 0x03
_WHITESPACE_RUN = re.compile(r"\s\s+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_PATCH_LIMIT = 8  # past 1 in 8 non-ASCII characters, one regex pass is faster than patches


# A text made ready for the automaton: (backwards, text, breaks, astral). `backwards` is the
# shape of `text` with one boundary on each side, reversed (the matcher reads it from its end,
# see `ai_glossary.matching.matcher`); `text` is the original with runs of white space
# collapsed, and `breaks` maps its offsets back (see `ai_glossary.matching.offsets.uncollapse`);
# `astral` holds the positions, in the original, of characters two UTF-16 units long.
# A plain tuple, unpacked by name at its one call site: as a NamedTuple it made `find` on
# each of the corpus's text nodes 5 to 9% slower (bench/matcher.py's input, measured A/B).
Prepared = tuple[str, str, tuple[tuple[int, int], ...], list[int]]


@cache
def _mark_ranges() -> tuple[tuple[int, int], ...]:
    """Every combining mark (category M), as ranges of code points."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return tuple(ranges)


@cache
def _mark_class() -> str:
    """A regex class body of every combining mark (which `\\w` does not count)."""
    return "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in _mark_ranges())


@cache
def unicode_tables() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """What a native shaper needs besides CPython's C API: the combining marks as flattened
    (first, last) pairs, and the characters whose `lower()` is longer than one ("İ")."""
    marks = tuple(code for pair in _mark_ranges() for code in pair)
    expanding = tuple(c for c in range(sys.maxunicode + 1) if len(chr(c).lower()) > 1)
    return marks, expanding


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
def _unspace_table() -> bytes:
    """White space, kept apart while runs are found, becomes a plain boundary."""
    return bytes(range(256)).replace(_SPACE.encode(), BOUNDARY.encode())


@cache
def _class_of(char: str) -> tuple[int, str]:
    """The byte of one non-ASCII character's class, and its shape if it is a word character."""
    if char.isalnum():
        return _LETTER, _lowered(char)
    if unicodedata.category(char).startswith("M"):
        return _MARK, _lowered(char)
    return (_SPACE_BYTE, "") if char.isspace() else (ord(BOUNDARY), "")


def _lowered(char: str) -> str:
    # A few characters lower-case to two ("İ"): keep the first so offsets stay put.
    return char.lower()[0]


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
    shaped, _, _ = _shape(text, None)
    return shaped


def prepare(text: str, keep: Container[str] | None = None) -> Prepared:
    """`text` ready for the automaton; `keep` holds the non-ASCII characters of the keys
    (None: all), the others are shaped as stand-ins of their class."""
    shaped, runs, astral = _shape(text, keep)
    if not runs:
        return (BOUNDARY + shaped + BOUNDARY)[::-1], text, (), astral
    collapsed_shape, breaks = _collapse(shaped, runs)
    collapsed_text, _ = _collapse(text, runs)
    backwards = (BOUNDARY + collapsed_shape + BOUNDARY)[::-1]
    return backwards, collapsed_text, tuple(breaks), astral


# The shape of a text, its runs of white space (two characters or more) and the positions of
# its astral characters.
_Shape = tuple[str, list[tuple[int, int]], list[int]]


def _shape(text: str, keep: Container[str] | None) -> _Shape:
    """The shape of `text`, worked out on bytes, with what `prepare` needs besides."""
    if text.isascii():
        spaced: bytes | bytearray = text.encode("ascii").translate(_ascii_table())
        kept: list[tuple[int, str]] = []
        astral: list[int] = []
    else:
        raw = text.encode("ascii", "replace")
        if (raw.count(b"?") - text.count("?")) * _PATCH_LIMIT > len(text):
            return _shape_by_regex(text)
        spaced = bytearray(raw.translate(_ascii_table()))
        kept, astral = _mark_non_ascii(text, raw, spaced, keep)
    runs = _runs(spaced) if _SPACE_PAIR in spaced else []
    shaped = _settle_signs(_settle_dots(spaced.translate(_unspace_table()))).decode("ascii")
    return (_put_back(shaped, kept) if kept else shaped), runs, astral


def _shape_by_regex(text: str) -> _Shape:
    """`_shape` for text that is mostly not ASCII (Chinese, say), in regex passes."""
    shaped = _non_word().sub(BOUNDARY, _lower_same_length(text))
    runs = [run.span() for run in _WHITESPACE_RUN.finditer(text)]
    astral = [found.start() for found in _ASTRAL.finditer(text)]
    return settle_signs(settle_dots(shaped)), runs, astral


def _mark_non_ascii(
    text: str, raw: bytes, spaced: bytearray, keep: Container[str] | None
) -> tuple[list[tuple[int, str]], list[int]]:
    """Give each non-ASCII character (a "?" in `raw`) the byte of its class in `spaced`;
    return the positions and shapes of the word characters to put back as themselves,
    and the positions of astral characters."""
    kept = []
    astral = []
    position = raw.find(b"?")
    while position != -1:
        char = text[position]
        if char != "?":
            byte, shape = _class_of(char)
            spaced[position] = byte
            if shape and (keep is None or shape in keep):
                kept.append((position, shape))
            if char > "\uffff":
                astral.append(position)
        position = raw.find(b"?", position + 1)
    return kept, astral


def _put_back(shaped: str, kept: list[tuple[int, str]]) -> str:
    pieces: list[str] = []
    last = 0
    for position, shape in kept:
        pieces += (shaped[last:position], shape)
        last = position + 1
    pieces.append(shaped[last:])
    return "".join(pieces)


def _runs(spaced: bytes | bytearray) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more white-space characters."""
    runs = []
    start = spaced.find(_SPACE_PAIR)
    while start != -1:
        end = start + 2
        while end < len(spaced) and spaced[end] == _SPACE_BYTE:
            end += 1
        runs.append((start, end))
        start = spaced.find(_SPACE_PAIR, end)
    return runs


def _settle_dots(shaped: bytes | bytearray) -> bytes | bytearray:
    """`settle_dots` on the working bytes, where `_LETTER` stands for a letter or digit."""
    return _stray_dot().sub(b" ", shaped) if b"." in shaped else shaped


@cache
def _stray_dot() -> re.Pattern[bytes]:
    """A dot without a letter or digit on one side (it starts with a literal: a quick scan)."""
    alnum = b"[a-z0-9" + re.escape(bytes([_LETTER])) + b"]"
    return re.compile(rb"\.(?:(?<!" + alnum + rb"\.)|(?!" + alnum + b"))")


def _settle_signs(shaped: bytes | bytearray) -> bytes | bytearray:
    """`settle_signs` on the working bytes, where `_LETTER` stands for a letter or digit."""
    if b"#" not in shaped and b"+" not in shaped:
        return shaped
    return _stray_sign_bytes().sub(b" ", shaped)


@cache
def _stray_sign_bytes() -> re.Pattern[bytes]:
    letter = b"a-z" + re.escape(bytes([_LETTER]))  # a non-ASCII digit counts as a letter here
    alnum = b"[0-9" + letter + b"]"
    return re.compile(
        rb"(?<!" + alnum + rb")#|(?<!\+)(?<!" + alnum + rb")\+|\+(?=[" + letter + rb"])"
    )


# A "#" after no letter or digit (a hashtag's sign: "#AI"), a "+" after no letter, digit or
# "+" ("+1"), and a "+" before a letter ("SFT+DPO", "RAG+LLM"; a non-ASCII digit counts as a
# letter, so every shaper can ask the same question). Lookbehinds see the text unsettled.
_STRAY_SIGN = re.compile(r"(?<![^\W_])#|(?<!\+)(?<![^\W_])\+|\+(?=[^\W_0-9])")


def settle_signs(shaped: str) -> str:
    """A "#" stays only right after a letter or digit ("C#", not "#AI"); a "+" only right
    after a letter, a digit or another "+", and not before a letter ("C++", "C++17",
    "Command R+"; "SFT+DPO" is two words)."""
    if "#" not in shaped and "+" not in shaped:
        return shaped
    return _STRAY_SIGN.sub(BOUNDARY, shaped)


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
