"""Issue 15's memory and starvation attack on a real `glossary serve`, with figures.

    .venv/bin/python bench/attack.py               # about a minute
    .venv/bin/python bench/attack.py --requests 4  # shorter

Starts `glossary serve` (one worker, the bundled glossary) on a free loopback port and, while
a prober asks `/healthz` every 50 ms, runs three phases:

1. the attack as it was found: ten segments of 200,000 characters a request, dense with
   terms, each with a unique prefix so that no cache helps;
2. the same at the largest a request may now carry (`/v1/limits`), from three clients at once;
3. prose from the corpus at those limits, as is and with one emoji a segment (the sense
   judgement's cost grows with the square of a segment's marks: see docs/reliability.md).

Prints, per phase, the replies' statuses and times and the worker's resident memory, and the
`/healthz` latency meanwhile. Figures, not a test: tests/backend/web/test_memory.py holds the
behaviour. Run it against older code with PYTHONPATH=<old checkout>/backend.
"""

from __future__ import annotations

import argparse
import http.client
import json
import select
import socket
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from _servers import Server, glossary_command, serving

DENSE = "RLHF "  # a term every five characters, with no other sense
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def post(port: int, body: bytes, timeout: float = 120) -> tuple[int, float]:
    """Status and seconds of one annotate request; the body is sent only if the server has
    not already answered its head (a refused body is never read)."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(
            b"POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        answered, _, _ = select.select([sock], [], [], 0.5)
        if not answered:
            sock.sendall(body)
        response = http.client.HTTPResponse(sock)
        response.begin()
        response.read()
        return response.status, time.perf_counter() - started


class Prober(threading.Thread):
    """GET /healthz every 50 ms; keeps each latency (inf: no answer within 30 s)."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.url = base + "/healthz"
        self.stop = threading.Event()
        self.latencies: list[float] = []

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(self.url, timeout=30) as response:
                    response.read()
                self.latencies.append(time.perf_counter() - started)
            except OSError:
                self.latencies.append(float("inf"))
            time.sleep(0.05)

    def take(self) -> list[float]:
        taken, self.latencies = self.latencies, []
        return taken


def unique(texts: list[str], tag: str) -> list[str]:
    return [f"{tag}.{index} {text}" for index, text in enumerate(texts)]


def phase(
    name: str,
    server: Server,
    prober: Prober,
    bodies: Callable[[int], list[bytes]],
    clients: int,
) -> None:
    port = int(server.url.split(":")[2].split("/")[0])
    results: list[tuple[int, float]] = []
    before = server.worker_rss()[0]

    def client(number: int) -> None:
        for body in bodies(number):
            try:
                results.append(post(port, body))
            except OSError:  # no answer within the timeout
                results.append((0, float("inf")))

    prober.take()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    after = server.worker_rss()[0]
    latencies = sorted(prober.take())
    statuses = sorted({status for status, _ in results})
    times = sorted(seconds for _, seconds in results)
    print(f"\n## {name}\n")
    print(f"- requests: {len(results)} in {elapsed:.1f} s, statuses {statuses} (0: no answer)")
    print(f"- reply time: median {statistics.median(times):.2f} s, max {times[-1]:.2f} s")
    print(f"- worker RSS: {before:.0f} MB -> {after:.0f} MB")
    if latencies:
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(
            f"- /healthz meanwhile: {len(latencies)} probes, median "
            f"{statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
            f"max {latencies[-1] * 1000:.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=8, help="requests a phase (per client)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    prose = " ".join(
        " ".join(path.read_text("utf-8").split()) for path in sorted(args.corpus.glob("*.txt"))
    )
    probe = json.dumps({"segments": ["RLHF"]}).encode()
    with serving(glossary_command(1, None), "/v1/annotate", probe) as server:
        base = server.url.removesuffix("/v1/annotate")
        limits = json.loads(urllib.request.urlopen(base + "/v1/limits").read())
        chars = limits["segment_chars"]
        count = max(1, limits["body_bytes"] // (chars + 32))
        prober = Prober(base)
        prober.start()

        def dense(segments: int, size: int) -> Callable[[int], list[bytes]]:
            text = (DENSE * (size // len(DENSE)))[: size - 12]
            return lambda client: [
                json.dumps({"segments": unique([text] * segments, f"{client}-{r}")}).encode()
                for r in range(args.requests)
            ]

        def corpus(emoji: str, segments: int) -> Callable[[int], list[bytes]]:
            texts = [emoji + prose[i * chars : (i + 1) * chars - 12] for i in range(segments)]
            return lambda client: [
                json.dumps({"segments": unique(texts, f"{client}-{r}")}).encode()
                for r in range(max(1, args.requests // 4))
            ]

        phase("Ten segments of 200,000 characters a request", server, prober, dense(10, 200_000), 1)
        phase(
            f"{count} segments of {chars:,} characters a request, three clients",
            server,
            prober,
            dense(count, chars),
            3,
        )
        phase(f"Corpus prose, {count} segments of {chars:,}", server, prober, corpus("", count), 1)
        emoji = corpus("\N{GRINNING FACE} ", 1)
        phase(f"Corpus prose, one segment of {chars:,} with an emoji", server, prober, emoji, 1)
        prober.stop.set()


if __name__ == "__main__":
    main()
