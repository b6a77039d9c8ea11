"""Servers under test, each in its own processes on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Server:
    url: str  # the endpoint under load
    process: psutil.Process

    def cpu_seconds(self) -> float:
        """CPU time (user and system) of the server and all its processes so far."""
        total = 0.0
        for process in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                times = process.cpu_times()
                total += times.user + times.system
        return total

    def worker_rss(self) -> list[float]:
        """Resident MB of each worker: uvicorn's spawned children, or itself when it has none."""
        children = [
            child
            for child in self.process.children(recursive=True)
            if "spawn_main" in " ".join(child.cmdline())
        ]
        return [p.memory_info().rss / 1e6 for p in children or [self.process]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def glossary_command(workers: int, dictionary: Path | None) -> list[str]:
    command = [sys.executable, "-m", "ai_glossary.cli", "serve", "--workers", str(workers)]
    return command + (["--dictionary", str(dictionary)] if dictionary else [])


def baseline_command(workers: int) -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "baseline.py"), "--workers", str(workers)]


def hello_command(workers: int) -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "hello.py"), "--workers", str(workers)]


@contextlib.contextmanager
def serving(command: Sequence[str], path: str, probe: bytes) -> Iterator[Server]:
    """Run `command --port P` until the block ends; ready once POST `path` answers 2xx."""
    port = free_port()
    arguments = [*command, "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(arguments, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}{path}"
        try:
            _wait_until_up(url, probe, process, log)
            yield Server(url, psutil.Process(process.pid))
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(
    url: str, probe: bytes, process: subprocess.Popen[bytes], log: IO[bytes]
) -> None:
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise SystemExit(f"server exited early ({url}):\n{output}")
        request = urllib.request.Request(
            url, data=probe, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if 200 <= response.status < 300:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"server did not answer at {url}")
        time.sleep(0.2)
