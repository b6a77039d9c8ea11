"""The `glossary` command: serve, check, annotate, term, search and import.

`annotate`, `term` and `search` call the same core as the API (`service.core.Core`), with the
same glossaries and settings, and print exactly the JSON body the API would send."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from ai_glossary.glossary.importer import ImportFailure, import_csv
from ai_glossary.glossary.library import UnknownGlossary, load_library
from ai_glossary.glossary.reader import BUNDLED, DictionaryError, check_dictionary
from ai_glossary.service.annotate import Options
from ai_glossary.service.core import Core, QueryTooLong
from ai_glossary.serving import LOG_LEVELS, run_uvicorn, uvicorn_options
from ai_glossary.settings import Settings, describe


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
    serve.epilog = "settings (environment variables):\n" + "\n".join(
        f"  GLOSSARY_{name.upper()} (default {default!s}): {help}"
        for name, default, help in describe()
    )
    serve.formatter_class = argparse.RawDescriptionHelpFormatter
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--workers", type=int, default=1, help="worker processes (each holds the glossaries)"
    )
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
    check = add(
        "check",
        "Validate dictionaries; print every problem as FILE: field: message, and what a "
        "glossary listed first hides of one listed later.",
        many=True,
    )
    check.add_argument(
        "--strict", action="store_true", help="require every section of a complete entry"
    )
    annotate = add(
        "annotate",
        "Print what POST /v1/annotate returns for a file's text, one segment per paragraph.",
        many=True,
    )
    annotate.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")
    annotate.add_argument(
        "--first-only", action="store_true", help="mark only the first occurrence of each term"
    )
    annotate.add_argument(
        "--page-is-ai", action="store_true", help="say that the page is about AI (one clue)"
    )
    annotate.add_argument(
        "--format",
        choices=("text", "json"),
        default=None,
        help="text: the text with its terms marked and named (the default on a terminal); "
        "json: what POST /v1/annotate returns (the default when piped)",
    )
    annotate.add_argument(
        "--explain",
        action="store_true",
        help="print why each word with another sense was or was not marked (with --format "
        "json: the reply with its `explanations`, as POST /v1/annotate gives them)",
    )
    _add_glossary_choice(annotate)
    _add_base_url(annotate)
    term = add("term", "Print what GET /v1/terms/SLUG returns.", many=True)
    term.add_argument("slug", help="the term's slug, e.g. large-language-model")
    _add_base_url(term)
    search = add("search", "Print what GET /v1/search?q=QUERY returns.", many=True)
    search.add_argument("query", help="the text to search for")
    _add_base_url(search)
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
    importer.add_argument(
        "--name",
        help="the glossary's display name, shown on cards and pages (kept in glossary.toml)",
    )
    return parser


def _add_base_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url",
        default="",
        metavar="URL",
        help="the server's public address, for links (default: paths only, e.g. /terms/rag)",
    )


def _add_glossary_choice(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        action="append",
        metavar="ID",
        help="use only the glossary with this id; repeat for several (default: all)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(_folders(args), args.strict)
        if args.command in ("annotate", "term", "search"):
            return _ask_core(args)
        if args.command == "import":
            return _import(args.csv, args.into, args.overwrite, args.name)
        return _serve(args)
    except DictionaryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _check(folders: list[Path], strict: bool) -> int:
    failed = 0
    for folder in folders:
        problems = check_dictionary(folder, strict=strict)
        for problem in problems:
            print(f"{folder}/{problem}" if len(folders) > 1 else problem)
        if problems:
            print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
            failed = 1
        else:
            print(f"{folder}: ok")
    if not failed and len(folders) > 1:
        for shadow in load_library(folders).shadowed():
            print(f"note: {shadow}")
    return failed


def _ask_core(args: argparse.Namespace) -> int:
    """annotate, term and search: the API's JSON body, from the same core."""
    settings = Settings.from_env()
    core = Core(load_library(_folders(args)), limits=settings.limits)
    base = args.base_url.rstrip("/")
    if args.command == "term":
        reply = core.term(args.slug, base)
        if reply is None:
            return _fail(f"no term with slug {args.slug!r}", 1)
    elif args.command == "search":
        if not args.query.strip():
            return _fail("the query is empty")
        try:
            reply = core.search(args.query, base)
        except QueryTooLong as error:
            return _fail(str(error))
    else:
        text = _read(args.file)
        if text is None:
            return 2
        options = Options(args.first_only, args.page_is_ai, args.explain)
        segments = paragraphs_of(text)
        try:
            reply = core.annotate(segments, options, args.glossary, base)
        except UnknownGlossary as error:
            return _fail(str(error))
        if args.explain and args.format != "json":
            sys.stdout.write(explained(segments, reply))
            return 0
        text_format = args.format == "text" or (args.format is None and sys.stdout.isatty())
        if text_format:
            sys.stdout.write(marked_text(segments, reply))
            return 0
    sys.stdout.write(orjson.dumps(reply, option=orjson.OPT_INDENT_2).decode() + "\n")
    return 0


def explained(segments: list[str], reply: Mapping[str, Any]) -> str:
    """The explanations of an annotate reply, for a dictionary author to read."""
    lines = []
    for item in reply.get("explanations", []):
        units = segments[item["segment"]].encode("utf-16-le")
        words = units[item["start"] * 2 : item["end"] * 2].decode("utf-16-le")
        verdict = "marked" if item["kept"] else "not marked"
        lines.append(
            f"paragraph {item['segment'] + 1}: {words!r} as {item['term']}: {verdict}, "
            f"score {item['score']:+.2f} (needs {item['threshold']:+.2f})"
        )
        lines += [f"    {e['weight']:+.2f}  {e['kind']}: {e['detail']}" for e in item["evidence"]]
        if not item["evidence"]:
            lines.append("    no evidence either way")
    if not lines:
        lines.append("no word with another sense was found")
    return "\n".join(lines) + "\n"


def marked_text(segments: list[str], reply: Mapping[str, Any]) -> str:
    """The paragraphs with each marked term in [brackets], then each term with its line."""
    by_segment: dict[int, list[Mapping[str, Any]]] = {}
    for match in reply["matches"]:
        by_segment.setdefault(match["segment"], []).append(match)
    paragraphs = []
    for index, segment in enumerate(segments):
        units = segment.encode("utf-16-le")
        pieces, last = [], 0
        for match in by_segment.get(index, []):
            pieces.append(units[last * 2 : match["start"] * 2].decode("utf-16-le"))
            pieces.append(
                "[" + units[match["start"] * 2 : match["end"] * 2].decode("utf-16-le") + "]"
            )
            last = match["end"]
        pieces.append(units[last * 2 :].decode("utf-16-le"))
        paragraphs.append("".join(pieces))
    terms = reply["terms"]
    if not terms:
        return "\n\n".join(paragraphs) + "\n\nno term found\n"
    legend = [
        f"  {card['term']} ({slug}): {card['plain_english'] or card['definition']}"
        for slug, card in terms.items()
    ]
    return "\n\n".join(paragraphs) + f"\n\n{len(terms)} term(s) found:\n" + "\n".join(legend) + "\n"


def paragraphs_of(text: str) -> list[str]:
    """A text's paragraphs (blocks separated by blank lines), as a page's blocks are sent."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return [block for block in blocks if block] or [text]


def _read(file: str) -> str | None:
    try:
        return sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        print(f"glossary: cannot read {file}: {reason}", file=sys.stderr)
        return None


def _fail(message: str, status: int = 2) -> int:
    print(f"glossary: {message}", file=sys.stderr)
    return status


def _folders(args: argparse.Namespace) -> list[Path]:
    return [folder.resolve() for folder in args.dictionary or [BUNDLED]]


def _import(csv_path: Path, into: Path, overwrite: bool, name: str | None) -> int:
    try:
        report = import_csv(csv_path, into, overwrite=overwrite, name=name)
    except ImportFailure as error:
        print(f"glossary: {error}; nothing was changed", file=sys.stderr)
        for problem in error.problems:
            print(f"{into}/{problem}", file=sys.stderr)
        return 2
    warnings = [(row, f"warning: {warning}") for row, warning in report.warnings]
    for row, message in sorted(report.refused + warnings, key=lambda item: item[0]):
        print(f"{csv_path}: row {row}: {message}")
    for note in report.notes:
        print(f"{csv_path}: note: {note}")
    print(f"wrote {len(report.written)} term(s) to {into}; {len(report.refused)} row(s) refused")
    return 1 if report.refused else 0


def _serve(args: argparse.Namespace) -> int:
    if args.workers < 1 or not 0 < args.port < 65536:
        print(
            "glossary: --workers must be at least 1 and --port between 1 and 65535", file=sys.stderr
        )
        return 2
    first, *rest = _folders(args)
    settings = replace(Settings.from_env(), dictionary=first, extra_dictionaries=tuple(rest))
    taken = _port_taken(args.host, args.port)
    if taken:
        print(
            f"glossary: {args.host}:{args.port} is in use ({taken}); is the glossary already "
            f"running? Choose another port: --port {args.port + 1} (make run: PORT={args.port + 1}"
            " make run)",
            file=sys.stderr,
        )
        return 2
    library = load_library(settings.dictionaries)  # refuse a broken dictionary, with reasons
    for shadow in library.shadowed():
        print(f"glossary: note: {shadow}", file=sys.stderr)
    with contextlib.ExitStack() as cleanup:
        if settings.admin_token:
            settings = replace(settings, reload_stamp=_reload_stamp(settings, cleanup))
        # Each worker keeps its metrics in files here; /metrics adds them up (web/metrics.py).
        metrics_dir = cleanup.enter_context(tempfile.TemporaryDirectory(prefix="glossary-metrics-"))
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
        os.environ.update(settings.to_env())
        # uvicorn drains on SIGTERM, then raises it again: let that end `serve` with status 0,
        # through this block, so that the folders above are removed.
        signal.signal(signal.SIGTERM, _stopped)
        run_uvicorn(
            "ai_glossary.web.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            access_log=args.access_log,
            log_level=args.log_level,
            **uvicorn_options(settings),
        )
    return 0


def _stopped(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _reload_stamp(settings: Settings, cleanup: contextlib.ExitStack) -> str:
    """The file whose change tells every worker to reload (see web/reloading.py): the one
    GLOSSARY_RELOAD_STAMP names, which replicas started apart share, or a new one of ours."""
    if settings.reload_stamp:
        shared = Path(settings.reload_stamp)
        if not shared.exists():  # touching one that exists would tell the others to reload
            shared.touch()
        return settings.reload_stamp
    handle, stamp = tempfile.mkstemp(prefix="glossary-reload-")
    os.close(handle)
    cleanup.callback(Path(stamp).unlink, missing_ok=True)
    # The copies a reload leaves beside it for the other workers (web/reloading.py).
    cleanup.callback(shutil.rmtree, stamp + ".snapshots", ignore_errors=True)
    return stamp


def _port_taken(host: str, port: int) -> str:
    """Why the address cannot be listened on, or "" when it can (checked before loading)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        return error.strerror or str(error)
    return ""


if __name__ == "__main__":
    sys.exit(main())
