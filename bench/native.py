"""The matcher's native path against its Python path, on the same inputs in one process.

    .venv/bin/python bench/native.py [--corpus DIR] [--rounds 9]

Inputs: the corpus's lines cut into pages of 20 KB (UTF-8), each page one `find_many` of one
segment per line, as the extension sends a page's blocks; and every line alone, one `find`
each. Figures are medians of interleaved rounds (bench/_timing.py): time per 20 KB page and
the speed ratio. It also counts how often the native path calls back into Python for a
case-sensitive key the text spells otherwise (`_by_case`), per page.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _inputs import DEFAULT_CORPUS, bundled_dictionary, lines_of, load_articles
from _tables import machine, table
from _timing import interleaved, per_group, per_text
from ai_glossary.matching import matcher as matching
from ai_glossary.matching.matcher import Matcher

PAGE_BYTES = 20_000


def pages(articles: list[str], size: int) -> list[list[str]]:
    """The corpus's lines in order, cut into pages of about `size` UTF-8 bytes."""
    result: list[list[str]] = [[]]
    total = 0
    for line in (line for article in articles for line in lines_of(article)):
        cost = len(line.encode("utf-8")) + 1
        if total + cost > size and result[-1]:
            result.append([])
            total = 0
        result[-1].append(line)
        total += cost
    return result[:-1] if len(result) > 1 else result  # the last page is short


def counted(function: Callable[..., Any]) -> tuple[Callable[..., Any], list[int]]:
    calls = [0]

    def wrapper(*args: Any) -> Any:
        calls[0] += 1
        return function(*args)

    return wrapper, calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    articles = load_articles(args.corpus)
    dictionary = bundled_dictionary()
    python = Matcher(dictionary, native=False)
    by_case, calls = counted(matching._by_case)
    matching._by_case = by_case  # the native matcher built next calls back through it
    native = Matcher(dictionary, native=True)
    groups = pages(articles, PAGE_BYTES)
    assert [native.find_many(g) for g in groups] == [python.find_many(g) for g in groups]
    calls[0] = 0
    for group in groups:
        native.find_many(group)
    callbacks = calls[0] / len(groups)
    nodes = [list(group) for group in groups]
    print(f"# Native matcher against the Python path\n\n{machine()}\n")
    print(f"corpus: {len(articles)} articles from {args.corpus}; {len(groups)} pages of 20 KB\n")
    rows = []
    cases = (
        ("20 KB page, find_many", groups, per_group(python.find_many), per_group(native.find_many)),
        ("each line, find", nodes, per_text(python.find), per_text(native.find)),
    )
    for name, inputs, python_run, native_run in cases:
        found = interleaved({"python": python_run, "native": native_run}, inputs, args.rounds, 60)
        python_us, native_us = (found[key].seconds / len(groups) * 1e6 for key in found)
        speed_up = found["python"].seconds / found["native"].seconds
        rows.append([name, f"{python_us:.0f} µs", f"{native_us:.0f} µs", f"{speed_up:.1f}x"])
    header = ["input", "python, per 20 KB", "native, per 20 KB", "native speed-up"]
    print(table(header, rows) + "\n")
    print(f"callbacks into Python (_by_case) per 20 KB page: {callbacks:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
