"""Graceful shutdown of the real `glossary serve`: on SIGTERM it stops taking connections,
finishes the requests in flight within `shutdown_timeout`, then exits."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DICTIONARIES
from tests.support.servers import Backend, running_backend

RULES = DICTIONARIES / "rules"
BODY = json.dumps({"segments": ["RLHF tunes LLMs."]}).encode()


def start_slow_request(backend: Backend) -> socket.socket:
    """An annotate request whose head and first half of body are sent; the rest is owed."""
    port = int(backend.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    head = (
        "POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(BODY)}\r\n\r\n"
    )
    sock.sendall(head.encode() + BODY[:10])
    time.sleep(0.3)  # the server has the head: the request is in flight
    return sock


def refused(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).close()
    except OSError:
        return True
    return False


def wait_refused(url: str, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if refused(url):
            return True
        time.sleep(0.05)
    return False


def test_sigterm_finishes_the_request_in_flight_then_exits(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"TMPDIR": str(temp), "GLOSSARY_ADMIN_TOKEN": "shutdown-token-41"}
    with running_backend(RULES, log_dir=tmp_path, env=env) as backend:
        with urllib.request.urlopen(backend.url + "/readyz") as response:
            assert json.loads(response.read()) == {"ready": True}
        sock = start_slow_request(backend)
        backend.process.send_signal(signal.SIGTERM)
        # No new connection is taken: the readiness probe fails, so does any request.
        assert wait_refused(backend.url + "/readyz")
        time.sleep(1.0)  # the slow client takes its time
        assert backend.process.poll() is None, "still draining the request in flight"
        sock.sendall(BODY[10:])
        response = http.client.HTTPResponse(sock)
        response.begin()
        assert response.status == 200
        assert response.getheader("connection") == "close"
        assert json.loads(response.read())["terms"]
        sock.close()
        assert backend.process.wait(timeout=10) == 0
    assert "Traceback" not in backend.log()
    assert list(temp.iterdir()) == [], "the metrics folder and reload stamp are removed"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_request_that_never_ends_is_cut_at_the_shutdown_timeout(
    tmp_path: Path, workers: str
) -> None:
    env = {"GLOSSARY_SHUTDOWN_TIMEOUT": "1"}
    extra = ("--workers", workers)
    with running_backend(RULES, log_dir=tmp_path, env=env, extra_args=extra) as backend:
        sock = start_slow_request(backend)  # and never finished
        started = time.monotonic()
        backend.process.send_signal(signal.SIGTERM)
        assert backend.process.wait(timeout=10) == 0
        assert time.monotonic() - started < 5
        sock.close()
