"""What the server's log may say about a request: its route, never what a reader looked up.

Search queries (`/v1/search?q=`, `/search?q=`) and the slugs of term pages (a reader may type
`/terms/anything`) are the reader's own words. uvicorn writes the path and query of every
request into its access log (info) and its ASGI trace (`Started scope=`, trace): a filter on
those two loggers rewrites both to the path alone, with `/terms/...` as `/terms/{slug}`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

# Routes whose last part is a slug typed or chosen by a reader, and what they are logged as.
_SLUG_ROUTES = (("/v1/terms/", "/v1/terms/{slug}"), ("/terms/", "/terms/{slug}"))
# uvicorn's loggers that name a request's path.
LOGGERS = ("uvicorn.access", "uvicorn.asgi")


def loggable_path(path: str) -> str:
    """`path` without its query string, and with a term's slug replaced by `{slug}`."""
    path = path.split("?", 1)[0]
    for prefix, template in _SLUG_ROUTES:
        if path.startswith(prefix):
            return template
    return path


def _loggable_scope(scope: Mapping[str, Any]) -> dict[str, Any]:
    path = loggable_path(str(scope.get("path", "")))
    logged = {**scope, "path": path, "query_string": b""}
    if "raw_path" in scope:
        logged["raw_path"] = path.encode()
    return logged


class PathFilter(logging.Filter):
    """Rewrites the path of uvicorn's access lines and ASGI scope traces; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple):
            record.args = tuple(_redacted(arg) for arg in args)
        return True


def _redacted(arg: object) -> object:
    if isinstance(arg, Mapping) and "path" in arg:  # the ASGI scope, at trace level
        return _loggable_scope(arg)
    if isinstance(arg, str) and arg.startswith("/"):  # the access line's path and query
        return loggable_path(arg)
    return arg


def install() -> None:
    """Adds the filter to uvicorn's loggers once per process (each worker runs its lifespan)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, PathFilter) for f in logger.filters):
            logger.addFilter(PathFilter())
