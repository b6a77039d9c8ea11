"""Reloading the dictionaries without a restart.

`POST /v1/admin/reload` (only when an admin token is set) builds a whole new `AppState` in a
thread and swaps it in with one assignment: requests already running finish on the state
they started with, new ones get the new one. A dictionary that does not load is refused and
the old one keeps serving. With several uvicorn workers, the worker that reloaded touches a
stamp file; the others notice within a second, on their next request, and reload too.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import time
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from ai_glossary.glossary.reader import DictionaryError
from ai_glossary.settings import Settings
from ai_glossary.web import heap
from ai_glossary.web.errors import APIError
from ai_glossary.web.responses import JSONResponse
from ai_glossary.web.state import AppState

logger = logging.getLogger("glossary.reload")
FOLLOW_EVERY = 1.0  # seconds between looks at the stamp file


class Reloader:
    def __init__(self, app: Starlette, settings: Settings, *, settle: bool = False) -> None:
        self.app = app
        self.settings = settings
        self.settle = settle  # the new state out of full collections' way (web/heap.py)
        self.stamp = Path(settings.reload_stamp) if settings.reload_stamp else None
        self._lock = asyncio.Lock()
        self._seen = self._stamp_time()
        self._looked = time.monotonic()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def busy(self) -> bool:
        """A reload is building or swapping in new data (the readiness probe says so)."""
        return self._lock.locked()

    async def reload(self, *, announce: bool = True) -> AppState:
        """Build and swap in new state; raises DictionaryError and keeps the old one."""
        async with self._lock:
            try:
                state = await asyncio.to_thread(AppState.build, self.settings)
            except DictionaryError as error:
                logger.warning("reload refused, still serving the last good dictionary:\n%s", error)
                raise
            self.app.state.glossary = state
            if self.settle:
                heap.settle()
            if announce and self.stamp is not None:
                self.stamp.write_text(str(time.time_ns()), encoding="utf-8")
                self._seen = self._stamp_time()
            versions = ", ".join(f"{g.id} {g.version}" for g in state.library.glossaries)
            logger.info("reloaded: %s", versions)
            return state

    def follow(self) -> None:
        """Reload in the background if another worker has reloaded (cheap; call per request)."""
        now = time.monotonic()
        if self.stamp is None or now - self._looked < FOLLOW_EVERY:
            return
        self._looked = now
        stamp_time = self._stamp_time()
        if stamp_time != self._seen:
            self._seen = stamp_time
            task = asyncio.get_running_loop().create_task(self._follow())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _follow(self) -> None:
        with contextlib.suppress(DictionaryError):  # logged by reload; the old state serves on
            await self.reload(announce=False)

    def _stamp_time(self) -> int:
        try:
            return os.stat(self.stamp).st_mtime_ns if self.stamp else 0
        except OSError:
            return 0


async def reload_endpoint(request: Request) -> Response:
    reloader: Reloader = request.app.state.reloader
    # Exactly "Bearer <token>": a bare token, another scheme or stray spaces are refused.
    scheme, _, supplied = request.headers.get("authorization", "").partition(" ")
    expected = reloader.settings.admin_token.encode()
    if scheme != "Bearer" or not hmac.compare_digest(supplied.encode(), expected):
        raise APIError(401, "unauthorized", "send the admin token as 'Authorization: Bearer ...'")
    try:
        state = await reloader.reload()
    except DictionaryError as error:
        problems = [str(problem) for problem in error.problems]
        return JSONResponse(
            {
                "error": {
                    "code": "dictionary_invalid",
                    "message": "the new dictionary was refused; the old one is still served",
                    "problems": problems,
                }
            },
            status_code=409,
        )
    return JSONResponse(
        {
            "ok": True,
            "glossaries": [
                {"id": g.id, "name": g.name, "version": g.version} for g in state.library.glossaries
            ],
        }
    )
