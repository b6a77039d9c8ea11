"""The server writes no page text to any log, at any level, for good and bad requests alike.

One run at `trace`, uvicorn's most verbose level, with the access log on: every record any
lower level would write is written there too, so this covers every level.
"""

from __future__ import annotations

import contextlib
import json
import socket
from pathlib import Path

import pytest
from ai_glossary.serving import LOG_LEVELS
from ai_glossary.settings import Settings
from ai_glossary.web.redaction import loggable_path

from tests.conftest import DICTIONARIES
from tests.support.servers import Backend, post_annotate, running_backend, status_of

MARKER = "PAGETEXT-9f8e7d"


def raw(backend: Backend, data: bytes) -> None:
    port = int(backend.url.rsplit(":", 1)[1])
    with (
        socket.create_connection(("127.0.0.1", port), timeout=5) as sock,
        contextlib.suppress(OSError),
    ):
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        while sock.recv(65536):
            pass


def bad_bodies() -> list[tuple[bytes, int]]:
    text = f"{MARKER} about LLMs and RLHF"
    return [
        (json.dumps({"segments": [text]}).encode(), 200),
        (json.dumps({"segments": [text], "options": {"page_is_ai": True}}).encode(), 200),
        (json.dumps({"segments": [text], "options": {MARKER: True}}).encode(), 422),
        (json.dumps({MARKER: [text]}).encode(), 422),
        (json.dumps({"segments": [text, 1]}).encode(), 422),
        # Just over the body limit: small enough to be sent whole before the 413 comes back
        # (a far larger body races the server's early refusal into a broken pipe).
        (
            json.dumps(
                {"segments": [text * (Settings().max_body_bytes // len(text) + 1)]}
            ).encode(),
            413,
        ),
        (json.dumps({"segments": [text + "\ud800"]}).encode(), 400),
        (f'{{"segments": ["{MARKER}'.encode(), 400),
        (f'{{"segments": ["{MARKER}"]}} trailing {MARKER}'.encode(), 400),
        (MARKER.encode("utf-16"), 400),
    ]


def test_no_log_level_writes_page_text(tmp_path: Path) -> None:
    args = ("--access-log", "--log-level", "trace")
    with running_backend(DICTIONARIES / "rules", log_dir=tmp_path, extra_args=args) as backend:
        for body, status in bad_bodies():
            assert post_annotate(backend, body) == status
        head = b"POST /v1/annotate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        body = json.dumps({"segments": [MARKER]}).encode()
        raw(backend, head + b"Content-Length: 500\r\n\r\n" + body)  # cut off mid-body
        raw(backend, head + b"Content-Length: 5\r\n\r\n" + body)  # the rest is no request
        raw(backend, head + b"Content-Length: nope\r\n\r\n" + body)  # not HTTP
        raw(backend, MARKER.encode() + b"\r\n\r\n")  # not HTTP at all
        backend.stop()
        log = backend.log()
    assert "HTTP connection made" in log and "ASGI [" in log  # trace logging was on
    assert "POST /v1/annotate" in log  # and so was the access log
    assert MARKER not in log


LOOKUP = "lookup-5a1c7e"  # what a reader searched for or typed as an address


def get(backend: Backend, path: str) -> int:
    return status_of(backend.url + path)


@pytest.mark.parametrize("level", LOG_LEVELS)
def test_no_log_level_writes_what_a_reader_looked_up(tmp_path: Path, level: str) -> None:
    """Queries and the slugs of term addresses are the reader's words: never in the log."""
    args = ("--access-log", "--log-level", level)
    with running_backend(DICTIONARIES / "rules", log_dir=tmp_path, extra_args=args) as backend:
        for path, status in [
            (f"/v1/search?q={LOOKUP}", 200),
            (f"/search?q={LOOKUP}+words", 200),
            (f"/terms/{LOOKUP}", 404),
            (f"/terms/{LOOKUP}%20words?from={LOOKUP}", 404),
            (f"/v1/terms/{LOOKUP}", 404),
            (f"/terms?category={LOOKUP}", 404),
            ("/terms/rlhf", 200),
        ]:
            assert get(backend, path) == status, path
        backend.stop()
        log = backend.log()
    assert LOOKUP not in log.lower()
    if level in ("info", "debug", "trace"):  # the access log was written, with the routes
        assert '"GET /v1/search HTTP/1.1" 200' in log
        assert '"GET /terms/{slug} HTTP/1.1" 404' in log
        assert '"GET /v1/terms/{slug} HTTP/1.1" 404' in log
        assert '"GET /terms HTTP/1.1" 404' in log


def test_a_logged_path_is_its_route() -> None:
    assert loggable_path(f"/terms/{LOOKUP}") == "/terms/{slug}"
    assert loggable_path(f"/v1/search?q={LOOKUP}") == "/v1/search"
    assert loggable_path("/static/glossary.css?v=1") == "/static/glossary.css"
