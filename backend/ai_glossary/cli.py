"""The `glossary` command: serve, check and annotate."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import orjson

from ai_glossary.glossary.importer import ImportFailure, import_csv
from ai_glossary.glossary.reader import BUNDLED, DictionaryError, check_dictionary, load_dictionary
from ai_glossary.service.annotate import Annotator, Options
from ai_glossary.serving import LOG_LEVELS, UVICORN_OPTIONS
from ai_glossary.settings import Settings
from ai_glossary.web.state import AppState


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"glossary: {message} (see glossary --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="glossary", description="AI Glossary: the backend and its tools.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(name: str, help: str, many: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument(
            "--dictionary",
            type=Path,
            action="append" if many else "store",
            default=None if many else BUNDLED,
            metavar="DIR",
            help="dictionary folder (default: the bundled AI glossary)"
            + ("; repeat it to serve several glossaries, the first listed winning" if many else ""),
        )
        return sub

    serve = add("serve", "Run the HTTP API and term pages under uvicorn.", many=True)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--access-log",
        action="store_true",
        help="log each request's method, path and status (never its body)",
    )
    serve.add_argument(
        "--log-level",
        choices=LOG_LEVELS,
        default="info",
        help="server log verbosity (no level logs page text; default: info)",
    )
    check = add("check", "Validate a dictionary; print every problem as FILE: field: message.")
    check.add_argument(
        "--strict", action="store_true", help="require every section of a complete entry"
    )
    annotate = add("annotate", "Print the annotate API's JSON for a file's text as one segment.")
    annotate.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")
    importer = commands.add_parser(
        "import",
        help="Turn a CSV of terms into a dictionary folder.",
        description="Turn a CSV of terms (a header row naming term, definition, aliases, "
        "acronyms, plain english, related, tool name, tool url, ...) into a dictionary folder.",
    )
    importer.add_argument("csv", type=Path, help="the spreadsheet, saved as CSV (UTF-8)")
    importer.add_argument(
        "--into",
        type=Path,
        required=True,
        metavar="DIR",
        help="dictionary folder to write (created if missing)",
    )
    importer.add_argument(
        "--overwrite", action="store_true", help="replace entries that already exist"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.dictionary, args.strict)
        if args.command == "annotate":
            return _annotate(args.dictionary, args.file)
        if args.command == "import":
            return _import(args.csv, args.into, args.overwrite)
        return _serve(args)
    except DictionaryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _check(folder: Path, strict: bool) -> int:
    problems = check_dictionary(folder, strict=strict)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    print(f"{folder}: ok")
    return 0


def _annotate(folder: Path, file: str) -> int:
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(
            f"glossary: cannot read {file}: {getattr(error, 'strerror', None) or error}",
            file=sys.stderr,
        )
        return 2
    annotator = Annotator(load_dictionary(folder), cache_entries=1)
    reply = annotator.annotate([text], Options())
    sys.stdout.write(orjson.dumps(reply, option=orjson.OPT_INDENT_2).decode() + "\n")
    return 0


def _import(csv_path: Path, into: Path, overwrite: bool) -> int:
    try:
        report = import_csv(csv_path, into, overwrite=overwrite)
    except ImportFailure as error:
        print(f"glossary: {error}", file=sys.stderr)
        return 2
    for row, reason in report.refused:
        print(f"{csv_path}: row {row}: {reason}")
    for note in report.notes:
        print(f"{csv_path}: note: {note}")
    print(f"wrote {len(report.written)} term(s) to {into}; {len(report.refused)} row(s) refused")
    problems = check_dictionary(into)
    for problem in problems:
        print(f"{into}/{problem}")
    return 1 if report.refused or problems else 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.workers < 1 or not 0 < args.port < 65536:
        print(
            "glossary: --workers must be at least 1 and --port between 1 and 65535", file=sys.stderr
        )
        return 2
    first, *rest = [folder.resolve() for folder in args.dictionary or [BUNDLED]]
    settings = replace(Settings.from_env(), dictionary=first, extra_dictionaries=tuple(rest))
    if settings.admin_token:
        # Workers see each other's reloads through this file (see web/reloading.py).
        handle, stamp = tempfile.mkstemp(prefix="glossary-reload-")
        os.close(handle)
        settings = replace(settings, reload_stamp=stamp)
    AppState.build(settings)  # refuse to start on a broken dictionary, with its reasons
    os.environ.update(settings.to_env())
    uvicorn.run(
        "ai_glossary.web.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=args.access_log,
        log_level=args.log_level,
        **UVICORN_OPTIONS,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
