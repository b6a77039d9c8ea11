"""Save docs/images/term-page.png: a term page at desktop width, for the README.

    .venv/bin/python scripts/term_page_screenshot.py [--dictionary DIR] [--slug SLUG]

Runs the real backend on 127.0.0.1 and Debian's Chromium (see tests/support), like the
browser tests do. The default is the bundled dictionary's RAG entry.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "images" / "term-page.png"
VIEWPORT = {"width": 1280, "height": 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=ROOT / "dictionary")
    parser.add_argument("--slug", default="retrieval-augmented-generation")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        if not shoot(args.dictionary.resolve(), args.slug, args.output, Path(scratch)):
            print(f"no term page for {args.slug!r} in {args.dictionary}", file=sys.stderr)
            return 1
    print(f"saved {args.output.relative_to(ROOT)}")
    return 0


def shoot(dictionary: Path, slug: str, output: Path, scratch: Path) -> bool:
    sys.path.insert(0, str(ROOT))
    from tests.support.browsers import chromium
    from tests.support.servers import running_backend

    with (
        running_backend(dictionary, log_dir=scratch) as backend,
        chromium(scratch / "profile", extension=None, viewport=VIEWPORT) as context,
    ):
        page = context.new_page()
        response = page.goto(f"{backend.url}/terms/{slug}")
        if response is None or response.status != 200:
            return False
        page.screenshot(path=output)
        return True


if __name__ == "__main__":
    sys.exit(main())
