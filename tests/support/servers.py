"""Real servers for end-to-end tests: `glossary serve` and a static file server, on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = [sys.executable, "-m", "ai_glossary.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class Backend:
    """A running `glossary serve`; its output is kept for tests that read the logs."""

    def __init__(self, process: subprocess.Popen[str], url: str, log_path: Path) -> None:
        self.process = process
        self.url = url
        self.log_path = log_path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def running_backend(
    dictionary: Path | None = None,
    *,
    log_dir: Path,
    extra_args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[Backend]:
    """`glossary serve` on 127.0.0.1; `port` (default: a free one) restarts a backend on an
    address the extension already knows; `env` sets its GLOSSARY_* settings."""
    port = port or free_port()
    args = [*GLOSSARY, "serve", "--port", str(port), *extra_args]
    if dictionary is not None:
        args += ["--dictionary", str(dictionary)]
    log_path = log_dir / f"backend-{port}.log"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
        )
    backend = Backend(process, f"http://127.0.0.1:{port}", log_path)
    try:
        wait_until_up(backend.url + "/healthz")
        yield backend
    finally:
        backend.stop()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1; yields its base url."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def post_annotate(backend: Backend, body: bytes, timeout: float = 5) -> int:
    """POST a raw JSON body to the backend's /v1/annotate; its status, whatever it is."""
    request = urllib.request.Request(
        backend.url + "/v1/annotate", data=body, headers={"content-type": "application/json"}
    )
    return status_of(request, timeout)


def status_of(request: urllib.request.Request | str, timeout: float = 5) -> int:
    """Send a request (or GET a url) and read its reply whole; its status, whatever it is."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        error.close()
        return error.code
