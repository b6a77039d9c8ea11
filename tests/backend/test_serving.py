"""What `ai_glossary.serving` relies on in uvicorn, checked so that an upgrade fails loudly,
and how several workers share connections.

uvicorn has no setting that caps a request head's size for httptools or gives the head a
deadline, so `ai_glossary.serving` subclasses its `HttpToolsProtocol`: it overrides some of
its methods and reads its `cycle`, `cycle.response_complete`, `transport` and `loop`. None of
that is public API. pyproject.toml pins uvicorn below 1.0, and these tests name what moved
when a release within that range changes it. The guards' real behaviour over sockets is
tested against `glossary serve` in tests/backend/web/test_slow_clients.py.

With several workers, `run_uvicorn` gives each worker a listening socket of its own by
overriding `Multiprocess.sockets`, which uvicorn's supervisor reads each time it starts a
worker; a test below checks that it still does.
"""

from __future__ import annotations

import asyncio
import http.client
import inspect
import os
import subprocess
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import pytest
from ai_glossary import serving
from ai_glossary.serving import MAX_HEAD_BYTES, GuardedHttpToolsProtocol
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState
from uvicorn.supervisors import Multiprocess

from tests.conftest import DICTIONARIES
from tests.support.servers import GLOSSARY, running_backend

BROKEN = (
    f"uvicorn {metadata.version('uvicorn')} changed HttpToolsProtocol, which "
    "ai_glossary.serving.GuardedHttpToolsProtocol subclasses (it caps a request head's size "
    "and gives it a deadline; see docs/reliability.md): {what}. Adapt serving.py to it, or pin "
    "uvicorn below this version in pyproject.toml."
)
Protocol = TypeVar("Protocol", bound=HttpToolsProtocol)
REQUEST = b"GET / HTTP/1.1\r\nHost: test\r\n\r\n"

OVERRIDES = sorted(
    name
    for name, value in vars(GuardedHttpToolsProtocol).items()
    if inspect.isfunction(value) and not name.startswith("_")
)
HELPERS = sorted(
    name
    for name in vars(GuardedHttpToolsProtocol)
    if name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
)


class FakeTransport(asyncio.Transport):
    """Records what the protocol writes, and whether it closed the connection."""

    def __init__(self) -> None:
        super().__init__()
        self.written = bytearray()
        self.closed = False

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 50000), "sockname": ("127.0.0.1", 8000)}.get(
            name, default
        )

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.written += data

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def app(scope: Any, receive: Callable[..., Any], send: Callable[..., Any]) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def protocol(kind: type[Protocol]) -> Protocol:
    """A real protocol of the running loop, as uvicorn would make one for a connection."""
    config = Config(app, http=kind, ws="none", lifespan="off", log_config=None)
    return kind(config, ServerState(), {}, _loop=asyncio.get_running_loop())


async def turns(count: int = 10) -> None:
    """Let the loop run ready tasks and due timers, without waiting on the clock."""
    for _ in range(count):
        await asyncio.sleep(0)


@pytest.mark.parametrize("name", OVERRIDES)
def test_every_override_has_uvicorns_signature(name: str) -> None:
    assert callable(getattr(HttpToolsProtocol, name, None)), BROKEN.format(
        what=f"it no longer has a method {name}(), which the subclass overrides"
    )
    theirs = inspect.signature(getattr(HttpToolsProtocol, name)).parameters.values()
    ours = inspect.signature(getattr(GuardedHttpToolsProtocol, name)).parameters.values()
    assert [(p.name, p.kind) for p in theirs] == [(p.name, p.kind) for p in ours], BROKEN.format(
        what=f"{name}() now takes ({', '.join(map(str, theirs))})"
    )


def test_overrides_are_the_ones_the_guards_need() -> None:
    # A new override is a new dependency on uvicorn's internals: list it here on purpose.
    assert OVERRIDES == [
        "connection_lost",
        "connection_made",
        "on_header",
        "on_headers_complete",
        "on_message_begin",
        "on_response_complete",
        "on_url",
        "shutdown",  # marks the worker as draining, for /readyz (web/probes.py)
    ]


def test_attributes_read_are_set_by_a_real_protocol() -> None:
    async def scenario() -> None:
        guarded = protocol(GuardedHttpToolsProtocol)
        transport = FakeTransport()
        guarded.connection_made(transport)
        assert guarded.transport is transport, BROKEN.format(
            what="connection_made() no longer keeps the transport in `self.transport`"
        )
        assert guarded.loop is asyncio.get_running_loop(), BROKEN.format(
            what="the event loop is no longer `self.loop`"
        )
        assert hasattr(guarded, "cycle") and guarded.cycle is None, BROKEN.format(
            what="`self.cycle` is no longer None before the first request"
        )
        guarded.data_received(REQUEST)
        await turns()
        assert transport.written.startswith(b"HTTP/1.1 200"), bytes(transport.written)
        assert getattr(guarded.cycle, "response_complete", None) is True, BROKEN.format(
            what="`self.cycle.response_complete` is no longer True once a response is sent"
        )
        guarded.connection_lost(None)

    asyncio.run(scenario())


def test_helpers_shadow_nothing_of_uvicorns() -> None:
    async def scenario() -> set[str]:
        plain = protocol(HttpToolsProtocol)
        plain.connection_made(FakeTransport())
        plain.data_received(REQUEST)
        await turns()
        theirs = set(dir(HttpToolsProtocol)) | set(vars(plain))
        plain.connection_lost(None)
        return theirs

    theirs = asyncio.run(scenario())
    clashes = sorted(set(HELPERS) & theirs)
    assert not clashes, BROKEN.format(what=f"it now has {clashes} too, which the subclass defines")


def test_a_head_too_large_gets_a_400_and_the_connection_closed() -> None:
    async def scenario() -> FakeTransport:
        guarded = protocol(GuardedHttpToolsProtocol)
        transport = FakeTransport()
        guarded.connection_made(transport)
        filler = b"x" * MAX_HEAD_BYTES
        guarded.data_received(b"GET / HTTP/1.1\r\nHost: test\r\nX-Filler: " + filler + b"\r\n\r\n")
        await turns()
        guarded.connection_lost(None)
        return transport

    transport = asyncio.run(scenario())
    assert transport.written.startswith(b"HTTP/1.1 400"), BROKEN.format(
        what="an exception raised from a parser callback no longer gets a 400"
    )
    assert transport.closed


def test_the_head_deadline_runs_from_connecting_and_from_each_response(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(serving, "head_timeout", lambda: 0.0)  # due at the loop's next turn

    async def scenario() -> tuple[FakeTransport, FakeTransport]:
        idle, served = FakeTransport(), FakeTransport()
        protocol(GuardedHttpToolsProtocol).connection_made(idle)
        guarded = protocol(GuardedHttpToolsProtocol)
        guarded.connection_made(served)
        guarded.data_received(REQUEST)  # the head is complete before the deadline is due
        await turns()
        return idle, served

    idle, served = asyncio.run(scenario())
    assert idle.closed, "a connection that never sent a head was not closed at the deadline"
    assert served.written.startswith(b"HTTP/1.1 200")
    assert served.closed, BROKEN.format(
        what="the deadline for the next head no longer starts when a response completes"
    )


def test_uvicorns_supervisor_reads_its_sockets_for_every_worker_it_starts() -> None:
    source = inspect.getsource(Multiprocess)
    starts = source.count("Process(self.config, ")
    assert starts >= 3 and starts == source.count("Process(self.config, self.sockets)"), (
        BROKEN.format(what="Multiprocess no longer starts every worker with self.sockets")
    )


def test_two_workers_share_the_connections_a_client_opens_at_once(tmp_path: Path) -> None:
    """Connections opened together are spread between the two workers. With one shared
    listening socket, the worker that woke first took all of wrk's sixteen in two of three
    tries (and 10 of 16 in the third). Each worker's own socket gets a connection by a hash of
    its addresses, a coin toss: sixty-four connections make a fair split all but certain to
    give each worker eight or more (with sixteen, a clean-clone run once saw one worker hold
    a single connection, a chance of about one in two thousand a try)."""
    with running_backend(
        DICTIONARIES / "rules", log_dir=tmp_path, extra_args=("--workers", "2")
    ) as backend:
        port = int(backend.url.rsplit(":", 1)[1])
        _wait_for_listeners(port, 2)
        for _ in range(2):
            held = _connections_by_process(backend.process.pid, port, 64)
            assert len(held) == 2 and min(held.values()) >= 8, held


def test_a_second_server_cannot_join_the_workers_sockets(tmp_path: Path) -> None:
    """SO_REUSEPORT lets a process of the same user bind a port whose sockets allow it: a
    second `glossary serve` must still be refused, not share the connections."""
    with running_backend(
        DICTIONARIES / "rules", log_dir=tmp_path, extra_args=("--workers", "2")
    ) as backend:
        port = backend.url.rsplit(":", 1)[1]
        _wait_for_listeners(int(port), 2)
        rules = str(DICTIONARIES / "rules")
        second = subprocess.run(
            [*GLOSSARY, "serve", "--dictionary", rules, "--port", port, "--workers", "2"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 2, second.stderr
        assert f"127.0.0.1:{port} is in use" in second.stderr
        assert len(_sockets(int(port), "0A")) == 2


def _wait_for_listeners(port: int, count: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while len(_sockets(port, "0A")) < count:  # 0A: LISTEN
        assert time.monotonic() < deadline, f"fewer than {count} sockets listen on {port}"
        time.sleep(0.1)


def _connections_by_process(parent: int, port: int, count: int) -> dict[int, int]:
    """Opens `count` connections at once, gets a reply on each, and counts the connections
    each worker (a child of `parent`) holds."""
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(count)]
    try:
        for connection in connections:
            connection.connect()
        for connection in connections:
            connection.request("GET", "/healthz")
            connection.getresponse().read()
        served = _sockets(port, "01")  # 01: ESTABLISHED, on the server's side
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        held = {int(pid): len(served & _socket_inodes(int(pid))) for pid in children}
        return {pid: n for pid, n in held.items() if n}
    finally:
        for connection in connections:
            connection.close()


def _sockets(port: int, state: str) -> set[str]:
    """Inodes of the TCP sockets whose local port is `port`, in `state` (/proc/net/tcp)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                found.add(fields[9])
    return found


def _socket_inodes(pid: int) -> set[str]:
    found = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:[") : -1])
    return found
