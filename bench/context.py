"""The marking evaluation: precision and recall of the sense judgement on labelled pages.

    .venv/bin/python bench/context.py [--half frozen|tune|all] [--errors] [--dictionary DIR]

For each half of tests/fixtures/sense/ (the frozen half, written and labelled apart from
whoever tunes the judgement, and the tuning half) and each set (pages about other things,
AI excerpts, single AI sentences, and pages about other things that come back to AI several
times) it prints false marks per 1,000 words, precision and
recall, and the same for ambiguous forms and colliding acronyms alone; then the labels no
form of the glossary reaches (its coverage, apart from the judgement's recall) and recall
over every label, those included. --errors lists every wrong and every missed mark, and
every label out of reach. The targets are those of docs/adr/0007-sense-judgement.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ai_glossary.glossary.reader import BUNDLED, load_dictionary  # noqa: E402
from ai_glossary.service.annotate import Annotator  # noqa: E402

from tests.support.sense_eval import SETS, Score, parts, read_half, score, verify  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "sense"


def row(half: str, name: str, result: Score) -> str:
    return (
        f"| {half} | {name} | {result.words:,} | {result.marks} | "
        f"{result.false_per_1000_words:.2f} | {result.precision:.1%} | {result.recall:.1%} | "
        f"{result.ambiguous_marks} | {result.ambiguous_precision:.1%} | "
        f"{result.ambiguous_recall:.1%} | {result.far_marks} | {result.unjudged} | "
        f"{len(result.gaps)} | {result.recall_of_all:.1%} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("frozen", "tune", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="list every wrong and missed mark")
    parser.add_argument("--dictionary", type=Path, default=BUNDLED)
    args = parser.parse_args()
    halves = ("frozen", "tune") if args.half == "all" else (args.half,)
    annotator = Annotator(load_dictionary(args.dictionary))
    print(
        "| half | set | words | marks | false / 1,000 words | precision | recall "
        "| ambiguous marks | ambiguous precision | ambiguous recall | far marks | unjudged "
        "| labels out of reach | recall, all labels |"
    )
    print("| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |")
    errors = []
    for half in halves:
        for folder in parts(FIXTURES, half):
            changed = verify(folder)
            if changed:
                print(
                    f"context: {folder.name} changed since it was frozen: {changed}",
                    file=sys.stderr,
                )
                return 1
        for name in SETS:
            pages = read_half(FIXTURES, half, name)
            if not pages:
                continue  # a set only some parts hold (recurring: the tuned half's)
            result = score(pages, annotator)
            print(row(half, name, result))
            errors += [(half, name, "wrong", m) for m in result.wrong]
            errors += [(half, name, "missed", m) for m in result.missed]
            errors += [(half, name, "gap", m) for m in result.gaps]
    if args.errors:
        print()
        for half, name, kind, mark in errors:
            where = f"{half}/{name}/{mark.page}#{mark.block}"
            term = f" -> {mark.slug}" if mark.slug else " (no form of the glossary)"
            print(f"{kind:6} {where:40} {mark.text!r}{term}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
