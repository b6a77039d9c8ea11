"""A look at a TOML file's nesting before it is parsed.

tomllib parses nested arrays and inline tables by recursion (a value nested 100,000 deep
raised RecursionError) and creates every prefix of a dotted key (a 40 KB file of deep dotted
keys took 5 s and 1.8 GB). A dictionary file needs neither: a term uses two levels
(`[context]`, `[[faq]]`, `roles.business_owner`). So brackets nested deeper than
`MAX_BRACKETS`, or more than `MAX_DOTS` dots outside strings on one line, are refused first.
"""

from __future__ import annotations

import re

MAX_BRACKETS = 16  # arrays and inline tables inside each other
MAX_DOTS = 16  # on one line, outside strings and comments: dotted keys (and numbers)

_TOKEN = re.compile(r"[\n#\"'\[\]{}.]")


def nesting_problem(text: str) -> str | None:
    """Why `text` is nested too deeply to parse, or None. Strings and comments are skipped."""
    depth = dots = 0
    line = 1
    position = 0
    while (token := _TOKEN.search(text, position)) is not None:
        char, position = token.group(), token.end()
        if char == "\n":
            line, dots = line + 1, 0
        elif char == "#":
            found = text.find("\n", position)
            position = len(text) if found < 0 else found
        elif char in "\"'":
            position = _string_end(text, token.start())
            line += text.count("\n", token.start(), position)
        elif char in "[{":
            depth += 1
            if depth > MAX_BRACKETS:
                return f"line {line}: nested more than {MAX_BRACKETS} deep"
        elif char in "]}":
            depth = max(0, depth - 1)
        else:
            dots += 1
            if dots > MAX_DOTS:
                return f"line {line}: keys nested more than {MAX_DOTS} deep"
    return None


def _string_end(text: str, start: int) -> int:
    """The index just past the string that starts at `start`. A string left open runs to
    the end of its line (one-line strings) or of the text: the parser will report it."""
    quote = text[start]
    triple = text.startswith(quote * 3, start)
    delimiter = quote * 3 if triple else quote
    index = start + len(delimiter)
    while True:
        found = text.find(delimiter, index)
        if not triple:
            newline = text.find("\n", index, len(text) if found < 0 else found)
            if newline >= 0:
                return newline
        if found < 0:
            return len(text)
        if quote == '"' and _escaped(text, found):
            index = found + 1
            continue
        end = found + len(delimiter)
        # A multi-line string may end with one or two quotes of its own: 'a""""' is 'a"'.
        while triple and end - found < 5 and text.startswith(quote, end):
            end += 1
        return end


def _escaped(text: str, index: int) -> bool:
    """Whether the character at `index` follows an odd number of backslashes."""
    backslashes = 0
    while index - backslashes > 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
