"""How `glossary serve` runs uvicorn: every limit and timeout chosen on purpose.

docs/reliability.md explains each choice and the tests that hold it
(tests/backend/web/test_slow_clients.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import sys
from functools import cache
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

from ai_glossary.settings import Settings
from ai_glossary.web.probes import start_draining

# uvicorn's levels, least verbose first; no level logs page text (test_privacy.py).
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
# Request line plus headers, in bytes. Browsers send well under 8 KiB.
MAX_HEAD_BYTES = 64 * 1024

UVICORN_OPTIONS: dict[str, Any] = {
    # httptools (fast) with the two guards it lacks: a cap on the head's size (it accepted a
    # 13 MB header) and a deadline for the head (see GuardedHttpToolsProtocol).
    "http": "ai_glossary.serving:GuardedHttpToolsProtocol",
    "ws": "none",  # no WebSocket routes: refuse upgrades instead of parsing them
    "timeout_keep_alive": 5,  # seconds an idle keep-alive connection stays open
    "timeout_graceful_shutdown": 10,  # seconds in-flight requests get on SIGTERM (a setting)
    "limit_concurrency": 1000,  # connections + tasks per worker; past it, a quick 503
    "backlog": 2048,  # pending connections the kernel queues (capped by somaxconn)
    "server_header": False,  # no version banner
    "proxy_headers": False,  # X-Forwarded-* only from forwarded_allow_ips (a setting)
    "lifespan": "on",  # the matcher is built at start-up; a failure there stops the worker
}


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """UVICORN_OPTIONS with what the settings choose: the proxies believed, the drain time."""
    options = {**UVICORN_OPTIONS, "timeout_graceful_shutdown": settings.shutdown_timeout}
    if settings.forwarded_allow_ips:
        # uvicorn then takes the client's address and scheme (so links' http or https) from
        # X-Forwarded-For and X-Forwarded-Proto, but only from these addresses.
        options["proxy_headers"] = True
        options["forwarded_allow_ips"] = ",".join(settings.forwarded_allow_ips)
    return options


@cache
def head_timeout() -> float:
    """The `head_timeout` setting, which `glossary serve` hands every worker in its env."""
    return Settings.from_env().head_timeout


class HeadTooLarge(Exception):
    """Raised from a parser callback; uvicorn answers it as an invalid request (400)."""


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with limits on each request head.

    Size: at most MAX_HEAD_BYTES of request line and headers, else a 400 and the connection
    is closed. Time: `head_timeout` seconds to send the head, from the moment the connection
    opens or the previous response ends, else the connection is closed. This stops
    slowloris-style clients from holding a place for ever: uvicorn has no such deadline, and
    its keep-alive timer restarts on every byte received.

    No uvicorn setting does either for httptools (`h11_max_incomplete_event_size` is h11's
    only), hence a subclass. It overrides uvicorn's methods and reads its `cycle`,
    `transport` and `loop`, none of them public: pyproject.toml pins uvicorn below 1.0, and
    tests/backend/test_serving.py fails, naming what moved, when a release changes them.
    """

    _head_bytes = 0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def shutdown(self) -> None:
        # uvicorn calls this on every open connection once SIGTERM has closed the listening
        # socket: from then on, /readyz says "draining" to any request still in flight.
        start_draining()
        super().shutdown()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)  # ": " and CRLF
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._stop_head_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._awaiting_head():
            self._start_head_timer()

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > MAX_HEAD_BYTES:
            raise HeadTooLarge

    def _awaiting_head(self) -> bool:
        """No request in progress: the next thing the client owes is a request head."""
        idle = self.cycle is None or self.cycle.response_complete
        return idle and not self.transport.is_closing()

    def _start_head_timer(self) -> None:
        self._stop_head_timer()
        self._head_timer = self.loop.call_later(head_timeout(), self._head_too_slow)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self._awaiting_head():
            self.transport.close()


def run_uvicorn(app: str, *, host: str, port: int, workers: int, **options: Any) -> None:
    """`uvicorn.run`, but several workers on Linux each listen on a socket of their own.

    uvicorn's workers share one listening socket, and the worker that wakes first accepts
    every connection waiting: a client that opens its connections at once (a proxy's pool,
    wrk's 16) lands them all, or most, on one worker while the others idle. Here each worker
    binds its own socket to the address with SO_REUSEPORT, and the kernel spreads new
    connections between them by a hash of their addresses (tests/backend/test_serving.py).
    """
    if workers < 2 or not sys.platform.startswith("linux") or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(app, host=host, port=port, workers=workers, **options)
        return
    config = uvicorn.Config(app, host=host, port=port, workers=workers, **options)
    _listening_socket(config).close()  # a port in use fails here, once, as uvicorn's would
    logging.getLogger("uvicorn.error").info(
        "Uvicorn running on http://%s:%d with %d workers, a socket each", host, port, workers
    )
    with contextlib.suppress(KeyboardInterrupt):  # as uvicorn.run: Ctrl-C ends quietly
        _SocketEach(config, sockets=[]).run()


class _SocketEach(Multiprocess):
    """uvicorn's supervisor (it starts, watches, restarts and stops the workers), giving
    every worker it starts a listening socket of its own."""

    @property
    def sockets(self) -> list[socket.socket]:
        return [_listening_socket(self.config)]

    @sockets.setter
    def sockets(self, shared: list[socket.socket]) -> None:
        pass  # the one socket uvicorn would share: none here


def _listening_socket(config: uvicorn.Config) -> socket.socket:
    """A TCP socket bound to the configured address in a SO_REUSEPORT group (the worker's
    server listens on it)."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((config.host, config.port))
    except OSError as error:
        sock.close()
        logging.getLogger("uvicorn.error").error(error)
        sys.exit(STARTUP_FAILURE)
    sock.set_inheritable(True)
    return sock
