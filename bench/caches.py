"""What caching costs on a cold annotate request, and how large replies are (issue 19, ADR 8).

    .venv/bin/python bench/caches.py

Pages of about 20 KB of JSON made of the corpus's lines, each line made new by a nonce, on
the bundled glossary. Times are process CPU time, medians of every page over 3 rounds.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
import uuid
from collections.abc import Callable

import orjson
from _inputs import DEFAULT_CORPUS, lines_of, load_articles
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.service.annotate import Annotator, Options
from ai_glossary.web.api import reply_key
from cachetools import LRUCache

PAGES = 40
PAGE_BYTES = 20_000


def page(lines: list[str], start: int) -> list[str]:
    segments: list[str] = []
    index = start
    while len(orjson.dumps({"segments": segments})) < PAGE_BYTES:
        segments.append(f"{uuid.uuid4().hex} {lines[index % len(lines)]}")
        index += 1
    return segments


def median_us(pages: list[list[str]], work: Callable[[list[str]], object]) -> float:
    times = []
    for _ in range(3):
        for segments in pages:
            start = time.process_time()
            work(segments)
            times.append(time.process_time() - start)
    return statistics.median(times) * 1e6


def main() -> int:
    lines = [line for article in load_articles(DEFAULT_CORPUS) for line in lines_of(article)]
    pages = [page(lines, n * 300) for n in range(PAGES)]
    annotator = Annotator(load_dictionary(BUNDLED))
    options = Options(first_only=True)
    bodies = {id(p): orjson.dumps({"segments": p, "options": {"first_only": True}}) for p in pages}
    cache: LRUCache[bytes, int] = LRUCache(maxsize=1024)
    keys = itertools.count()

    def digest(segments: list[str]) -> tuple[int, int]:
        # a copy, as a request's body is a new object: `hash` of bytes is kept on the object
        return reply_key("http://x", bytes(bytearray(bodies[id(segments)])))

    def get_and_set(_: list[str]) -> None:
        key = next(keys).to_bytes(8, "little")
        cache.get(key)
        cache[key] = 1

    whole = median_us(pages, lambda p: annotator.compute(p, options, "http://x"))
    rows = [
        ("a cold reply (matching, sense judgement, reply)", whole),
        ("matching alone (find_many)", median_us(pages, annotator.matcher.find_many)),
        ("the reply cache's key (web/api.py reply_key)", median_us(pages, digest)),
        ("cachetools LRUCache get and set", median_us(pages, get_and_set)),
    ]
    print(f"segments a page: {statistics.median(len(p) for p in pages):.0f}\n")
    print("| step | us | of a cold reply |\n| --- | ---: | ---: |")
    for name, us in rows:
        print(f"| {name} | {us:,.1f} | {100 * us / whole:.2f}% |")
    print("\nReply bytes for a 20 KB page (median of the pages)\n")
    print("| options | with every card | without cards |\n| --- | ---: | ---: |")
    for name, first_only in (("first occurrence only", True), ("every occurrence", False)):
        sizes = {
            cards: statistics.median(
                len(annotator.annotate(p, Options(first_only=first_only, cards=cards)).json)
                for p in pages
            )
            for cards in (True, False)
        }
        print(f"| {name} | {sizes[True]:,.0f} | {sizes[False]:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
