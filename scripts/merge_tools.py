"""Merge the glossary writers' staging tool files into dictionary/tools.toml (dedupe by id)."""

import sys
import tomllib
from pathlib import Path

STAGING = Path("/work/staging")
TARGET = Path(__file__).resolve().parent.parent / "dictionary" / "tools.toml"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> int:
    tools: dict[str, dict[str, str]] = {}
    sources = sorted(STAGING.glob("tools-*.toml"))
    for path in sources:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            return 1
        for tool_id, table in data.items():
            tools.setdefault(tool_id, table)
    lines = []
    for tool_id in sorted(tools):
        table = tools[tool_id]
        lines.append(f"[{tool_id}]")
        for key in ("name", "url", "description"):
            if key in table:
                lines.append(f"{key} = {quote(str(table[key]))}")
        lines.append("")
    temporary = TARGET.with_suffix(".tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(TARGET)
    print(f"{len(tools)} tools in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
