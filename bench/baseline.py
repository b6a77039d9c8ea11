"""The fixed baseline of issue 19: a straightforward annotate endpoint, served the way
`glossary serve` serves ours, that every run of bench/api.py compares against.

Written once; it changes only with a note here saying what changed and why:
- 2026-12-03: served by `hello.serve`, as `glossary serve` now runs its workers: with two,
  each listens on a socket of its own (`ai_glossary.serving.run_uvicorn`), where they shared
  one and the first to wake took most of wrk's connections. The endpoint is unchanged.

- Starlette `POST /`, uvicorn with `glossary serve`'s options (`hello.serving_options`);
- the body decoded with orjson: `{"segments": [...], "options": {"first_only": bool}}`;
- per segment: `lower()`, then one pyahocorasick `Automaton.iter` over it; keys: every
  surface form of the bundled glossary (plurals included), lower-cased;
- hits kept when the characters beside them are not letters or digits; overlaps resolved
  leftmost-longest in Python; offsets converted to UTF-16 code units;
- the reply with orjson: `matches` plus the card of every matched term, with our cards'
  fields (`term`, `plain_english`, `definition`, absolute `url`, at most 3 `tools`).

    .venv/bin/python bench/baseline.py --port 8002 [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import ahocorasick
import orjson
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.model.forms import surface_forms
from ai_glossary.service.annotate import card_of
from hello import serve
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

Hit = tuple[int, int, str]  # start, end (exclusive), slug


class Baseline:
    def __init__(self) -> None:
        dictionary = load_dictionary(BUNDLED)
        self.automaton = ahocorasick.Automaton()
        for term in dictionary.terms.values():
            if not term.marked:
                continue
            for surface in surface_forms(term):
                key = surface.form.lower()
                if key not in self.automaton:  # the first term listed keeps a shared form
                    self.automaton.add_word(key, (len(key), term.slug))
        self.automaton.make_automaton()
        self.cards = {
            slug: card_of(dictionary, term, f"/terms/{slug}")
            for slug, term in dictionary.terms.items()
        }

    def find(self, segment: str) -> list[Hit]:
        text = segment.lower()
        size = len(text)
        hits = []
        for last, (length, slug) in self.automaton.iter(text):
            start, end = last - length + 1, last + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < size and text[end].isalnum():
                continue
            hits.append((start, end, slug))
        hits.sort(key=lambda hit: (hit[0], -hit[1]))
        chosen = []
        reached = 0
        for hit in hits:
            if hit[0] >= reached:
                chosen.append(hit)
                reached = hit[1]
        return chosen if text.isascii() else _utf16(text, chosen)

    def reply(self, body: bytes, base: str) -> bytes:
        request = orjson.loads(body)
        first_only = bool((request.get("options") or {}).get("first_only"))
        matches: list[dict[str, Any]] = []
        seen: set[str] = set()
        for index, segment in enumerate(request["segments"]):
            for start, end, slug in self.find(segment):
                if first_only and slug in seen:
                    continue
                seen.add(slug)
                matches.append({"segment": index, "start": start, "end": end, "term": slug})
        terms = {slug: {**self.cards[slug], "url": base + self.cards[slug]["url"]} for slug in seen}
        return orjson.dumps({"matches": matches, "terms": terms})


def _utf16(text: str, hits: list[Hit]) -> list[Hit]:
    """Offsets in UTF-16 code units: characters past U+FFFF take two."""
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    return [(units[start], units[end], slug) for start, end, slug in hits]


BASELINE = Baseline()


async def annotate(request: Request) -> Response:
    body = await request.body()
    base = str(request.base_url).rstrip("/")
    return Response(BASELINE.reply(body, base), media_type="application/json")


app = Starlette(routes=[Route("/", annotate, methods=["POST"])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="issue 19's baseline annotate at POST /")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    serve("baseline:app", args.port, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
