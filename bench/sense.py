"""What the sense judgement costs: the annotate core with it on and off, on whole articles.

    .venv/bin/python bench/sense.py [--corpus DIR] [--rounds 7]

Both run in this process, interleaved round by round (bench/_timing.py), each on every
article of the corpus as one request of one segment per block, with every cache bypassed
(`Annotator.compute`), with each option set: every occurrence (the API's default) and the
first occurrence of each term (the extension's). "Off" keeps every ambiguous form, as a
judge that decides nothing. The target (docs/adr/0007-sense-judgement.md): the judgement
adds at most 15%.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _inputs import DEFAULT_CORPUS, bundled_dictionary, lines_of, load_articles
from _tables import machine, table
from _timing import Runner, interleaved, per_group
from ai_glossary.service.annotate import Annotator, Options
from ai_glossary.service.sense import Candidate, SenseJudge


class NoJudgement(SenseJudge):
    """Decides nothing: every ambiguous form is kept, as if it had no other sense."""

    def judge(
        self,
        segments: list[str],
        candidates: list[Candidate],
        page_is_ai: bool,
        explain: bool = False,
        first_only: bool = False,
    ) -> None:
        return None


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
    judged = Annotator(dictionary)
    unjudged = Annotator(dictionary)
    unjudged.judge = NoJudgement(dictionary)
    option_sets = {
        "every occurrence": Options(),
        "first occurrence (the extension's)": Options(first_only=True),
    }
    runners = {}
    for name, options in option_sets.items():
        runners[f"on, {name}"] = annotating(judged, options)
        runners[f"off, {name}"] = annotating(unjudged, options)
    measured = interleaved(runners, articles, args.rounds, budget=60.0)
    print(machine())
    size = measured[f"on, {next(iter(option_sets))}"].size
    print(f"{len(articles)} articles, {size / 1e6:.2f} MB, median of {args.rounds} rounds\n")
    rows = [
        [name, f"{m.seconds * 1000:.1f} ms", f"{m.mb_per_s:.1f} MB/s"]
        for name, m in measured.items()
    ]
    print(table(["judgement, options", "time per corpus", "speed"], rows))
    print()
    for name in option_sets:
        on, off = measured[f"on, {name}"], measured[f"off, {name}"]
        print(f"{name}: the judgement adds {on.seconds / off.seconds - 1:+.1%} (target: +15%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
