"""`glossary import`: a spreadsheet (CSV) of terms into a dictionary folder.

Every row that cannot be taken is reported with its row number and the reason; the rest is
written as one TOML file per term, and existing entries are kept unless overwriting is asked.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ai_glossary.glossary.reader import SLUG
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
_LIST_SPLIT = re.compile(r"\s*[|;,\n]\s*")


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existing entries not overwritten
    refused: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    notes: list[str] = field(default_factory=list)


class ImportFailure(Exception):
    """The file as a whole cannot be read (no header, no term column, not UTF-8...)."""


def slug_of(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def _canonical(header: str) -> str:
    return " ".join(re.split(r"[\s_\-]+", header.strip().lower()))


def _list(cell: str) -> list[str]:
    return [item for item in _LIST_SPLIT.split(cell.strip()) if item]


def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """(row number, {entry key: cell}) for each non-blank row, and notes on ignored columns."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ImportFailure(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ImportFailure(f"{path} is not UTF-8 (bad byte at offset {error.start})") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise ImportFailure(f"{path} is empty: the first row must name the columns")
    keys = [COLUMNS.get(_canonical(name)) for name in header]
    if "term" not in keys or "definition" not in keys:
        raise ImportFailure(f"{path}: the header needs at least the columns term and definition")
    notes = [
        f"column {name!r} is not known and was ignored"
        for name, key in zip(header, keys, strict=True)
        if key is None and name.strip()
    ]
    rows = []
    for number, cells in enumerate(reader, start=2):  # the header is row 1, as in a sheet
        if not any(cell.strip() for cell in cells):
            continue
        row = {key: cell.strip() for key, cell in zip(keys, cells, strict=False) if key}
        rows.append((number, row))
    return rows, notes


def import_csv(path: Path, into: Path, *, overwrite: bool = False) -> ImportReport:
    rows, notes = read_rows(path)
    report = ImportReport(notes=notes)
    terms_dir = into / "terms"
    terms_dir.mkdir(parents=True, exist_ok=True)
    existing = {p.stem for p in terms_dir.glob("*.toml")}
    claimed = _claimed_forms(terms_dir)
    tools = _read_tools(into / "tools.toml")
    taken: dict[str, int] = {}
    entries: dict[str, dict[str, object]] = {}
    for line, row in rows:
        reason = _problem(row, taken, claimed, existing, overwrite)
        if reason:
            report.refused.append((line, reason))
            if reason.startswith("already in"):
                report.kept.append(slug_of(row["term"]))
            continue
        slug = slug_of(row["term"])
        taken[slug] = line
        for form in _forms(row):
            claimed[key_of(form)] = slug
        entries[slug] = _entry(row, tools)
    known = existing | set(entries)
    for slug, entry in entries.items():
        related = [slug_of(name) for name in entry.pop("related_names", [])]  # type: ignore[attr-defined]
        missing = [r for r in related if r not in known or r == slug]
        if missing:
            report.notes.append(f"{slug}: related term(s) {', '.join(missing)} not found, left out")
        entry["related"] = [r for r in related if r in known and r != slug]
        (terms_dir / f"{slug}.toml").write_text(_toml(entry), encoding="utf-8")
        report.written.append(slug)
    if tools:
        (into / "tools.toml").write_text(_tools_toml(tools), encoding="utf-8")
    return report


def _forms(row: dict[str, str]) -> list[str]:
    return [row["term"], *_list(row.get("aliases", "")), *_list(row.get("acronyms", ""))]


def _problem(
    row: dict[str, str],
    taken: dict[str, int],
    claimed: dict[str, str],
    existing: set[str],
    overwrite: bool,
) -> str | None:
    if not row.get("term"):
        return "no term"
    if not row.get("definition"):
        return "no definition"
    slug = slug_of(row["term"])
    if not slug or not SLUG.match(slug):
        return f"the term {row['term']!r} has no letters or digits to name its file"
    if slug in taken:
        return f"duplicate of row {taken[slug]} ({row['term']!r})"
    if slug in existing and not overwrite:
        return f"already in the dictionary as terms/{slug}.toml (use --overwrite to replace it)"
    for form in _forms(row):
        key = key_of(form)
        if not key:
            return f"the form {form!r} has no letters or digits"
        owner = claimed.get(key)
        if owner and owner != slug:
            return f"the form {form!r} is already used by {owner}"
    url = row.get("tool_url", "")
    if url and not is_web_url(url):
        return f"tool url {url!r} is not an http(s) address"
    if url and not row.get("tool_name"):
        return "a tool url without a tool name"
    return None


def _entry(row: dict[str, str], tools: dict[str, dict[str, str]]) -> dict[str, object]:
    entry: dict[str, object] = {"term": row["term"]}
    for key in ("acronyms", "aliases"):
        if _list(row.get(key, "")):
            entry[key] = _list(row[key])
    for key in ("category", "plain_english", "definition", "full_picture", "business_example"):
        if row.get(key):
            entry[key] = row[key]
    entry["related_names"] = _list(row.get("related", ""))
    if row.get("tool_name"):
        tool_id = slug_of(row["tool_name"])
        tools.setdefault(
            tool_id,
            {
                "name": row["tool_name"],
                "url": row.get("tool_url", ""),
                "description": row.get("tool_description") or row["tool_name"],
            },
        )
        entry["tools"] = [tool_id]
    roles = {k.split(".")[1]: v for k, v in row.items() if k.startswith("roles.") and v}
    if roles:
        entry["roles"] = roles
    return entry


def _claimed_forms(terms_dir: Path) -> dict[str, str]:
    claimed = {}
    for path in terms_dir.glob("*.toml"):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        forms = [data.get("term"), *data.get("aliases", []), *data.get("acronyms", [])]
        for form in forms:
            if isinstance(form, str) and key_of(form):
                claimed[key_of(form)] = path.stem
    return claimed


def _read_tools(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ImportFailure(f"{path} cannot be read: {error}") from None


def _string(value: str) -> str:
    # JSON's string escapes are a subset of TOML's basic-string escapes.
    return json.dumps(value, ensure_ascii=False)


def _toml(entry: dict[str, object]) -> str:
    lines = []
    tables = []
    for key, value in entry.items():
        if isinstance(value, str):
            lines.append(f"{key} = {_string(value)}")
        elif isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_string(v) for v in value)}]")
        elif isinstance(value, dict):
            tables.append(
                f"\n[{key}]\n" + "".join(f"{k} = {_string(v)}\n" for k, v in value.items())
            )
    return "\n".join(lines) + "\n" + "".join(tables)


def _tools_toml(tools: dict[str, dict[str, str]]) -> str:
    return "\n".join(
        f"[{tool_id}]\n" + "".join(f"{k} = {_string(v)}\n" for k, v in table.items())
        for tool_id, table in sorted(tools.items())
    )
