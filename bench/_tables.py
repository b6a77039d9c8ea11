"""Markdown tables and the machine they were measured on, for the terminal and the README."""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, columns padded so it also reads well in a terminal."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def cpu_model() -> str:
    try:
        for entry in Path("/proc/cpuinfo").read_text().splitlines():
            if entry.startswith("model name"):
                return entry.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("pyahocorasick", "flashtext", "starlette", "uvicorn")
    )
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{today}; {os.cpu_count()} CPUs ({cpu_model()}); "
        f"Python {platform.python_version()}; {versions}"
    )


def rate(mb_per_s: float, sampled: bool = False) -> str:
    text = f"{mb_per_s:.3f}" if mb_per_s < 1 else f"{mb_per_s:.1f}"
    return f"~{text}" if sampled else text


def ratio(value: float) -> str:
    return f"{value:.0f}x" if value >= 100 else f"{value:.2f}x"


def megabytes(size: float) -> str:
    return f"{size / 1e6:.2f}"
