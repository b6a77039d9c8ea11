"""Load test: real articles posted to /v1/annotate over many keep-alive connections.

    .venv/bin/python bench/load.py                      # 64 connections, 60 s, 2 workers
    .venv/bin/python bench/load.py --duration 10 --connections 16 --workers 1

Starts `glossary serve --workers N` on a free loopback port, warms it up, then drives it
from one asyncio process with a minimal HTTP/1.1 client (cheap enough to leave the CPU to
the server). Requests are the articles of --corpus cut into blocks and batched the way the
extension batches a page. Reports requests/s, latency percentiles, errors by kind, and the
resident memory of every worker after warm-up and at the end. Exits 1 if any request failed
or a worker's memory grew by more than --rss-tolerance.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
# The extension's batching (extension/content/annotator.js): segments and characters a request.
BATCH_SEGMENTS = 200
BATCH_CHARS = 30_000
SEGMENT_CHARS = 20_000


def request_batches(corpus: Path) -> list[list[str]]:
    """Every article as the extension would send it: its blocks, in batches."""
    paths = sorted(corpus.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no *.txt articles in {corpus} (see --corpus)")
    found: list[list[str]] = []
    for path in paths:
        blocks = [line[:SEGMENT_CHARS] for line in path.read_text("utf-8").splitlines()]
        found.extend(batches([block for block in blocks if block.strip()]))
    return found


class Bodies:
    """Request bodies: verbatim articles (cache hits once seen), or, for a `fresh` fraction
    of requests, the same blocks made unique so that the server must scan them and its
    segment cache keeps evicting (which is what shows whether memory stays bounded)."""

    def __init__(self, batches: list[list[str]], fresh: float) -> None:
        self.batches = batches
        self.verbatim = [orjson.dumps({"segments": batch}) for batch in batches]
        self.fresh = fresh
        self.serial = 0

    def pick(self, rng: random.Random) -> bytes:
        index = rng.randrange(len(self.batches))
        if rng.random() >= self.fresh:
            return self.verbatim[index]
        self.serial += 1
        tag = f"r{self.serial}"
        return orjson.dumps({"segments": [f"{tag} {block}" for block in self.batches[index]]})

    @property
    def mean_size(self) -> float:
        return sum(map(len, self.verbatim)) / len(self.verbatim)


def batches(blocks: list[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for block in blocks:
        if batch and (len(batch) == BATCH_SEGMENTS or size + len(block) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(block)
        size += len(block)
    if batch:
        yield batch


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    counting: bool = False

    def record(self, seconds: float, error: str | None) -> None:
        if not self.counting:
            return
        if error is None:
            self.latencies.append(seconds)
        else:
            self.errors[error] += 1


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects after any failure."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, body: bytes) -> bytes:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(
            b"POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
        )
        await self.writer.drain()
        status_line = await self.reader.readline()
        status = int(status_line.split(b" ", 2)[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
            elif name.lower() == b"connection" and value.strip().lower() == b"close":
                close = True
        reply = await self.reader.readexactly(length)
        if close:
            await self.close()
        if status != 200:
            raise RuntimeError(f"HTTP {status}")
        return reply

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def client(port: int, bodies: Bodies, seed: int, tally: Tally, stop: float) -> None:
    rng = random.Random(seed)
    connection = Connection(port)
    while time.monotonic() < stop:
        body = bodies.pick(rng)
        started = time.perf_counter()
        error = None
        try:
            reply = await asyncio.wait_for(connection.post(body), timeout=30)
            if b'"matches"' not in reply[:200] and b'"matches"' not in reply:
                error = "bad reply"
        except (OSError, asyncio.IncompleteReadError, TimeoutError, RuntimeError) as failure:
            error = str(failure) if isinstance(failure, RuntimeError) else type(failure).__name__
            await connection.close()
        tally.record(time.perf_counter() - started, error)
    await connection.close()


async def drive(
    port: int,
    bodies: Bodies,
    connections: int,
    warmup: float,
    duration: float,
    server: psutil.Process,
) -> tuple[Tally, dict[int, int], dict[int, int], float]:
    tally = Tally()
    start = time.monotonic()
    stop = start + warmup + duration
    tasks = [
        asyncio.create_task(client(port, bodies, seed, tally, stop)) for seed in range(connections)
    ]
    await asyncio.sleep(warmup)
    after_warmup = worker_rss(server)
    tally.counting = True
    counted_from = time.monotonic()
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - counted_from
    return tally, after_warmup, worker_rss(server), elapsed


def worker_rss(server: psutil.Process) -> dict[int, int]:
    """Resident memory of each process that serves requests, by pid."""
    children = [p for p in server.children(recursive=True) if _is_worker(p)]
    return {p.pid: p.memory_info().rss for p in children or [server]}


def _is_worker(process: psutil.Process) -> bool:
    # uvicorn's workers are spawned Python processes; multiprocessing's resource tracker is not one.
    with contextlib.suppress(psutil.Error):
        return "resource_tracker" not in " ".join(process.cmdline())
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(
    workers: int, dictionary: Path | None, env: dict[str, str] | None = None
) -> Iterator[tuple[int, psutil.Process]]:
    port = free_port()
    args = [sys.executable, "-m", "ai_glossary.cli", "serve", "--port", str(port)]
    args += ["--workers", str(workers), "--log-level", "warning"]
    if dictionary is not None:
        args += ["--dictionary", str(dictionary)]
    process = subprocess.Popen(
        args, cwd=ROOT, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    try:
        wait_until_up(port, workers)
        yield port, psutil.Process(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(port: int, workers: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    time.sleep(1.0 * workers)  # every worker has built its matcher, not only the first


RELOAD_TOKEN = "bench-load-reload"


def reload_now(port: int) -> None:
    """POST /v1/admin/reload mid-run and say how it went."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/admin/reload",
        data=b"",
        headers={"authorization": f"Bearer {RELOAD_TOKEN}"},
        method="POST",
    )
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=60) as reply:
        glossaries = json.loads(reply.read())["glossaries"]
    took = time.monotonic() - started
    print(f"reload: {reply.status} in {took:.2f} s, now serving {glossaries[0]['version']}")


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def report(
    args: argparse.Namespace,
    bodies: Bodies,
    tally: Tally,
    rss: tuple[dict[int, int], dict[int, int]],
    elapsed: float,
    client_cpu: float,
) -> bool:
    latencies = sorted(tally.latencies)
    done, errors = len(latencies), sum(tally.errors.values())
    mib = 1024 * 1024
    quantiles = ", ".join(
        f"p{round(q * 100)} {percentile(latencies, q) * 1000:.1f}" for q in (0.5, 0.9, 0.99)
    )
    lines = [
        f"load: {args.connections} connections, {args.workers} worker(s), {elapsed:.1f} s "
        f"measured after {args.warmup:g} s of warm-up, {args.fresh:.0%} of requests fresh",
        f"corpus: {len(bodies.batches)} request bodies from {args.corpus}, "
        f"{bodies.mean_size / 1024:.1f} KiB on average",
        f"requests: {done} ok, {errors} failed {dict(tally.errors) if errors else ''}".rstrip(),
        f"throughput: {done / elapsed:.1f} requests/s",
        f"latency ms: {quantiles}, max {latencies[-1] * 1000 if latencies else 0:.1f}",
        f"load generator CPU: {client_cpu:.0%} of one core",
    ]
    before, after = rss
    steady = True
    for pid in sorted(before):
        start, end = before[pid], after.get(pid, 0)
        growth = (end - start) / start
        steady &= pid in after and abs(growth) <= args.rss_tolerance
        lines.append(
            f"worker {pid}: RSS {start / mib:.1f} MiB after warm-up, {end / mib:.1f} MiB at "
            f"the end ({growth:+.1%})"
        )
    print("\n".join(lines))
    return steady and not errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt articles"
    )
    parser.add_argument("--duration", type=float, default=60, help="seconds measured (default 60)")
    parser.add_argument(
        "--warmup", type=float, default=5, help="seconds of load before (default 5)"
    )
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers to start")
    parser.add_argument("--dictionary", type=Path, help="dictionary folder (default: bundled)")
    parser.add_argument("--rss-tolerance", type=float, default=0.10, help="allowed RSS growth")
    parser.add_argument(
        "--fresh",
        type=float,
        default=0.5,
        help="fraction of requests made unique, so they miss the cache (default 0.5)",
    )
    parser.add_argument(
        "--reload-at",
        type=float,
        help="seconds into the measured run at which to reload the dictionary (needs none set)",
    )
    args = parser.parse_args(argv)
    bodies = Bodies(request_batches(args.corpus), args.fresh)
    env = {"GLOSSARY_ADMIN_TOKEN": RELOAD_TOKEN} if args.reload_at is not None else None
    with serving(args.workers, args.dictionary, env) as (port, server):
        if args.reload_at is not None:
            threading.Timer(args.warmup + args.reload_at, reload_now, (port,)).start()
        cpu = time.process_time()
        tally, before, after, elapsed = asyncio.run(
            drive(port, bodies, args.connections, args.warmup, args.duration, server)
        )
        client_cpu = (time.process_time() - cpu) / (elapsed + args.warmup)
    return 0 if report(args, bodies, tally, (before, after), elapsed, client_cpu) else 1


if __name__ == "__main__":
    with contextlib.suppress(ImportError):
        import uvloop

        uvloop.install()
    sys.exit(main())
