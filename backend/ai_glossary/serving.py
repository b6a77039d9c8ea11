"""How `glossary serve` runs uvicorn: every limit and timeout chosen on purpose.

docs/reliability.md explains each choice and the tests that hold it
(tests/backend/web/test_slow_clients.py).
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

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
