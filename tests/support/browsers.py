"""Launching Debian's Chromium with the unpacked extension, kept on loopback."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these Chromium tries to reach outside hosts; the tests only ever talk to 127.0.0.1.
LOOPBACK_ONLY = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
]


def require_chromium() -> str:
    if not os.path.exists(CHROMIUM):
        raise RuntimeError("Chromium is missing: run `make browsers` (the test command does)")
    return CHROMIUM


@contextlib.contextmanager
def chromium(
    user_data_dir: Path,
    *,
    extension: Path | None = EXTENSION,
    viewport: dict[str, int] | None = None,
    has_touch: bool = False,
    args: tuple[str, ...] = (),
) -> Iterator[BrowserContext]:
    """A persistent Chromium context; with `extension`, the unpacked extension is loaded;
    with `has_touch`, pages get a touch screen (Playwright's touch emulation)."""
    args = ["--headless=new", *LOOPBACK_ONLY, *args]
    if extension is not None:
        args += [f"--disable-extensions-except={extension}", f"--load-extension={extension}"]
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=require_chromium(),
            headless=True,
            args=args,
            viewport=viewport or {"width": 1280, "height": 900},
            has_touch=has_touch,
        )
        try:
            yield context
        finally:
            context.close()
