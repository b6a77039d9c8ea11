"""Where a cold annotate request's CPU goes, with the sense judgement on and off, against
issue 19's baseline (bench/baseline.py), one worker each, served as `glossary serve` serves.

    .venv/bin/python bench/breakdown.py [--rounds 3] [--seconds 4]

The pages and the load are bench/api.py's (fresh 20 KB pages, wrk with 16 connections,
every segment new to the server); ours is called as the extension calls it (`cards: false`),
with first marks and with every occurrence. Ours runs in bench/_parted_server.py, which
times the matcher, the judgement and the annotate core of every request on the thread's CPU
clock; "judgement off" is that server with a judge that decides nothing (bench/_judges.py),
so it shows what the rest of the request costs and what ours would serve without the
judgement. Contenders take turns, round after round; the table shows medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import _wrk
import orjson
from _inputs import DEFAULT_CORPUS, lines_of, load_articles
from _servers import ROOT, Server, baseline_command, serving
from _tables import machine, table
from api import CONNECTIONS, OPTION_SETS, PAGE_BYTES  # the same load as bench/api.py

PROBE = b'{"segments":[]}'
PARTS = ("matcher", "judgement", "core", "process")  # what bench/_parted_server.py times


def parted_command(judgement: str) -> list[str]:
    script = ROOT / "bench" / "_parted_server.py"
    return [sys.executable, str(script), "--judgement", judgement]


def parts_of(server: Server) -> dict[str, float]:
    """The parts' CPU per request since the last call (the server then counts afresh)."""
    url = server.url.rsplit("/v1/", 1)[0] + "/bench/parts"
    with urllib.request.urlopen(url, timeout=10) as reply:
        found: dict[str, float] = orjson.loads(reply.read())
        return found


def write_bodies(folder: Path, lines: list[str]) -> dict[str, dict[str, Path]]:
    """Per option set, a file of bodies for the baseline and one for ours (no cards)."""
    pages = [orjson.loads(body) for body in _wrk.bodies(lines, PAGE_BYTES, cold=True)]
    files: dict[str, dict[str, Path]] = {}
    for n, (set_name, options) in enumerate(OPTION_SETS.items()):
        files[set_name] = {}
        for who, extra in (("baseline", {}), ("ours", {"cards": False})):
            path = folder / f"{n}-{who}.jsonl"
            bodies = [orjson.dumps({**page, "options": {**options, **extra}}) for page in pages]
            path.write_bytes(b"\n".join(bodies) + b"\n")
            files[set_name][who] = path
    return files


@dataclass
class Runs:
    """One contender's measured runs at one option set."""

    rates: list[float] = field(default_factory=list)  # requests/s
    cpus: list[float] = field(default_factory=list)  # server CPU us a request
    parts: list[dict[str, float]] = field(default_factory=list)  # ours only


def measure(
    servers: dict[str, Server], bodies: dict[str, Path], rounds: int, seconds: int
) -> dict[str, Runs]:
    """Every contender's runs at one option set, taking turns round after round."""
    runs = {name: Runs() for name in servers}
    for round_ in range(rounds):
        for n, (name, server) in enumerate(servers.items()):
            body = bodies["baseline" if name == "baseline" else "ours"]
            run_id = f"{n}r{round_}{body.stem}"
            _wrk.run(server.url, body, True, run_id + "u", 1, CONNECTIONS)
            parted = name != "baseline"
            if parted:
                parts_of(server)  # counts start here
            cpu = server.cpu_seconds()
            result = _wrk.run(server.url, body, True, run_id, seconds, CONNECTIONS)
            runs[name].rates.append(result.requests_per_s)
            runs[name].cpus.append((server.cpu_seconds() - cpu) / max(result.requests, 1) * 1e6)
            if parted:
                runs[name].parts.append(parts_of(server))
    return runs


def rows_of(set_name: str, runs: dict[str, Runs]) -> list[list[str]]:
    base = statistics.median(runs["baseline"].rates)
    rows = []
    for name, measured in runs.items():
        rate = statistics.median(measured.rates)
        cpu = statistics.median(measured.cpus)
        row = [set_name, name, f"{rate:,.0f}", f"{rate / base:.2f}x", f"{cpu:,.0f}"]
        if measured.parts:
            spent = {key: statistics.median(p[key] for p in measured.parts) for key in PARTS}
            rest = spent["core"] - spent["matcher"] - spent["judgement"]
            row += [f"{spent['matcher']:,.0f}", f"{spent['judgement']:,.0f}"]
            row += [f"{rest:,.0f}", f"{spent['process'] - spent['core']:,.0f}"]
        else:
            row += ["", "", "", ""]
        rows.append(row)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=4, help="of each measured run")
    args = parser.parse_args()
    lines = [line for article in load_articles(args.corpus) for line in lines_of(article)]
    print(f"# Where a cold request's CPU goes\n\n{machine()}\n", flush=True)
    rows = []
    with (
        tempfile.TemporaryDirectory() as folder,
        serving(baseline_command(1), "/", PROBE) as baseline,
        serving(parted_command("on"), "/v1/annotate", PROBE) as judged,
        serving(parted_command("off"), "/v1/annotate", PROBE) as unjudged,
    ):
        files = write_bodies(Path(folder), lines)
        servers = {
            "baseline": baseline,
            "ours, judgement on": judged,
            "ours, judgement off": unjudged,
        }
        for set_name in OPTION_SETS:
            rows += rows_of(set_name, measure(servers, files[set_name], args.rounds, args.seconds))
            print(f"  done: {set_name}", file=sys.stderr, flush=True)
    header = ["options", "server", "req/s", "x baseline", "server CPU us/req", "matcher us"]
    header += ["judgement us", "rest of the core us", "outside the core us"]
    print(
        f"Fresh 20 KB pages, {CONNECTIONS} connections, one worker, medians of {args.rounds} "
        f"runs of {args.seconds} s; ours as the extension calls it (no cards). Parts: CPU per "
        "request on the serving thread; outside the core: the rest of the process's CPU "
        "(uvicorn, the middleware, reading, checking and caching, the response).\n"
    )
    print(table(header, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
