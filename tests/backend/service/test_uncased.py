"""Blocks that write no capital at all (`service/uncased.py`): search boxes and chat, where
names and acronyms come in lower case, judged like any other occurrence."""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.service.annotate import Annotator, Options

from tests.support.native import PATHS, annotator_on


@pytest.fixture(scope="module", params=PATHS)
def annotator(request: pytest.FixtureRequest) -> Annotator:
    return annotator_on(request.param, load_dictionary(BUNDLED))


def words(annotator: Annotator, text: str) -> list[str]:
    reply = annotator.annotate([text], Options())
    return [text[m["start"] : m["end"]] for m in reply["matches"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what is ai", ["ai"]),
        ("is rag better than fine-tuning for a small shop", ["rag", "fine-tuning"]),
        ("eu ai act what does it mean for a small online shop", ["eu ai act"]),
        ("asked grok to summarise the thread", ["grok"]),
        # A name its entry keeps capitalised is weighed here, not ruled out by its case.
        ("does whisper transcribe voice notes offline", ["whisper"]),
    ],
)
def test_search_box_lines_keep_their_terms(
    annotator: Annotator, text: str, expected: list[str]
) -> None:
    assert words(annotator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "grab a rag and some polish for the car",
        "add 250 ml of milk, then 5 ml of vanilla",
        "we fed the llamas and alpacas at the farm today",
        "keep your voice down and whisper",
        # Another language's words: Italian "ai" (to the), French "j'ai" (I have).
        "sono andato ai giardini con gli amici e poi siamo tornati a casa",
        "j'ai fini le travail et j'ai mangé",
    ],
)
def test_everyday_words_in_lower_case_stay_unmarked(annotator: Annotator, text: str) -> None:
    assert words(annotator, text) == []


def test_a_block_with_a_capital_keeps_the_case_rules(annotator: Annotator) -> None:
    """One capital says the writer minds case: "ai" and "rag" in it are not acronyms."""
    assert words(annotator, "What is ai") == []
    assert words(annotator, "Is rag better than RLHF here?") == ["RLHF"]


def test_each_block_is_read_by_its_own_case(annotator: Annotator) -> None:
    reply = annotator.annotate(["What is ai", "what is ai", "What is AI"], Options())
    assert [(m["segment"], m["term"]) for m in reply["matches"]] == [
        (1, "artificial-intelligence"),
        (2, "artificial-intelligence"),
    ]


def test_a_glossary_with_no_case_rules_reads_every_block_once(tmp_path: Path) -> None:
    """No form keeps a case, so no second matcher is built and nothing is found again."""
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "prompt.toml").write_text(
        'term = "Prompt"\ndefinition = "What you give a model."\n', "utf-8"
    )
    annotator = Annotator(load_dictionary(tmp_path))
    assert not annotator.matcher.case_rules
    texts = ["write a better prompt", "Write a better prompt"]
    found = annotator.matcher.find_many(texts)
    assert annotator.uncased.found(texts, found) is found
    assert [slug for _, _, slug, _ in found[0]] == ["prompt"]
