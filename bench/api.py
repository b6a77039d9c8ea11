"""POST /v1/annotate under `glossary serve`, beside a hello-world Starlette endpoint.

    .venv/bin/python bench/api.py            # the full run (about four minutes)
    .venv/bin/python bench/api.py --quick    # a smoke run (under a minute)

Both servers run with the same uvicorn options and worker count; wrk loads them from its own
process over 127.0.0.1 with 16 keep-alive connections. Bodies are paragraphs of the corpus
as segments, about 2 KB or 20 KB of JSON; cold requests are all distinct (every segment
misses the caches), warm ones repeat eight bodies (every request hits).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import _wrk
from _inputs import DEFAULT_CORPUS, lines_of, load_articles
from _servers import Server, glossary_command, hello_command, serving
from _tables import machine, table

CONNECTIONS = 16
KINDS = ("hello", "cold", "warm")


@dataclass(frozen=True)
class Plan:
    workers: tuple[int, ...]
    sizes: tuple[int, ...]
    seconds: int  # of each measured run (wrk counts whole seconds)
    warmup: int  # seconds of load before each measured run, not counted
    rounds: int  # runs of each kind, taken in turn; the table shows medians


FULL = Plan((1, 2), (2_000, 20_000), 4, 1, 3)
QUICK = Plan((1,), (2_000, 20_000), 2, 1, 1)


@dataclass(frozen=True)
class Files:
    cold: dict[int, Path]
    warm: dict[int, Path]


def write_bodies(folder: Path, lines: list[str], sizes: Sequence[int]) -> Files:
    files = Files({}, {})
    for size in sizes:
        for cold, found in ((True, files.cold), (False, files.warm)):
            path = folder / f"{'cold' if cold else 'warm'}-{size}.jsonl"
            path.write_bytes(b"\n".join(_wrk.bodies(lines, size, cold)) + b"\n")
            found[size] = path
    return files


def measure(
    servers: dict[str, Server], files: Files, size: int, plan: Plan, tag: str
) -> dict[str, list[_wrk.Result]]:
    """Each kind's runs at one body size; kinds take turns, round after round."""
    results: dict[str, list[_wrk.Result]] = {kind: [] for kind in KINDS}
    for round_ in range(plan.rounds):
        for kind in KINDS:
            server = servers["hello" if kind == "hello" else "api"]
            cold = kind == "cold"
            body = files.cold[size] if cold else files.warm[size]
            run_id = f"{tag}x{size}r{round_}{kind}"
            _wrk.run(server.url, body, cold, run_id + "w", plan.warmup, CONNECTIONS)
            cpu = server.cpu_seconds()
            result = _wrk.run(server.url, body, cold, run_id, plan.seconds, CONNECTIONS)
            cpu_us = (server.cpu_seconds() - cpu) / max(result.requests, 1) * 1e6
            results[kind].append(replace(result, server_cpu_us=cpu_us))
    return results


def rows_of(workers: int, size: int, results: dict[str, list[_wrk.Result]]) -> list[list[str]]:
    ceiling = statistics.median(r.requests_per_s for r in results["hello"])
    rows = []
    for kind in KINDS:
        runs = results[kind]
        rate = statistics.median(r.requests_per_s for r in runs)
        endpoint = "hello world" if kind == "hello" else f"annotate, {kind}"
        rows.append(
            [
                str(workers),
                f"{size // 1000} KB",
                endpoint,
                f"{rate:,.0f}",
                f"{100 * rate / ceiling:.0f}%",
                f"{statistics.median(r.p50_ms for r in runs):.2f}",
                f"{statistics.median(r.p99_ms for r in runs):.2f}",
                f"{statistics.median(r.server_cpu_us for r in runs):.0f}",
                str(sum(r.errors for r in runs)),
            ]
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="annotate API load test beside hello world")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt")
    parser.add_argument("--dictionary", type=Path, help="dictionary folder (default: bundled)")
    parser.add_argument("--quick", action="store_true", help="short runs, one worker")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    lines = [line for article in load_articles(args.corpus) for line in lines_of(article)]
    speed_rows: list[list[str]] = []
    memory_rows: list[list[str]] = []
    print(f"# API benchmark ({'quick' if args.quick else 'full'})\n\n{machine()}\n", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        files = write_bodies(Path(folder), lines, plan.sizes)
        for workers in plan.workers:
            with (
                serving(hello_command(workers), "/", b"{}") as hello,
                serving(
                    glossary_command(workers, args.dictionary), "/v1/annotate", b'{"segments":[]}'
                ) as api,
            ):
                for size in plan.sizes:
                    results = measure({"hello": hello, "api": api}, files, size, plan, str(workers))
                    speed_rows += rows_of(workers, size, results)
                memory_rows.append(
                    [str(workers)]
                    + [", ".join(f"{mb:.0f}" for mb in s.worker_rss()) for s in (api, hello)]
                )
    header = ["workers", "body", "endpoint", "req/s", "of hello", "p50 ms", "p99 ms"]
    header += ["server CPU us/req", "errors"]
    print(f"Requests/s and latency, {CONNECTIONS} connections (medians of {plan.rounds})\n")
    print(table(header, speed_rows) + "\n")
    print("Resident memory per worker after the runs, MB\n")
    print(table(["workers", "glossary serve", "hello world"], memory_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
