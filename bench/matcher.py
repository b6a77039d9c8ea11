"""Matcher throughput beside its baselines, on the corpus and on pages; scaling; build cost.

    .venv/bin/python bench/matcher.py            # the full run (a few minutes)
    .venv/bin/python bench/matcher.py --quick    # a smoke run (well under a minute)

Every figure is the median of interleaved rounds in this one process; compare ratios, not
absolute figures, across runs (see bench/README.md).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from _baselines import BASELINES, forms_of, ours
from _inputs import (
    DEFAULT_CORPUS,
    Input,
    articles_input,
    bundled_dictionary,
    load_articles,
    ngram_dictionary,
    nodes_input,
    page_input,
)
from _tables import machine, megabytes, rate, ratio, table
from _timing import Measured, Runner, interleaved, per_group, per_text
from ai_glossary.matching.matcher import native_enabled
from ai_glossary.model import Dictionary

BASELINE_NAMES = list(BASELINES)
# The native path (C) of the same matcher, where it was built; "ours" is the Python path.
NATIVE_NAMES = ["native find", "native find_many"]


@dataclass(frozen=True)
class Plan:
    rounds: int
    budget: float  # seconds one round of one scanner may take before it is sampled
    page_sizes: tuple[int, ...]
    synthetic_sizes: tuple[int, ...]
    build_rounds: int


FULL = Plan(7, 1.0, (10_000, 100_000, 1_000_000), (10_000, 100_000), 3)
QUICK = Plan(3, 0.3, (10_000, 100_000), (10_000,), 1)


def measure(item: Input, dictionary: Dictionary, plan: Plan) -> dict[str, Measured]:
    """MB/s of ours (per text, and per group when groups hold several texts) and baselines."""
    forms = forms_of(dictionary)
    matcher = ours(dictionary)
    runners: dict[str, Runner] = {"find": per_text(matcher.find)}
    many = any(len(group) > 1 for group in item.groups)
    if many:
        runners["find_many"] = per_group(matcher.find_many)
    if native_enabled():
        compiled = ours(dictionary, native=True)
        runners["native find"] = per_text(compiled.find)
        if many:
            runners["native find_many"] = per_group(compiled.find_many)
    for name, build in BASELINES.items():
        runners[name] = per_text(build(forms))
    return interleaved(runners, item.groups, plan.rounds, plan.budget)


def throughput(inputs: list[Input], dictionary: Dictionary, plan: Plan) -> str:
    speed_rows, ratio_rows = [], []
    for item in inputs:
        found = measure(item, dictionary, plan)
        many = found.get("find_many")
        speed_rows.append(
            [item.name, megabytes(item.size), rate(found["find"].mb_per_s)]
            + [rate(many.mb_per_s) if many else "-"]
            + [rate(found[n].mb_per_s) if n in found else "-" for n in NATIVE_NAMES]
            + [rate(found[n].mb_per_s, found[n].sampled) for n in BASELINE_NAMES]
        )
        modes = {"find": "find per node", "find_many": "find_many per article"}
        for mode in modes if many else ("find",):
            ours_rate = found[mode].mb_per_s
            ratio_rows.append(
                [f"{item.name}, {modes[mode] if many else mode}"]
                + [ratio(ours_rate / found[n].mb_per_s) for n in ("naive", "flashtext", "regex")]
                + [ratio(found["lower"].mb_per_s / ours_rate)]
            )
    header = ["input", "MB", "ours: find", "ours: find_many", "native: find"]
    speed = table([*header, "native: find_many", *BASELINE_NAMES], speed_rows)
    ratios = table(
        ["input, our call", "x naive", "x flashtext", "x regex", "time / lower's"], ratio_rows
    )
    return f"MB/s, bundled dictionary ({len(dictionary.terms)} terms)\n\n{speed}\n\n" + (
        f"Ours against each baseline (speed ratio; last column: our time over lower's)\n\n{ratios}"
    )


def scaling(item: Input, dictionaries: list[Dictionary], plan: Plan) -> str:
    rows = []
    for dictionary in dictionaries:
        found = measure(item, dictionary, plan)
        ours_rate = found["find"].mb_per_s
        rows.append(
            [dictionary.name, f"{len(dictionary.terms):,}", f"{len(forms_of(dictionary)):,}"]
            + [rate(ours_rate)]
            + [rate(found[n].mb_per_s, found[n].sampled) for n in ("naive", "flashtext", "regex")]
            + [ratio(ours_rate / found[n].mb_per_s) for n in ("naive", "flashtext", "regex")]
        )
    header = ["dictionary", "terms", "forms", "ours", "naive", "flashtext", "regex"]
    header += ["x naive", "x flashtext", "x regex"]
    return f"Scaling: MB/s on {item.name}, find per text\n\n" + table(header, rows)


def traced(build: Callable[[], object]) -> tuple[float, float]:
    """MB allocated by `build` and still held once it returns, and its peak, in MB."""
    gc.collect()
    tracemalloc.start()
    built = build()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del built
    return current / 1e6, peak / 1e6


def timed(build: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        build()
        times.append(time.process_time() - start)
    return statistics.median(times)


def builds(dictionaries: list[Dictionary], plan: Plan) -> str:
    rows = []
    for dictionary in dictionaries:
        forms = forms_of(dictionary)
        contenders: dict[str, Callable[[], object]] = {"ours": partial(ours, dictionary)}
        for name in ("naive", "flashtext", "regex"):
            contenders[name] = partial(BASELINES[name], forms)
        row = [dictionary.name, f"{len(dictionary.terms):,}"]
        for name, build in contenders.items():
            seconds = timed(build, plan.build_rounds)
            held, peak = traced(build)
            extra = f" (peak {peak:.0f})" if name == "ours" else ""
            row.append(f"{seconds:.2f} s, {held:.1f} MB{extra}")
        rows.append(row)
    header = ["dictionary", "terms", "ours", "naive", "flashtext", "regex (compile)"]
    return "Build: median time, and memory held after it (tracemalloc)\n\n" + table(header, rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and sizes: a smoke run")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    articles = load_articles(args.corpus)
    bundled = bundled_dictionary()
    synthetic = [ngram_dictionary(articles, size) for size in plan.synthetic_sizes]
    inputs = [articles_input(articles), nodes_input(articles)]
    inputs += [page_input(articles, size) for size in plan.page_sizes]
    print(f"# Matcher benchmark ({'quick' if args.quick else 'full'})\n\n{machine()}\n")
    print(f"corpus: {len(articles)} articles from {args.corpus}\n", flush=True)
    print(throughput(inputs, bundled, plan) + "\n", flush=True)
    print(scaling(inputs[0], [bundled, *synthetic], plan) + "\n", flush=True)
    print(builds([bundled, *synthetic], plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
