"""Cross-references in markup: a section's label or a paper's key is not prose.

reStructuredText, and Markdown built by Sphinx-like tools such as d2l's, write
":numref:`sec_bert-dataset`" or ":cite:`Devlin.Chang.2018`" where a page will show a link;
the text between the backticks names a target, so a form inside it ("dataset", "natural
language inference") is not a term. d2l's chapters hold over two thousand of them (on the
labelled evaluation: 31 such marks, every one wrong, and no label inside one). The native
scanner keeps the same rule (native/matcher.c, `find_references`).
"""

from __future__ import annotations

import re

from ai_glossary.matching.offsets import Match

# The roles that name a target: sections, equations, figures, documents and citations.
ROLES = ("numref", "ref", "eqref", "label", "eqlabel", "doc", "cite", "citet", "citep")
_REFERENCE = re.compile(rf":(?:{'|'.join(ROLES)})(?::[tp])?:`[^`\n]*`")


def outside_references(text: str, found: list[Match]) -> list[Match]:
    """`found` (offsets in UTF-16 units) without the matches that start inside a
    cross-reference's target."""
    if not found or ":`" not in text:
        return found
    spans = [(m.start(), m.end()) for m in _REFERENCE.finditer(text)]
    if not spans:
        return found
    if not text.isascii():
        spans = [(_utf16(text, start), _utf16(text, end)) for start, end in spans]
    return [m for m in found if not any(start <= m[0] < end for start, end in spans)]


def _utf16(text: str, position: int) -> int:
    """A code-point offset in UTF-16 units: astral characters count twice."""
    return position + sum(1 for char in text[:position] if char > "\uffff")
