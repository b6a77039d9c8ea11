"""Surface forms: how a form and a page's text are normalized so that they can meet.

Both sides go through the same mapping, which keeps the text's length in code points:
letters, digits and marks of every script are word characters and are lower-cased; "+", "#"
and "_" stay as they are ("C++", "C#"); every other character (white space, hyphens and
dashes, apostrophes, dots, punctuation) becomes a space, the only word boundary. The matcher
applies the one rule a per-character mapping cannot: a dot between two letters or digits
joins them ("GPT-4.1", "DAIR.AI"). Runs of white space are collapsed separately.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

BOUNDARY = " "
# "+" and "#" belong to names such as "C++" and "C#"; "_" to identifiers.
_KEPT_SYMBOLS = "+#_"
WHITESPACE_RUN = re.compile(r"\s\s+")
# Two white-space characters in a row need one of these (or non-ASCII white space).
_RUN_HINTS = ("  ", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
# White space outside ASCII; `str.isspace` agrees with this list.
_ODD_SPACES = tuple("\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") + tuple(
    chr(code) for code in range(0x2000, 0x200B)
)
# Past this share of non-ASCII characters, one regex pass beats patching them one by one.
_PATCH_LIMIT = 8


@cache
def _mark_class() -> str:
    """A regex class body of every combining mark, which `\\w` does not count as a word char."""
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
    return re.compile(rf"[^\w{re.escape(_KEPT_SYMBOLS)}{_mark_class()}]")


@cache
def _ascii_table() -> bytes:
    table = bytearray(range(256))
    for byte in range(128):
        char = chr(byte)
        if char.isalnum():
            table[byte] = ord(char.lower())
        elif char not in _KEPT_SYMBOLS:
            table[byte] = ord(BOUNDARY)
    table[128:] = BOUNDARY.encode() * 128
    return bytes(table)


@cache
def _shape_of_char(char: str) -> str:
    if char.isalnum() or char in _KEPT_SYMBOLS or unicodedata.category(char).startswith("M"):
        lowered = char.lower()
        return lowered if len(lowered) == 1 else lowered[0]
    return BOUNDARY


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two ("İ"): keep the first so offsets stay put.
    return "".join(char.lower()[0] for char in text)


def normalize(text: str) -> str:
    """Map `text` to its matching shape, of exactly the same length in code points."""
    ascii_only = text.isascii()
    raw = text.encode("ascii") if ascii_only else text.encode("ascii", "replace")
    patches: dict[int, str] = {}
    if ascii_only:
        shaped = raw.translate(_ascii_table()).decode("ascii")
    elif (raw.count(b"?") - text.count("?")) * _PATCH_LIMIT > len(text):
        shaped = _non_word().sub(BOUNDARY, _lower_same_length(text))
    else:
        # Each non-ASCII character became one "?", so the ASCII table still applies; the
        # few that are word characters are patched back in.
        shaped = raw.translate(_ascii_table()).decode("ascii")
        patches = _non_ascii_word_chars(text, raw)
    if "." in text:
        patches.update(dict.fromkeys(joined_dots(text, raw), "."))
    if not patches:
        return shaped
    pieces = []
    last = 0
    for position in sorted(patches):
        pieces += (shaped[last:position], patches[position])
        last = position + 1
    pieces.append(shaped[last:])
    return "".join(pieces)


def _non_ascii_word_chars(text: str, raw: bytes) -> dict[int, str]:
    found = {}
    position = raw.find(b"?")
    while position != -1:
        char = text[position]
        if char != "?":
            mapped = _shape_of_char(char)
            if mapped != BOUNDARY:
                found[position] = mapped
        position = raw.find(b"?", position + 1)
    return found


def has_whitespace_run(text: str) -> bool:
    """Whether `text` has two white-space characters in a row (cheap checks first)."""
    if not any(hint in text for hint in _RUN_HINTS) and not _has_odd_space(text):
        return False
    return bool(WHITESPACE_RUN.search(text))


def _has_odd_space(text: str) -> bool:
    return not text.isascii() and any(space in text for space in _ODD_SPACES)


def key_of(form: str) -> str:
    """The normalized key of a surface form: its shape with single spaces, trimmed."""
    return " ".join(normalize(form).split())


def case_key_of(text: str) -> str:
    """The case-preserving key of a form or of a matched slice, for case-sensitive forms."""
    return " ".join(_non_word().sub(BOUNDARY, text).split())


@cache
def _dot_table() -> bytes:
    """Letters and digits as "a", dots as ".", a non-ASCII character ("?") as "?", else space."""
    table = bytearray(b" " * 256)
    for byte in range(128):
        if chr(byte).isalnum():
            table[byte] = ord("a")
    table[ord(".")] = ord(".")
    table[ord("?")] = ord("?")
    return bytes(table)


def joined_dots(text: str, raw: bytes) -> list[int]:
    """Positions of the dots that join two letters or digits ("4.1", "DAIR.AI").

    `raw` is `text` encoded as ASCII with "?" for every other character.
    """
    ascii_only = len(raw) == len(text) and text.isascii()
    marked = raw.translate(_dot_table())
    found = []
    patterns = (b"a.a",) if ascii_only else (b"a.a", b"?.a", b"a.?", b"?.?")
    for pattern in patterns:
        position = marked.find(pattern)
        while position != -1:
            dot = position + 1
            if pattern == b"a.a" or (text[dot - 1].isalnum() and text[dot + 1].isalnum()):
                found.append(dot)
            position = marked.find(pattern, dot)
    return found


def is_case_sensitive(form: str, listed_as_acronym: bool) -> bool:
    """Acronyms, and forms with a capital after the first character of a word ("LoRA")."""
    if listed_as_acronym:
        return True
    return any(any(char.isupper() for char in word[1:]) for word in re.split(r"[\s\-‐‑–]+", form))


_SIBILANT_END = ("s", "x", "z", "ch", "sh")
_VOWELS = set("aeiou")


def plural_of(form: str, case_sensitive: bool) -> str | None:
    """The regular English plural of a form's last word, or None where none is made."""
    if not form or not form[-1].isalpha():
        return None
    if case_sensitive and form[-1].isupper():
        # Acronyms take a plain "s": "LLMs", "GPUs"; one ending in "S" takes none.
        return None if form[-1] == "S" else form + "s"
    lower = form.lower()
    if lower.endswith(_SIBILANT_END):
        return form + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return form[:-1] + "ies"
    return form + "s"


@cache
def _whitespace_table() -> bytes:
    table = bytearray(b"a" * 256)
    for char in " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f":
        table[ord(char)] = 1
    return bytes(table)


def _whitespace_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more white-space characters."""
    if _has_odd_space(text):
        return [run.span() for run in WHITESPACE_RUN.finditer(text)]
    # White space as byte 1 and all else as "a": runs are found with fast substring search.
    marked = text.encode("ascii", "replace").translate(_whitespace_table())
    runs = []
    start = marked.find(b"\x01\x01")
    while start != -1:
        end = start + 2
        while end < len(marked) and marked[end] == 1:
            end += 1
        runs.append((start, end))
        start = marked.find(b"\x01\x01", end)
    return runs


def collapse_spaces(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Collapse each run of white space to one space.

    Returns the collapsed text and its breakpoints: (first collapsed position after a run,
    characters removed up to there), for mapping offsets back to the original text.
    """
    pieces: list[str] = []
    breaks: list[tuple[int, int]] = []
    removed = 0
    last = 0
    for start, end in _whitespace_runs(text):
        pieces += (text[last:start], BOUNDARY)
        after_run = start - removed + 1
        removed += end - start - 1
        breaks.append((after_run, removed))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), breaks
