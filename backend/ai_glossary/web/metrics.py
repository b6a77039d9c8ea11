"""`/metrics` in Prometheus's text format, and the middleware that counts what it shows.

Labels are chosen by the server, never typed by a reader: a route's template
(`/terms/{slug}`, never the slug), a method, a status, a glossary id and version. Segments
and characters are counted, never kept.

With several workers, `glossary serve` sets PROMETHEUS_MULTIPROC_DIR to a fresh folder:
prometheus-client then keeps each worker's values in files there and `/metrics`, whichever
worker answers it, adds up every worker's.
"""

from __future__ import annotations

import os
import time
from typing import Any

import orjson
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ANNOTATE = "/v1/annotate"
# Seconds: the pages and the API answer in a few ms; annotating a large page takes longer.
# Methods counted by name; any other is "other" (a label's values stay few).
METHODS = frozenset({"GET", "HEAD", "POST", "OPTIONS"})
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


def _multiprocess() -> bool:
    return "PROMETHEUS_MULTIPROC_DIR" in os.environ


class Metrics:
    """The application's metrics, in a registry of their own (one per app)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "glossary_requests", "Requests answered.", ["route", "method", "status"], registry=r
        )
        self.latency = Histogram(
            "glossary_request_seconds",
            "Time to answer a request, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.segments = Counter(
            "glossary_annotated_segments", "Segments annotated (200 replies).", registry=r
        )
        self.characters = Counter(
            "glossary_annotated_characters", "Characters of the segments annotated.", registry=r
        )
        self.cache = Counter(
            "glossary_annotate_cache",
            "Annotate replies found in (hit) or added to (miss) the reply cache.",
            ["result"],
            registry=r,
        )
        for result in ("hit", "miss"):
            self.cache.labels(result)  # both shown from the start, at 0
        self.reloads = Counter(
            "glossary_reloads", "New dictionary data swapped in by a worker.", registry=r
        )
        self.dictionary = Gauge(
            "glossary_dictionary_info",
            "1 for each glossary and version a live worker serves.",
            ["glossary", "version"],
            multiprocess_mode="livemax",
            registry=r,
        )
        self._served: Any = None  # the AppState last seen, to notice reloads

    def exposition(self) -> bytes:
        if not _multiprocess():
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)

    def note_cache(self, hit: bool) -> None:
        """For the annotate handler: a reply came from the cache (hit) or was worked out."""
        self.cache.labels("hit" if hit else "miss").inc()

    def note_state(self, state: Any) -> None:
        """Follow the dictionary served: its versions, and each reload swapped in."""
        if state is None or state is self._served:
            return
        if self._served is not None:
            self.reloads.inc()
            for glossary in self._served.library.glossaries:
                self.dictionary.labels(glossary.id, glossary.version).set(0)
        for glossary in state.library.glossaries:
            self.dictionary.labels(glossary.id, glossary.version).set(1)
        self._served = state

    def note_annotated(self, body: bytes, volume: tuple[int, int] | None) -> None:
        """Count the segments and characters of an annotate body that got a 200: `volume`
        as the handler counted them, or from the body when it did not (a cached reply)."""
        if volume is None:
            try:
                segments = orjson.loads(body)["segments"]
            except (orjson.JSONDecodeError, KeyError, TypeError):
                return
            volume = len(segments), sum(len(s) for s in segments if isinstance(s, str))
        self.segments.inc(volume[0])
        self.characters.inc(volume[1])


def metrics_of(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


async def metrics_endpoint(request: Request) -> Response:
    body = metrics_of(request).exposition()
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def route_label(scope: Scope) -> str:
    """The matched route's template; "unmatched" for a 404 (never the path itself)."""
    route: BaseRoute | None = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class CountRequests:
    """Counts every HTTP request by route and status, and times it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.metrics = Metrics()
        # Few: routes are templates, methods and statuses from short lists.
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            scope["app"].state.metrics = self.metrics
            await self.app(scope, receive, self._on_lifespan(send))
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app fails before answering
        body: list[bytes] = []

        async def keep_body() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                body.append(message.get("body", b""))
            return message

        async def note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        annotating = scope["path"] == ANNOTATE and scope["method"] == "POST"
        try:
            await self.app(scope, keep_body if annotating else receive, note_status)
        finally:
            self._count(scope, status, time.perf_counter() - started)
            if annotating and status == 200:
                volume = scope.get("state", {}).get("annotated")
                self.metrics.note_annotated(b"".join(body) if volume is None else b"", volume)

    def _count(self, scope: Scope, status: int, seconds: float) -> None:
        route = route_label(scope)
        method = scope["method"] if scope["method"] in METHODS else "other"
        # The labelled children, found once: `labels()` checks and locks on every call
        # (counting a request: 2.3 us with it, 0.8 with the children kept).
        children = self._children.get((route, method, status))
        if children is None:
            children = self._children[route, method, status] = (
                self.metrics.requests.labels(route, method, str(status)),
                self.metrics.latency.labels(route),
            )
        children[0].inc()
        children[1].observe(seconds)
        self.metrics.note_state(getattr(scope["app"].state, "glossary", None))

    def _on_lifespan(self, send: Send) -> Send:
        async def forget_worker(message: Message) -> None:
            # A worker that stops takes its live gauges with it (counters stay summed).
            if message["type"] == "lifespan.shutdown.complete" and _multiprocess():
                multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
            await send(message)

        return forget_worker
