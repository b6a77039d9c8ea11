"""Surface forms: how a form and a page's text are normalized so that they can meet.

Both sides go through the same mapping, which keeps the text's length in code points:
letters, digits and marks of every script are word characters and are lower-cased; a dot
between two word characters, "+" and "#" stay as they are ("GPT-4.1", "C++"); every other
character (white space, hyphens and dashes, apostrophes, punctuation) becomes a space, which
is the only word boundary. Runs of white space are collapsed separately (see `collapse_spaces`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

BOUNDARY = " "
# "+" and "#" belong to names such as "C++" and "C#"; "_" to identifiers.
_KEPT_SYMBOLS = "+#_"
_STRAY_DOT = re.compile(r"(?<![^\W_])\.|\.(?![^\W_])")
WHITESPACE_RUN = re.compile(r"\s{2,}")


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
    return re.compile(rf"[^\w{re.escape(_KEPT_SYMBOLS)}.{_mark_class()}]")


@cache
def _ascii_table() -> bytes:
    table = bytearray(range(256))
    for byte in range(128):
        char = chr(byte)
        if char.isalnum():
            table[byte] = ord(char.lower())
        elif char not in _KEPT_SYMBOLS + ".":
            table[byte] = ord(BOUNDARY)
    return bytes(table)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two ("İ"): keep the first so offsets stay put.
    return "".join(char.lower()[0] for char in text)


def _shape(text: str, *, lower: bool) -> str:
    if lower and text.isascii():
        shaped = text.encode("ascii").translate(_ascii_table()).decode("ascii")
    else:
        shaped = _non_word().sub(BOUNDARY, _lower_same_length(text) if lower else text)
    if "." in shaped:
        shaped = _STRAY_DOT.sub(BOUNDARY, shaped)
    return shaped


def normalize(text: str) -> str:
    """Map `text` to its matching shape, of exactly the same length in code points."""
    return _shape(text, lower=True)


def key_of(form: str) -> str:
    """The normalized key of a surface form: its shape with single spaces, trimmed."""
    return " ".join(normalize(form).split())


def case_key_of(text: str) -> str:
    """The case-preserving key of a form or of a matched slice, for case-sensitive forms."""
    return " ".join(_shape(text, lower=False).split())


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


def collapse_spaces(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Collapse each run of white space to one space.

    Returns the collapsed text and its breakpoints: (first collapsed position after a run,
    characters removed up to there), for mapping offsets back to the original text.
    """
    pieces: list[str] = []
    breaks: list[tuple[int, int]] = []
    removed = 0
    last = 0
    for run in WHITESPACE_RUN.finditer(text):
        pieces.append(text[last : run.start()])
        pieces.append(BOUNDARY)
        after_run = run.start() - removed + 1
        removed += run.end() - run.start() - 1
        breaks.append((after_run, removed))
        last = run.end()
    pieces.append(text[last:])
    return "".join(pieces), breaks
