"""Slow and broken clients against the real `glossary serve`, while another client is served.

Each test opens raw sockets to misbehave exactly (tiny slow chunks, a body cut off, a
Content-Length that lies, a head that never ends) and, meanwhile, a well-behaved client in
another thread must keep getting prompt, correct answers.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.conftest import DICTIONARIES
from tests.support.servers import Backend, running_backend

BODY_TIMEOUT = 2.0
HEAD_TIMEOUT = 1.0
PROMPT = 1.0  # seconds: the slowest answer the well-behaved client may get
GOOD_BODY = json.dumps({"segments": ["RLHF made LLMs useful."]}).encode()


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    env = {"GLOSSARY_BODY_TIMEOUT": str(BODY_TIMEOUT), "GLOSSARY_HEAD_TIMEOUT": str(HEAD_TIMEOUT)}
    log_dir = tmp_path_factory.mktemp("slow-clients")
    with running_backend(
        DICTIONARIES / "rules", log_dir=log_dir, env=env, extra_args=("--access-log",)
    ) as server:
        yield server


def connect(backend: Backend) -> socket.socket:
    port = int(backend.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def head(length: int | str, path: str = "/v1/annotate") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    response = http.client.HTTPResponse(sock)
    try:
        response.begin()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        response.close()


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


class GoodClient:
    """Posts a real annotate request every 50 ms and records how long each answer took."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            request = urllib.request.Request(
                self.url + "/v1/annotate",
                data=GOOD_BODY,
                headers={"content-type": "application/json"},
            )
            started = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    reply = json.load(response)
                if [m["term"] for m in reply["matches"]] != ["rlhf", "large-language-model"]:
                    self.failures.append(f"wrong reply {reply}")
            except OSError as error:
                self.failures.append(repr(error))
            self.latencies.append(time.monotonic() - started)
            self._stop.wait(0.05)

    @contextlib.contextmanager
    def running(self) -> Iterator[GoodClient]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join(10)
        assert not self.failures, self.failures
        assert self.latencies
        assert max(self.latencies) < PROMPT, sorted(self.latencies)[-3:]


def test_body_in_tiny_slow_chunks_is_served(backend: Backend) -> None:
    body = json.dumps({"segments": ["An LLM tuned with RLHF. " * 4]}).encode()
    with GoodClient(backend.url).running(), connect(backend) as sock:
        sock.sendall(head(len(body)))
        for byte in body:  # about one second, well inside the body deadline
            sock.sendall(bytes([byte]))
            time.sleep(1.0 / len(body))
        status, _, reply = read_response(sock)
    assert status == 200
    assert len(json.loads(reply)["matches"]) == 8


def test_body_that_stalls_gets_408_and_a_closed_connection(backend: Backend) -> None:
    """A Content-Length larger than the body: the server waits for the rest only so long."""
    with GoodClient(backend.url).running(), connect(backend) as sock:
        started = time.monotonic()
        sock.sendall(head(len(GOOD_BODY) + 100) + GOOD_BODY)
        status, headers, reply = read_response(sock)
        waited = time.monotonic() - started
        assert closed_by_server(sock)
    assert status == 408
    assert json.loads(reply)["error"]["code"] == "request_timeout"
    assert headers["connection"] == "close"
    assert BODY_TIMEOUT - 0.1 < waited < BODY_TIMEOUT + 1


def test_content_length_smaller_than_the_body(backend: Backend) -> None:
    """The declared length is read as the body; the bytes after it are not a request. The
    client gets the answer to the first request or a 400 for the rest, then the connection
    is closed: never a 5xx, never the second part read as page text."""
    with GoodClient(backend.url).running(), connect(backend) as sock:
        sock.sendall(head(len(GOOD_BODY)) + GOOD_BODY + b'{"segments": ["trailing LLM"]}')
        status, headers, reply = read_response(sock)
        if status == 200:
            assert len(json.loads(reply)["matches"]) == 2
            status, headers, reply = read_response(sock)
        assert closed_by_server(sock)
    assert status == 400 and headers["connection"] == "close"


def test_content_length_cutting_the_json(backend: Backend) -> None:
    """A length that cuts the JSON: the first 10 bytes are not JSON (a 400 in the error
    shape), and the rest is not a request (a 400 from the HTTP parser, which may come first
    when both arrive together)."""
    with connect(backend) as sock:
        sock.sendall(head(10) + GOOD_BODY)
        statuses = []
        with contextlib.suppress(http.client.RemoteDisconnected, ConnectionResetError):
            for _ in range(2):
                status, headers, reply = read_response(sock)
                statuses.append(status)
                if headers["content-type"] == "application/json":
                    assert json.loads(reply)["error"]["code"] == "malformed_json"
        assert closed_by_server(sock)
    assert statuses and set(statuses) == {400}


def test_content_length_and_chunked_together_are_refused(backend: Backend) -> None:
    """Both framings at once is how request smuggling starts: refused outright, and the
    connection closed, rather than guessing which one the client meant."""
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(GOOD_BODY), GOOD_BODY)
    with connect(backend) as sock:
        sock.sendall(head(5)[:-2] + b"Transfer-Encoding: chunked\r\n\r\n" + chunked)
        status, _, _ = read_response(sock)
        assert closed_by_server(sock)
    assert status == 400


def test_chunked_body_is_served(backend: Backend) -> None:
    parts = [GOOD_BODY[i : i + 7] for i in range(0, len(GOOD_BODY), 7)]
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts)
    request = head(0).replace(b"Content-Length: 0", b"Transfer-Encoding: chunked")
    with connect(backend) as sock:
        sock.sendall(request + chunks + b"0\r\n\r\n")
        status, _, reply = read_response(sock)
    assert status == 200
    assert len(json.loads(reply)["matches"]) == 2


@pytest.mark.parametrize(("header_bytes", "status"), [(60_000, 200), (70_000, 400)])
def test_request_head_size_limit(backend: Backend, header_bytes: int, status: int) -> None:
    cookies = "".join(f"Cookie: c{i}={'x' * 990}\r\n" for i in range(header_bytes // 1000))
    request = head(len(GOOD_BODY)).replace(b"\r\n\r\n", b"\r\n" + cookies.encode() + b"\r\n")
    with connect(backend) as sock:
        sock.sendall(request + GOOD_BODY)
        assert read_response(sock)[0] == status


@pytest.mark.parametrize(
    "request_head",
    [
        head("abc"),
        head("-1"),
        head("10, 20"),
        b"POST /v1/annotate HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n",
        b"NOT HTTP AT ALL\r\n\r\n",
    ],
    ids=["not-a-number", "negative", "two-lengths", "huge-head", "garbage"],
)
def test_malformed_heads_get_400_and_a_closed_connection(
    backend: Backend, request_head: bytes
) -> None:
    with connect(backend) as sock:
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            sock.sendall(request_head + GOOD_BODY)
        try:
            status, _, _ = read_response(sock)
        except (ConnectionResetError, http.client.RemoteDisconnected):
            status = 400  # the server gave up on a head too large to read, as it should
        assert status == 400
        assert closed_by_server(sock)


def test_declared_huge_body_is_refused_before_it_is_sent(backend: Backend) -> None:
    with connect(backend) as sock:
        started = time.monotonic()
        sock.sendall(head(10**12))
        status, headers, reply = read_response(sock)
        assert time.monotonic() - started < PROMPT
        assert closed_by_server(sock)
    assert status == 413 and headers["connection"] == "close"
    assert json.loads(reply)["error"]["code"] == "payload_too_large"


def test_connections_dropped_mid_body_leave_no_trace(backend: Backend) -> None:
    with GoodClient(backend.url).running():
        for _ in range(30):
            with connect(backend) as sock:
                sock.sendall(head(1000) + GOOD_BODY[:20])
                time.sleep(0.01)
            with connect(backend) as sock:  # and one cut inside the head
                sock.sendall(head(1000)[:30])
        time.sleep(0.2)
    log = backend.log()
    assert "Traceback" not in log and "ERROR" not in log, log[-2000:]


def test_silent_and_trickling_heads_are_closed(backend: Backend) -> None:
    with GoodClient(backend.url).running():
        silent = [connect(backend) for _ in range(50)]
        trickling = connect(backend)
        started = time.monotonic()
        with contextlib.suppress(OSError):
            for byte in head(len(GOOD_BODY)):  # never finishes in time
                trickling.sendall(bytes([byte]))
                time.sleep(0.1)
        assert closed_by_server(trickling)
        assert all(closed_by_server(sock) for sock in silent)
        waited = time.monotonic() - started
    for sock in [*silent, trickling]:
        sock.close()
    assert waited < HEAD_TIMEOUT + 2


def test_many_slow_bodies_at_once_do_not_starve_others(backend: Backend) -> None:
    socks: list[socket.socket] = []
    with GoodClient(backend.url).running():
        for _ in range(100):
            sock = connect(backend)
            sock.sendall(head(len(GOOD_BODY)) + GOOD_BODY[:5])
            socks.append(sock)
        time.sleep(0.5)
        for sock in socks:
            sock.sendall(GOOD_BODY[5:])
        statuses = [read_response(sock)[0] for sock in socks]
    for sock in socks:
        sock.close()
    assert statuses == [200] * len(socks)


def test_log_names_no_body_and_stays_quiet(backend: Backend) -> None:
    """After all of the above, the log holds only start-up lines, access lines and
    uvicorn's one-line warnings for the malformed heads."""
    lines = [line for line in backend.log().splitlines() if line.strip()]
    allowed = ("INFO:", "WARNING:  Invalid HTTP request received.")
    assert all(line.startswith(allowed) for line in lines), [
        line for line in lines if not line.startswith(allowed)
    ]
