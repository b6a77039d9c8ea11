"""POST /v1/annotate under `glossary serve`, against issue 19's fixed baseline (bench/baseline.py)
and a hello-world endpoint (bench/hello.py), all served with the same uvicorn options.

    .venv/bin/python bench/api.py            # the full run (about six minutes)
    .venv/bin/python bench/api.py --quick    # a smoke run (about a minute)

Pages: about 20 KB of JSON of consecutive corpus lines, 8 windows of the corpus. Every request
is fresh: wrk's script writes a token of its own ("c<run>n<request>") at the start of every
segment, so no segment and no request was seen before by any server (the reply cache cannot
hit: its hit rate is 0 by construction). Option sets: the extension's default (first
occurrence only) and every occurrence. Ours is measured as the extension calls it (`cards:
false`: it holds the cards) and as a `/v1` client calls it (every card in the reply); the
baseline always sends every card, as a straightforward design does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import _wrk
import orjson
from _inputs import DEFAULT_CORPUS, lines_of, load_articles
from _servers import Server, baseline_command, glossary_command, hello_command, serving
from _tables import machine, table

CONNECTIONS = 16
PAGE_BYTES = 20_000
OPTION_SETS = {"first only": {"first_only": True}, "every occurrence": {"first_only": False}}


@dataclass(frozen=True)
class Contender:
    name: str
    server: str  # "hello", "baseline" or "ours"
    options: dict[str, Any]  # added to the option set


CONTENDERS = (
    Contender("hello world", "hello", {}),
    Contender("baseline", "baseline", {}),
    Contender("ours, as the extension calls it (no cards)", "ours", {"cards": False}),
    Contender("ours, every card", "ours", {}),
)


@dataclass(frozen=True)
class Plan:
    workers: tuple[int, ...]
    seconds: int  # of each measured run (wrk counts whole seconds)
    warmup: int  # seconds of load before each measured run, not counted
    rounds: int  # runs of each contender, taken in turn; the table shows medians


FULL = Plan((1, 2), 4, 1, 3)
QUICK = Plan((1,), 2, 1, 1)


def write_bodies(folder: Path, lines: list[str]) -> dict[tuple[str, str], Path]:
    """One file of bodies (one a line, with the token to fill) per option set and contender."""
    pages = [orjson.loads(body) for body in _wrk.bodies(lines, PAGE_BYTES, cold=True)]
    files: dict[tuple[str, str], Path] = {}
    for set_name, options in OPTION_SETS.items():
        for contender in CONTENDERS:
            path = folder / f"{len(files)}.jsonl"
            wanted = {**options, **contender.options}
            bodies = [orjson.dumps({**page, "options": wanted}) for page in pages]
            path.write_bytes(b"\n".join(bodies) + b"\n")
            files[set_name, contender.name] = path
    return files


def reply_bytes(server: Server, body_file: Path) -> float:
    """Median size of the replies to the file's bodies (tokens filled with a fixed one)."""
    sizes = []
    for line in body_file.read_bytes().splitlines():
        body = line.replace(_wrk.TOKEN.encode(), b"size")
        request = urllib.request.Request(
            server.url, data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as reply:
            sizes.append(len(reply.read()))
    return statistics.median(sizes)


def measure(
    servers: dict[str, Server], files: dict[tuple[str, str], Path], set_name: str, plan: Plan
) -> dict[str, list[_wrk.Result]]:
    """Each contender's runs for one option set; contenders take turns, round after round."""
    results: dict[str, list[_wrk.Result]] = {c.name: [] for c in CONTENDERS}
    for round_ in range(plan.rounds):
        for n, contender in enumerate(CONTENDERS):
            server = servers[contender.server]
            body = files[set_name, contender.name]
            run_id = f"{set_name[0]}{n}r{round_}w{len(server.worker_rss())}"
            _wrk.run(server.url, body, True, run_id + "u", plan.warmup, CONNECTIONS)
            cpu = server.cpu_seconds()
            result = _wrk.run(server.url, body, True, run_id, plan.seconds, CONNECTIONS)
            cpu_us = (server.cpu_seconds() - cpu) / max(result.requests, 1) * 1e6
            results[contender.name].append(replace(result, server_cpu_us=cpu_us))
    return results


def rows_of(
    workers: int, set_name: str, results: dict[str, list[_wrk.Result]], sizes: dict[str, float]
) -> list[list[str]]:
    def rate(name: str) -> float:
        return statistics.median(r.requests_per_s for r in results[name])

    def cpu(name: str) -> float:
        return statistics.median(r.server_cpu_us for r in results[name])

    baseline = rate("baseline")
    rows = []
    for contender in CONTENDERS:
        runs = results[contender.name]
        rows.append(
            [
                str(workers),
                set_name,
                contender.name,
                f"{rate(contender.name):,.0f}",
                f"{rate(contender.name) / baseline:.2f}x",
                f"{statistics.median(r.p50_ms for r in runs):.1f}",
                f"{statistics.median(r.p99_ms for r in runs):.1f}",
                f"{cpu(contender.name):,.0f}",
                f"{cpu('baseline') / cpu(contender.name):.2f}x",
                f"{sizes[contender.name] / 1000:.1f}",
                str(sum(r.errors for r in runs)),
            ]
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="annotate API load test against the baseline")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt")
    parser.add_argument("--quick", action="store_true", help="short runs, one worker")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    lines = [line for article in load_articles(args.corpus) for line in lines_of(article)]
    rows: list[list[str]] = []
    print(f"# API benchmark ({'quick' if args.quick else 'full'})\n\n{machine()}\n", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        files = write_bodies(Path(folder), lines)
        for workers in plan.workers:
            with (
                serving(hello_command(workers), "/", b"{}") as hello,
                serving(baseline_command(workers), "/", b'{"segments":[]}') as baseline,
                serving(glossary_command(workers, None), "/v1/annotate", b'{"segments":[]}') as api,
            ):
                servers = {"hello": hello, "baseline": baseline, "ours": api}
                for set_name in OPTION_SETS:
                    sizes = {
                        c.name: reply_bytes(servers[c.server], files[set_name, c.name])
                        for c in CONTENDERS
                    }
                    results = measure(servers, files, set_name, plan)
                    rows += rows_of(workers, set_name, results, sizes)
                    print(f"  done: {workers} worker(s), {set_name}", file=sys.stderr, flush=True)
    header = ["workers", "options", "endpoint", "req/s", "x baseline", "p50 ms", "p99 ms"]
    header += ["server CPU us/req", "x baseline, CPU", "reply KB", "errors"]
    print(
        f"Fresh 20 KB pages, {CONNECTIONS} connections, medians of {plan.rounds} runs of "
        f"{plan.seconds} s; reply cache hit rate: 0 (every request and segment carries its "
        "own token)\n"
    )
    print(table(header, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
