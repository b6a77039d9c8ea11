"""How the bundled glossary covers real articles: distinct terms, marks per 1,000 words, a sample.

    .venv/bin/python scripts/coverage.py [--corpus ../shared/corpus] [--sample 30] [--seed 7]

Each article is annotated as the extension sends it: one request, one segment per block,
first occurrence only off, so every mark counts.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.service.annotate import Annotator, Options

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--dictionary", type=Path, default=BUNDLED)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    articles = sorted(args.corpus.glob("*.txt"))
    if not articles:
        print(f"coverage: no *.txt articles in {args.corpus}", file=sys.stderr)
        return 2
    annotator = Annotator(load_dictionary(args.dictionary), cache_entries=1)
    terms: Counter[str] = Counter()
    marks: list[tuple[str, str, str]] = []
    words = 0
    for article in articles:
        blocks = [line for line in article.read_text(encoding="utf-8").splitlines() if line]
        words += sum(len(block.split()) for block in blocks)
        reply = annotator.annotate(blocks, Options())
        for match in reply["matches"]:
            units = blocks[match["segment"]].encode("utf-16-le")
            start, end = match["start"] * 2, match["end"] * 2
            context = (
                units[max(0, start - 80) : start].decode("utf-16-le", "replace")
                + "["
                + units[start:end].decode("utf-16-le")
                + "]"
                + units[end : end + 80].decode("utf-16-le", "replace")
            )
            terms[match["term"]] += 1
            marks.append((match["term"], article.name, context))
    print(f"articles: {len(articles)}, words: {words:,}, marks: {len(marks):,}")
    print(f"distinct terms marked: {len(terms)} of {len(annotator.dictionary.terms)}")
    print(f"marks per 1,000 words: {1000 * len(marks) / words:.1f}")
    print("most marked: " + ", ".join(f"{slug} {count}" for slug, count in terms.most_common(15)))
    print(f"\nsample of {args.sample} marks (seed {args.seed}):")
    for slug, name, context in random.Random(args.seed).sample(marks, min(args.sample, len(marks))):
        print(f"- {slug} ({name}): ...{' '.join(context.split())}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
