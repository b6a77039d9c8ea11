"""Reloading the dictionaries without a restart.

`POST /v1/admin/reload` (only when an admin token is set) builds a whole new `AppState` in a
thread and swaps it in with one assignment: requests already running finish on the state
they started with, new ones get the new one. A dictionary that does not load is refused and
the old one keeps serving. With several uvicorn workers, the worker that reloaded copies the
folders it loaded beside the stamp file and writes the copy's place into the stamp; the others
notice within a second, on their next request, and load that copy: every worker serves the
same files, even if the folder is edited (or broken) before a worker follows.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from ai_glossary.glossary.library import Library, load_library
from ai_glossary.glossary.reader import DictionaryError
from ai_glossary.settings import Settings
from ai_glossary.web import heap
from ai_glossary.web.errors import APIError
from ai_glossary.web.responses import JSONResponse
from ai_glossary.web.state import AppState

logger = logging.getLogger("glossary.reload")
FOLLOW_EVERY = 1.0  # seconds between looks at the stamp file
# Copies of reloaded folders kept beside the stamp: a worker may still be loading the one
# before the newest when another reload is announced.
SNAPSHOTS_KEPT = 3


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

    async def reload(self, *, announce: bool = True, settings: Settings | None = None) -> AppState:
        """Build and swap in new state (from `settings`, by default the served folders);
        raises DictionaryError and keeps the old one."""
        async with self._lock:
            try:
                state = await asyncio.to_thread(AppState.build, settings or self.settings)
            except DictionaryError as error:
                logger.warning("reload refused, still serving the last good dictionary:\n%s", error)
                raise
            self.app.state.glossary = state
            if self.settle:
                heap.settle()
            if announce and self.stamp is not None:
                snapshot = await asyncio.to_thread(self._snapshot, state)
                self._announce(str(snapshot or time.time_ns()))
                self._seen = self._stamp_time()
            versions = ", ".join(f"{g.id} {g.version}" for g in state.library.glossaries)
            logger.info("reloaded: %s", versions)
            return state

    def _announce(self, text: str) -> None:
        """Write the stamp whole, then put it in place, so that no worker reads half a path;
        in place where its folder cannot take another file (it then names no copy)."""
        assert self.stamp is not None
        written = self.stamp.with_name(f"{self.stamp.name}.{os.getpid()}")
        try:
            written.write_text(text, encoding="utf-8")
            os.replace(written, self.stamp)
        except OSError:
            written.unlink(missing_ok=True)
            self.stamp.write_text(str(time.time_ns()), encoding="utf-8")

    def _snapshot(self, state: AppState) -> Path | None:
        """A copy of the folders `state` was loaded from, beside the stamp, for the other
        workers to load; None when the folders changed after loading (their versions are
        digests of their files), and the others then load the folders as they are."""
        shelf = self._shelf()
        place = shelf / str(time.time_ns())
        copies = self._settings_at(place).dictionaries
        try:
            for folder, copy in zip(self.settings.dictionaries, copies, strict=True):
                shutil.copytree(folder, copy)
            copied = load_library(copies)
        except (OSError, DictionaryError):
            shutil.rmtree(place, ignore_errors=True)
            return None
        if _versions(copied) != _versions(state.library):
            shutil.rmtree(place, ignore_errors=True)
            return None
        for old in sorted(shelf.iterdir(), key=lambda p: p.name)[:-SNAPSHOTS_KEPT]:
            shutil.rmtree(old, ignore_errors=True)
        return place

    def _shelf(self) -> Path:
        """Where the copies are: beside the stamp, named in full (any worker reads it)."""
        assert self.stamp is not None
        stamp = self.stamp.resolve()
        return stamp.with_name(stamp.name + ".snapshots")

    def _settings_at(self, place: Path) -> Settings:
        """The settings with each folder replaced by its copy at `place`, under its own name
        (a glossary with no id in glossary.toml is named by its folder)."""
        copies = [
            place / str(index) / folder.resolve().name
            for index, folder in enumerate(self.settings.dictionaries)
        ]
        return replace(self.settings, dictionary=copies[0], extra_dictionaries=tuple(copies[1:]))

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
        """Load what the worker that reloaded loaded: its copy, or the folders as they are
        when it made none (or the copy is gone)."""
        assert self.stamp is not None
        try:
            named = Path(self.stamp.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            named = Path()
        # Only a copy on the shelf: the stamp names nothing else a worker would load.
        ours = named.parent == self._shelf() and named.is_dir()
        settings = self._settings_at(named) if ours else None
        with contextlib.suppress(DictionaryError):  # logged by reload; the old state serves on
            await self.reload(announce=False, settings=settings)

    def _stamp_time(self) -> int:
        try:
            return os.stat(self.stamp).st_mtime_ns if self.stamp else 0
        except OSError:
            return 0


def _versions(library: Library) -> list[tuple[str, str]]:
    return [(g.id, g.version) for g in library.glossaries]


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
