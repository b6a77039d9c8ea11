"""Draw the extension's icons: extension/icons/icon-{16,32,48,96,128}.png.

    .venv/bin/python scripts/make_icons.py            # writes the PNGs (committed)
    .venv/bin/python scripts/make_icons.py --check    # exit 1 if a committed PNG differs

The icon is geometry, not a bitmap: a blue rounded square holding a white "A" above a
dotted underline (the way terms are marked on pages). Each size is rendered from that
geometry with 4x4 supersampling and written as an RGBA PNG with the standard library only
(zlib and struct), so the output is the same byte for byte on every machine.
"""

from __future__ import annotations

import argparse
import math
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "extension" / "icons"
SIZES = (16, 32, 48, 96, 128)  # Chrome Web Store: 16, 32, 48, 128; addons.mozilla.org: 48, 96
SAMPLES = 4  # per axis and pixel

BLUE = (11, 87, 208)  # #0b57d0, the card's link colour
WHITE = (255, 255, 255)
# The design, on a 128-unit square.
CORNER = 28.0
STROKE = 7.5  # half the width of the letter's strokes
LETTER = [((64, 22), (35, 88)), ((64, 22), (93, 88)), ((46, 66), (82, 66))]
DOTS = [(40.0, 106.0), (64.0, 106.0), (88.0, 106.0)]
DOT_RADIUS = 6.0


def rounded_square(x: float, y: float) -> bool:
    inner = 64.0 - CORNER
    dx = max(abs(x - 64.0) - inner, 0.0)
    dy = max(abs(y - 64.0) - inner, 0.0)
    return math.hypot(dx, dy) <= CORNER and abs(x - 64.0) <= 64 and abs(y - 64.0) <= 64


def near_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> bool:
    (ax, ay), (bx, by) = a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length))
    return math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= STROKE


def glyph(x: float, y: float) -> bool:
    if any(near_segment(x, y, a, b) for a, b in LETTER):
        return True
    return any(math.hypot(x - cx, y - cy) <= DOT_RADIUS for cx, cy in DOTS)


def pixel(size: int, px: int, py: int) -> tuple[int, int, int, int]:
    """Average colour and coverage of one pixel's samples."""
    scale = 128.0 / size
    inside = white = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) * scale
            y = (py + (sy + 0.5) / SAMPLES) * scale
            if rounded_square(x, y):
                inside += 1
                white += glyph(x, y)
    if not inside:
        return (0, 0, 0, 0)
    share = white / inside
    rgb = tuple(round(b + (w - b) * share) for b, w in zip(BLUE, WHITE, strict=True))
    return (*rgb, round(255 * inside / SAMPLES**2))  # type: ignore[return-value]


def png(size: int) -> bytes:
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # filter: none
        for px in range(size):
            rows.extend(pixel(size, px, py))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for size in SIZES:
        path = ICONS / f"icon-{size}.png"
        data = png(size)
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if stale:
        print(f"out of date: {', '.join(stale)} (run scripts/make_icons.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
