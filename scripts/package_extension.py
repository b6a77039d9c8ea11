"""Build the store-ready zips of the extension: one for Chromium browsers, one for Firefox.

    .venv/bin/python scripts/package_extension.py            # dist/ai-glossary-<version>-*.zip
    .venv/bin/python scripts/package_extension.py --out DIR

Both come from the one folder extension/, with the files the browsers load and nothing
else (no jsconfig.json or types.d.ts). Each gets the manifest its store expects: Chromium's
without Firefox's `background.scripts` and `browser_specific_settings` (the Chrome Web
Store warns about keys it does not know), Firefox's without `background.service_worker`
(which Firefox ignores, with a warning), and neither with the `key` that pins the unpacked
extension's id (the Chrome Web Store refuses it and gives its own id). Entries are sorted
and dated 1980-01-01, so the same source gives the same zip byte for byte. Every file the
manifest or a page names, and every icon at its declared size, is checked before anything
is written.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import struct
import sys
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
DEV_ONLY = {"jsconfig.json", "types.d.ts"}  # for the type check, never shipped
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


class PackageError(Exception):
    """The extension folder is not fit to ship; the message says why."""


def shipped_files(source: Path) -> list[Path]:
    files = [
        path
        for path in source.rglob("*")
        if path.is_file()
        and path.name not in DEV_ONLY
        and not any(part.startswith(".") for part in path.relative_to(source).parts)
    ]
    return sorted(files, key=lambda path: path.relative_to(source).as_posix())


def browser_manifest(manifest: dict[str, Any], browser: str) -> dict[str, Any]:
    made = copy.deepcopy(manifest)
    made.pop("key", None)
    background = made["background"]
    if browser == "chromium":
        del background["scripts"]
        made.pop("browser_specific_settings", None)
    else:
        del background["service_worker"]
    return made


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise PackageError(f"{path.name} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def check(source: Path, manifest: dict[str, Any]) -> None:
    """Every file named by the manifest and the pages exists; every icon has its size."""
    named: list[str] = [
        *manifest["background"]["scripts"],
        manifest["background"]["service_worker"],
    ]
    for script in manifest["content_scripts"]:
        named += script.get("js", []) + script.get("css", [])
    pages = [manifest["action"]["default_popup"], manifest["options_ui"]["page"]]
    for page in pages:
        folder = (source / page).parent
        html = (source / page).read_text(encoding="utf-8")
        for name in re.findall(r'(?:src|href)="([^"#:]+)"', html):
            named.append((folder / name).resolve().relative_to(source.resolve()).as_posix())
    named += pages
    missing = sorted({name for name in named if not (source / name).is_file()})
    if missing:
        raise PackageError(f"missing files: {', '.join(missing)}")
    icons = {**manifest["icons"], **manifest["action"].get("default_icon", {})}
    for size, name in icons.items():
        if png_size(source / name) != (int(size), int(size)):
            raise PackageError(f"{name} is not {size}x{size}")


def build(source: Path, out: Path) -> list[Path]:
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    check(source, manifest)
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for browser in ("chromium", "firefox"):
        target = out / f"ai-glossary-{manifest['version']}-{browser}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in shipped_files(source):
                name = path.relative_to(source).as_posix()
                data = path.read_bytes()
                if name == "manifest.json":
                    made = browser_manifest(manifest, browser)
                    data = (json.dumps(made, indent=2, ensure_ascii=False) + "\n").encode()
                entry = zipfile.ZipInfo(name, FIXED_DATE)
                entry.external_attr = 0o644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, data)
        built.append(target)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=EXTENSION, help="the extension folder")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the zips go")
    args = parser.parse_args(argv)
    try:
        built = build(args.source, args.out)
    except PackageError as error:
        print(f"package: {error}", file=sys.stderr)
        return 1
    for path in built:
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
