"""What the sense judgement costs: the annotate core with it on and off, on whole articles.

    .venv/bin/python bench/sense.py [--corpus DIR] [--rounds 7]

All run in this process, interleaved round by round (bench/_timing.py), each on every
article of the corpus as one request of one segment per block, with every cache bypassed
(`Annotator.compute`), with each option set: every occurrence (the API's default) and the
first occurrence of each term (the extension's). "On" judges natively (C, where it is
built: service/sense/handover.py) and in Python, the reference; "off" keeps every
ambiguous form, as a judge that decides nothing. The target
(docs/adr/0007-sense-judgement.md): the judgement adds at most 15%. Last, how often the
native judgement called back into Python, per call-back, on one pass over the corpus.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _inputs import DEFAULT_CORPUS, bundled_dictionary, lines_of, load_articles
from _judges import NoJudgement
from _tables import machine, table
from _timing import Runner, interleaved, per_group
from ai_glossary.service.annotate import Annotator, Options
from ai_glossary.service.sense import SenseJudge, handover


def annotating(annotator: Annotator, options: Options) -> Runner:
    return per_group(lambda blocks: annotator.compute(blocks, options))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    articles = [lines_of(article) for article in load_articles(args.corpus)]
    if not articles:
        print(f"sense: no articles in {args.corpus}", file=sys.stderr)
        return 2
    dictionary = bundled_dictionary()
    paths = {"python": Annotator(dictionary)}
    paths["python"].judge = SenseJudge(dictionary, native=False)
    if handover.built():
        paths["native"] = Annotator(dictionary)
        paths["native"].judge = SenseJudge(dictionary, native=True)
    else:
        print("sense: the native judgement is not built; Python only", file=sys.stderr)
    unjudged = Annotator(dictionary)
    unjudged.judge = NoJudgement(dictionary, native=False)
    option_sets = {
        "every occurrence": Options(),
        "first occurrence (the extension's)": Options(first_only=True),
    }
    runners = {}
    for name, options in option_sets.items():
        for path, annotator in paths.items():
            runners[f"on/{path}, {name}"] = annotating(annotator, options)
        runners[f"off, {name}"] = annotating(unjudged, options)
    measured = interleaved(runners, articles, args.rounds, budget=90.0)
    print(machine())
    size = measured[f"on/python, {next(iter(option_sets))}"].size
    print(f"{len(articles)} articles, {size / 1e6:.2f} MB, median of {args.rounds} rounds\n")
    rows = [
        [name, f"{m.seconds * 1000:.1f} ms", f"{m.mb_per_s:.1f} MB/s"]
        for name, m in measured.items()
    ]
    print(table(["judgement, options", "time per corpus", "speed"], rows))
    print()
    for name in option_sets:
        off = measured[f"off, {name}"]
        for path in paths:
            on = measured[f"on/{path}, {name}"]
            adds = on.seconds / off.seconds - 1
            print(f"{name}, {path}: the judgement adds {adds:+.1%} (target: +15%)")
        if "native" in paths:
            ratio = measured[f"on/python, {name}"].seconds / measured[f"on/native, {name}"].seconds
            print(f"{name}: the annotate core is {ratio:.2f}x as fast with the native judgement")
    if "native" in paths:
        print()
        print(callbacks(paths["native"], articles))
    return 0


def callbacks(annotator: Annotator, articles: list[list[str]]) -> str:
    """How often the native judgement asked Python, per call-back, in one pass."""
    native = annotator.judge.native
    native.callbacks.counting = True
    native.callbacks.counts.clear()
    occurrences = 0
    for blocks in articles:
        candidates = annotator.judged(blocks, annotator.matcher.find_many(blocks), False)
        occurrences += sum(1 for c in candidates if c.verdict is not None)
    native.callbacks.counting = False
    counts = ", ".join(f"{name} {n:,}" for name, n in sorted(native.callbacks.counts.items()))
    return f"call-backs into Python, every occurrence ({occurrences:,} judged): {counts}"


if __name__ == "__main__":
    sys.exit(main())
