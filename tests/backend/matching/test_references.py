"""No term inside a cross-reference's target (ai_glossary.matching.references), on both of the
matcher's paths, and the two paths alike on generated markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.matching.matcher import Matcher
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.matching import marks, matcher_on

D2L = Path(__file__).parents[3].parent / "shared" / "corpus2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A section's label, a citation key: not prose.
        ("See :numref:`sec_rlhf` on RLHF.", [("RLHF", "rlhf")]),
        (":cite:`RLHF.2022` and :citet:`RLHF` and :cite:t:`RLHF`", []),
        (":eqref:`eq_rlhf`, :label:`fig_rlhf`, :ref:`rlhf`, :doc:`rlhf`", []),
        # Any other role, or no role at all, is text like any other.
        (":math:`RLHF` and `RLHF` and :cite:x:`RLHF`", [("RLHF", "rlhf")] * 3),
        # A reference ends at its closing backtick, on its line.
        (":numref:`sec_a` RLHF", [("RLHF", "rlhf")]),
        (":numref:`sec_a\nRLHF`", [("RLHF", "rlhf")]),
        # Offsets stay in UTF-16 units past an astral character.
        ("😀 :ref:`rlhf` RLHF", [("RLHF", "rlhf")]),
    ],
)
def test_no_term_inside_a_reference(
    matcher: Matcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert marks(matcher, text) == expected


def test_a_reference_among_several_texts(matcher: Matcher) -> None:
    found = matcher.find_many(["RLHF :numref:`sec_rlhf`", ":cite:`rlhf` RLHF"])
    assert [[(start, slug) for start, _, slug, _ in matches] for matches in found] == [
        [(0, "rlhf")],
        [(13, "rlhf")],
    ]


_BOTH: dict[bool, Matcher] = {}


def _both() -> tuple[Matcher, Matcher]:
    """The bundled glossary's matchers on both paths, built once (hypothesis tests cannot
    take module fixtures)."""
    for path_is_native in (False, True):
        if path_is_native not in _BOTH:
            _BOTH[path_is_native] = matcher_on(load_dictionary(BUNDLED), path_is_native)
    return _BOTH[False], _BOTH[True]


pieces = st.sampled_from(
    [":", "`", ":numref:", ":cite:", ":t:", ":x:", "ref", "RLHF", " dataset ", "😀", "\n", " "]
)


@settings(max_examples=500, deadline=None)
@given(text=st.lists(pieces, max_size=14).map("".join))
def test_both_paths_agree_on_generated_markup(text: str) -> None:
    python, compiled = _both()
    assert compiled.find(text) == python.find(text)
    assert compiled.find_many([text, "RLHF " + text]) == python.find_many([text, "RLHF " + text])


def test_d2l_references_hold_no_term() -> None:
    # d2l's chapters cross-reference and cite on almost every page (read here with a
    # pattern of this test's own, for the roles d2l uses).
    python, compiled = _both()
    role = re.compile(r":(?:numref|eqref|cite|citet|label|eqlabel|ref):`[^`\n]*`")
    chapters = sorted((D2L / "d2l").glob("*.md"))
    assert chapters, f"no d2l chapters under {D2L}"
    references = 0
    for chapter in chapters:
        blocks = [b for b in chapter.read_text(encoding="utf-8").split("\n\n") if ":`" in b]
        assert compiled.find_many(blocks) == python.find_many(blocks)
        for block, found in zip(blocks, python.find_many(blocks), strict=True):
            spans = [m.span() for m in role.finditer(block)]
            references += len(spans)
            assert max(block) <= "\uffff", "spans in code points: no astral character"
            for start, _, slug, _ in found:
                assert not any(a <= start < b for a, b in spans), (chapter.name, slug)
    assert references > 1000
