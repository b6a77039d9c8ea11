"""`glossary import`: a spreadsheet (CSV) of terms into a dictionary folder.

Row by row: each row that cannot be taken is named with its row number and reason, a row taken
with something left out gets a warning, and the rest is taken. Nothing reaches the dictionary
until the whole import is written into a copy of its folder and that copy passes the checker;
then the copy takes the folder's place in one rename, so a failure changes nothing.
"""

from __future__ import annotations

import csv
import ctypes
import os
import re
import shutil
import sys
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from ai_glossary.glossary.reader import MAX_FIELD_CHARS, Problem, check_dictionary, read_dictionary
from ai_glossary.model import Dictionary
from ai_glossary.model.forms import key_of
from ai_glossary.model.urls import is_web_url

# Header names (matched case-insensitively, spaces/underscores/hyphens alike) -> entry keys.
COLUMNS = {
    "term": "term",
    "name": "term",
    "aliases": "aliases",
    "acronyms": "acronyms",
    "definition": "definition",
    "plain english": "plain_english",
    "category": "category",
    "full picture": "full_picture",
    "business example": "business_example",
    "related": "related",
    "technical lead": "roles.technical_lead",
    "business owner": "roles.business_owner",
    "compliance lead": "roles.compliance_lead",
    "tool name": "tool_name",
    "tool url": "tool_url",
    "tool description": "tool_description",
}
MAX_NAME_CHARS = 200  # a term's or a glossary's name is a name, not a sentence
MAX_SLUG_BYTES = 200  # "<slug>.toml" stays under the 255-byte file-name limit of common systems
_NAMES = ("term", "tool_name")  # one line each: runs of white space become one space
_LIST_SPLIT = re.compile(r"\s*[|;,\n]\s*")
# Never written: control characters (tab and line feed aside), the zero-width space, the
# byte-order mark, and the bidirectional embeddings, overrides and isolates that spoof text.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # Linux's renameat2: swap two paths in one step


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existing entries not overwritten
    refused: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # rows taken, something left
    notes: list[str] = field(default_factory=list)


class ImportFailure(Exception):
    """Nothing was imported: the file cannot be read, the folder is not a dictionary, or the
    result would not pass the checker (`problems` then says why, file by file)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class Row:
    number: int  # as in the spreadsheet: the header is row 1
    cells: dict[str, str]  # entry key -> cleaned cell
    extra: tuple[str, ...] = ()  # non-empty cells past the header's last column
    removed: int = 0  # unwanted characters taken out of its cells


def slug_of(name: str) -> str:
    """Lower-case words of letters, digits and marks in any script, joined by hyphens:
    "Kündigungsrate" -> "kündigungsrate", "GPT-4o mini" -> "gpt-4o-mini"."""
    words: list[str] = []
    word = ""
    for char in unicodedata.normalize("NFC", name.lower()):
        if char.isalnum() or (word and unicodedata.category(char).startswith("M")):
            word += char
        elif word:
            words.append(word)
            word = ""
    return "-".join([*words, word] if word else words)


def clean(text: str) -> tuple[str, int]:
    """`text` in NFC with one kind of line break, trimmed, and how many unwanted characters
    were taken out of it."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept, removed = _UNWANTED.subn("", text)
    return kept.strip(), removed


def read_rows(path: Path) -> tuple[list[Row], list[str]]:
    """Each non-blank row, and notes on ignored columns."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ImportFailure(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ImportFailure(f"{path} is not UTF-8 (bad byte at offset {error.start})") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # The csv module's own cell limit (128 KiB) ends the read; long cells are refused per row.
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    try:
        table = list(csv.reader(text.splitlines(keepends=True), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFailure(f"{path} is not a CSV file: {error}") from None
    finally:
        csv.field_size_limit(limit)
    if not table or not table[0]:
        raise ImportFailure(f"{path} is empty: the first row must name the columns")
    header = list(table[0])
    while header and not header[-1].strip():  # cells under a blank last heading are extra
        header.pop()
    keys = [COLUMNS.get(_canonical(name)) for name in header]
    if "term" not in keys or "definition" not in keys:
        raise ImportFailure(f"{path}: the header needs at least the columns term and definition")
    notes = [
        f"column {name!r} is not known and was ignored"
        for name, key in zip(header, keys, strict=True)
        if key is None and name.strip()
    ]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if any(cell.strip() for cell in cells):
            rows.append(_row(number, keys, cells))
    return rows, notes


def _row(number: int, keys: list[str | None], cells: list[str]) -> Row:
    values: dict[str, str] = {}
    removed = 0
    for key, cell in zip(keys, cells, strict=False):
        if key:
            value, count = clean(cell)
            values[key] = " ".join(value.split()) if key in _NAMES else value
            removed += count
    extra = tuple(cell.strip() for cell in cells[len(keys) :] if cell.strip())
    return Row(number, values, extra, removed)


def import_csv(
    path: Path, into: Path, *, overwrite: bool = False, name: str | None = None
) -> ImportReport:
    """Import `path` into the dictionary folder `into`: all that can be taken, or nothing."""
    meta = _named(name) if name is not None else None
    rows, notes = read_rows(path)
    into = into.resolve()  # a link to the folder keeps pointing at it after the swap
    plan = _Plan(_existing(into), overwrite)
    plan.report.notes.extend(notes)
    for row in rows:
        plan.take(row)
    plan.link()
    if plan.entries or plan.tools or meta:
        _commit(into, lambda draft: plan.write(draft, meta))
        plan.report.written.extend(plan.entries)
    return plan.report


def _canonical(header: str) -> str:
    return " ".join(re.split(r"[\s_\-]+", header.strip().lower()))


def _list(cell: str) -> list[str]:
    return [item for item in _LIST_SPLIT.split(cell.strip()) if item]


def _shown(text: str) -> str:
    """`text` quoted for a message, cut short if long."""
    return repr(text if len(text) <= 60 else text[:60] + "…")


def _named(name: str) -> dict[str, str]:
    """The glossary's display name, and an id made from it for a glossary that has none."""
    text, removed = clean(name)
    text = " ".join(text.split())
    if removed or not text or len(text) > MAX_NAME_CHARS:
        raise ImportFailure(
            f"--name must be 1 to {MAX_NAME_CHARS} characters, with no control characters"
        )
    return {"name": text, "id": slug_of(text)}


def _existing(into: Path) -> Dictionary | None:
    """The dictionary already in `into`, which must be sound, or None for a new folder."""
    if not into.exists():
        return None
    if not into.is_dir():
        raise ImportFailure(f"{into} is not a folder")
    terms = into / "terms"
    if not terms.is_dir():
        if any(into.iterdir()):
            raise ImportFailure(f"{into} is not empty and is not a dictionary (no terms/ folder)")
        return None
    dictionary, problems = read_dictionary(into)
    if problems and any(terms.glob("*.toml")):
        raise ImportFailure(f"{into} already has problems: fix them first", problems)
    return dictionary


class _Plan:
    """The import, checked row by row in memory before anything is written."""

    def __init__(self, existing: Dictionary | None, overwrite: bool) -> None:
        self.report = ImportReport()
        self.overwrite = overwrite
        self.existing = set(existing.terms) if existing else set()
        self.catalogue = set(existing.tools) if existing else set()
        self.claimed = {  # form key -> the slug that has it
            _key(form): term.slug
            for term in (existing.terms.values() if existing else ())
            for form in term.forms
        }
        self.taken: dict[str, int] = {}  # slug -> row
        self.entries: dict[str, dict[str, Any]] = {}
        self.related: dict[str, list[str]] = {}
        self.tools: dict[str, dict[str, str]] = {}  # new tools for tools.toml

    def take(self, row: Row) -> None:
        reason = self._refusal(row.cells)
        if reason:
            self.report.refused.append((row.number, reason))
            if reason.startswith("already in"):
                self.report.kept.append(slug_of(row.cells["term"]))
            return
        cells = row.cells
        slug = slug_of(cells["term"])
        self.taken[slug] = row.number
        for form in _forms(cells):
            self.claimed[_key(form)] = slug
        self.entries[slug] = entry = _entry(cells)
        self.related[slug] = _list(cells.get("related", ""))
        tool = self._tool(row)
        if tool:
            entry["tools"] = [tool]
        if row.removed:
            self._warn(row, f"{row.removed} control or invisible character(s) were taken out")
        if row.extra:
            cells_past = ", ".join(_shown(cell) for cell in row.extra)
            self._warn(row, f"cell(s) past the last column were ignored: {cells_past}")

    def _warn(self, row: Row, message: str) -> None:
        self.report.warnings.append((row.number, message))

    def _refusal(self, cells: dict[str, str]) -> str | None:
        term = cells.get("term", "")
        if not term:
            return "no term"
        if not cells.get("definition"):
            return "no definition"
        if len(term) > MAX_NAME_CHARS:
            return f"the term's name is {len(term):,} characters long (limit {MAX_NAME_CHARS})"
        for key, cell in cells.items():
            if len(cell) > MAX_FIELD_CHARS:
                return (
                    f"the {key} cell is {len(cell):,} characters long (limit {MAX_FIELD_CHARS:,})"
                )
        slug = slug_of(term)
        if not slug:
            return f"the term {term!r} has no letters or digits to name its file"
        if len(slug.encode()) > MAX_SLUG_BYTES:
            return f"the term {term!r} is too long to name its file (limit {MAX_SLUG_BYTES} bytes)"
        if slug in self.taken:
            return f"duplicate of row {self.taken[slug]} ({term!r})"
        if slug in self.existing and not self.overwrite:
            return f"already in the dictionary as terms/{slug}.toml (use --overwrite to replace it)"
        for form in _forms(cells):
            if not _key(form):
                return f"the form {_shown(form)} has no letters or digits"
            owner = self.claimed.get(_key(form))
            if owner and owner != slug:
                return f"the form {_shown(form)} is already used by {owner}"
        return None

    def _tool(self, row: Row) -> str | None:
        """The id of the row's tool; a tool that cannot be listed is left out with a warning."""
        name, url = row.cells.get("tool_name", ""), row.cells.get("tool_url", "")
        tool_id = slug_of(name)
        if tool_id in self.catalogue or tool_id in self.tools:
            return tool_id  # the catalogue's entry stands
        problem = None
        if not name and url:
            problem = "a tool url without a tool name"
        elif name and not tool_id:
            problem = f"the tool {_shown(name)} has no letters or digits to make its id"
        elif name and not url:
            problem = f"the tool {_shown(name)} has no url"
        elif name and not is_web_url(url):
            problem = f"tool url {_shown(url)} is not an http(s) address"
        if problem:
            self._warn(row, f"{problem}: the tool was left out, the term kept")
        if problem or not name:
            return None
        description = row.cells.get("tool_description") or name
        self.tools[tool_id] = {"name": name, "url": url, "description": description}
        return tool_id

    def link(self) -> None:
        """Related names become slugs of known terms; the others are left out with a note."""
        known = self.existing | set(self.entries)
        for slug, names in self.related.items():
            related = [self.claimed.get(_key(name)) or slug_of(name) for name in names]
            missing = [r for r in related if r not in known or r == slug]
            if missing:
                self.report.notes.append(
                    f"{slug}: related term(s) {', '.join(missing)} not found, left out"
                )
            links = [r for r in dict.fromkeys(related) if r in known and r != slug]
            if links:
                self.entries[slug]["related"] = links

    def write(self, draft: Path, meta: dict[str, str] | None) -> None:
        terms = draft / "terms"
        terms.mkdir(exist_ok=True)
        for slug, entry in self.entries.items():
            _write(terms / f"{slug}.toml", tomli_w.dumps(entry, multiline_strings=True))
        tools = draft / "tools.toml"
        if self.tools:  # added after the catalogue as it is, comments and all
            before = tools.read_text(encoding="utf-8").rstrip() + "\n\n" if tools.exists() else ""
            _write(tools, before + tomli_w.dumps(self.tools))
        if meta:
            path = draft / "glossary.toml"
            old = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            new = {**({"id": meta["id"]} if meta["id"] else {}), **old, "name": meta["name"]}
            _write(path, tomli_w.dumps(new))


def _key(form: str) -> str:
    return key_of(unicodedata.normalize("NFC", form))


def _forms(cells: dict[str, str]) -> list[str]:
    return [cells["term"], *_list(cells.get("aliases", "")), *_list(cells.get("acronyms", ""))]


def _entry(cells: dict[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"term": cells["term"]}
    for key in ("acronyms", "aliases"):
        if _list(cells.get(key, "")):
            entry[key] = _list(cells[key])
    for key in ("category", "plain_english", "definition", "full_picture", "business_example"):
        if cells.get(key):
            entry[key] = cells[key]
    roles = {k.split(".")[1]: v for k, v in cells.items() if k.startswith("roles.") and v}
    if roles:
        entry["roles"] = roles
    return entry


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _commit(into: Path, write: Callable[[Path], None]) -> None:
    """Run `write` on a copy of `into`, check the copy, and put it in `into`'s place."""
    try:
        into.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{into.name}.import-", dir=into.parent))
    except OSError as error:
        raise ImportFailure(f"cannot write beside {into}: {error.strerror or error}") from None
    try:
        draft = work / into.name
        if into.exists():
            shutil.copytree(into, draft, symlinks=True)
        else:
            draft.mkdir()
        write(draft)
        problems = check_dictionary(draft)
        if problems:
            raise ImportFailure("the result would not pass the checker", problems)
        _swap(draft, into, work / "old")
    except OSError as error:
        raise ImportFailure(f"cannot write {into}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _swap(draft: Path, into: Path, old: Path) -> None:
    """Put `draft` where `into` is; the folder that was there ends up at `draft` or `old`."""
    if not into.exists():
        draft.rename(into)
    elif not _exchange(draft, into):  # two renames: for a moment there is no folder at all
        into.rename(old)
        try:
            draft.rename(into)
        except OSError:
            old.rename(into)
            raise


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step, where the system offers it (Linux)."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    paths = os.fsencode(first), os.fsencode(second)
    return bool(renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0)
