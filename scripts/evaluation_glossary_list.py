"""Write the glossary list an evaluation writer labels against (docs/evaluation/README.md).

    .venv/bin/python scripts/evaluation_glossary_list.py OUT.tsv

One line a term: slug, term, acronyms (matched in their exact case), aliases, ambiguous forms
(those with an everyday sense) and the plain-English line; the writer sees this and the term
files, never the matcher's output.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

TERMS = Path(__file__).resolve().parent.parent / "dictionary" / "terms"
HEADER = (
    "slug",
    "term",
    "acronyms (exact case)",
    "aliases",
    "ambiguous forms (also have an everyday sense)",
    "plain English",
)


def main(out: Path) -> None:
    lines = ["\t".join(HEADER)]
    for path in sorted(TERMS.glob("*.toml")):
        entry = tomllib.loads(path.read_text(encoding="utf-8"))
        fields = (
            path.stem,
            entry["term"],
            "; ".join(entry.get("acronyms", [])),
            "; ".join(entry.get("aliases", [])),
            "; ".join(entry.get("ambiguous", [])),
            entry.get("plain_english", "").replace("\t", " "),
        )
        lines.append("\t".join(fields))
    try:
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as error:
        sys.exit(f"evaluation_glossary_list.py: cannot write {out}: {error.strerror}")
    print(f"{len(lines) - 1} terms -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: evaluation_glossary_list.py OUT.tsv")
    main(Path(sys.argv[1]))
