"""Take the README's picture: the hover card over a real-looking article.

Starts `glossary serve` (bundled dictionary unless --dictionary), serves the fixture article,
opens it in Debian's Chromium with the unpacked extension, rests the pointer on a term and
saves a screenshot (default docs/images/hover-card.png). Everything stays on 127.0.0.1.

    .venv/bin/python scripts/screenshot_card.py [--dictionary DIR] [--term TEXT] [--out PNG]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ai_glossary.glossary.reader import BUNDLED, DictionaryError, load_dictionary  # noqa: E402

from tests.support.browsers import chromium  # noqa: E402
from tests.support.extension import (  # noqa: E402
    Extension,
    hover_mark,
    mark_box,
    wait_for_card,
    wait_for_marks,
)
from tests.support.servers import running_backend, static_server  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
VIEWPORT = {"width": 1200, "height": 760}


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=BUNDLED, metavar="DIR")
    parser.add_argument("--page", default="article.html", help="a page in tests/fixtures/pages")
    parser.add_argument(
        "--term",
        default="retrieval-augmented generation",
        help="the marked text to hover, as it appears on the page",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "hover-card.png")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    try:
        load_dictionary(args.dictionary)
    except DictionaryError as error:
        print(
            f"{args.dictionary} does not load ({len(error.problems)} problems); "
            "pass --dictionary tests/fixtures/dictionaries/e2e",
            file=sys.stderr,
        )
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with (
            running_backend(args.dictionary, log_dir=work) as backend,
            static_server(PAGES) as site,
            chromium(work / "profile", viewport=VIEWPORT) as context,
        ):
            extension = Extension.attach(context)
            extension.reset_settings(backendUrl=backend.url)
            page = context.new_page()
            page.goto(f"{site}/{args.page}")
            wait_for_marks(page, args.term)
            # Put the term a third of the way down, with room for the card below it.
            top = mark_box(page, args.term)["top"]
            page.evaluate("(top) => window.scrollBy(0, top - innerHeight / 3)", top)
            page.wait_for_timeout(100)
            hover_mark(page, args.term)
            wait_for_card(page)
            page.wait_for_timeout(200)
            page.screenshot(path=str(args.out))
    print(f"saved {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
