"""The marking evaluation as a regression floor: both halves of tests/fixtures/sense, scored
by the same code as bench/context.py (which prints every figure and every error).

The floors are the targets of docs/adr/0007-sense-judgement.md where the judgement meets
them; where it does not yet (the frozen half, see the ADR), the floor is today's figure, so
that no change makes it worse unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.service.annotate import Annotator, Options
from ai_glossary.service.sense import Candidate

from tests.support.native import PATHS, annotator_on
from tests.support.sense_eval import (
    Page,
    Score,
    known_terms,
    parts,
    read_half,
    read_set,
    score,
    unlabel,
    verify,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "sense"


# Every test runs on both paths of the judgement (tests/support/native.py).
@pytest.fixture(scope="module", params=PATHS)
def annotator(request: pytest.FixtureRequest) -> Annotator:
    return annotator_on(request.param, load_dictionary(BUNDLED))


@pytest.fixture(scope="module")
def scores(annotator: Annotator) -> dict[tuple[str, str], Score]:
    return {
        (half, name): score(read_half(FIXTURES, half, name), annotator)
        for half in ("frozen", "tune")
        for name in ("other", "ai", "sentences", "recurring")
    }


@pytest.mark.parametrize(
    "part", sorted(p.name for p in FIXTURES.iterdir() if (p / "SHA256SUMS").exists())
)
def test_every_part_is_as_it_was_frozen(part: str) -> None:
    assert verify(FIXTURES / part) == []


def test_every_part_says_what_its_labeller_had() -> None:
    frozen_and_tuned = [p for half in ("frozen", "tune") for p in parts(FIXTURES, half)]
    assert len(frozen_and_tuned) == len(list(FIXTURES.glob("*/SHA256SUMS")))
    assert all(known_terms(folder) for folder in frozen_and_tuned)


def test_the_set_is_big_enough() -> None:
    for half in ("frozen", "tune"):
        assert parts(FIXTURES, half)
        assert len(read_half(FIXTURES, half, "other")) >= 30
        assert len(read_half(FIXTURES, half, "ai")) >= 15
        assert len(read_half(FIXTURES, half, "sentences")) >= 50


def test_a_label_no_form_reaches_is_a_gap_not_a_miss(annotator: Annotator) -> None:
    """Recall measures the judgement on what the glossary can reach; a label of jargon the
    glossary has no form for is counted apart, and in the recall over every label."""
    text, labels = unlabel("It was tuned with [[RLHF]] and the [[florbulator]] method.", 0)
    result = score([Page("gap", (text,), tuple(labels))], annotator)
    assert (result.labels, result.found) == (1, 1)
    assert [gap.text for gap in result.gaps] == ["florbulator"]
    assert result.recall == 1.0 and result.recall_of_all == 0.5


# A floor per half for single-sentence recall, never below the target (0.90), for a half
# that does better than the target by a margin worth holding: the tuned half (0.926; 0.931
# before tune67, 250 everyday people's messages about AI tools at 72%); not the frozen half
# (0.904). Fresh parts of short texts land under the target on their own more often
# than not (the thirty-eighth round's sentences copied from the corpora at 79-85%, the
# thirty-ninth round's headlines, posts, queries and interface strings at 77-80%, the
# fortieth's everyday people's messages at 73% and 84%), and each took its half's figure
# down: frozen39 and frozen40 took the frozen half to 0.899, the rules and cues read off
# tune62 and tune63 brought it back to 0.908, and frozen41 and frozen42 took it to 0.904
# (docs/sense-judgement-record.md).
SENTENCE_RECALL_FLOOR = {"tune": 0.92, "frozen": 0.90}

# Marks beyond the neighbourhood of a page's one AI sentence: the target is none. The tuned
# half has had none for long; the frozen half had between 3 and 7 from frozen77 (the
# fifty-ninth round) to frozen185 (the hundred-and-fourteenth), none of them looked into, so
# that the half stays a fair test, until a page not about AI kept its marks to the blocks
# beside its one AI passage (weights.STRAY_BLOCKS, 2026-12-08: 7 -> 0); 1 since frozen190
# (the hundred-and-seventeenth round, its one far mark, scored on 936e78e, which has that
# rule). A floor per half, so that no change adds one unnoticed.
FAR_MARKS_FLOOR = {"tune": 0, "frozen": 1}


@pytest.mark.parametrize("half", ["tune", "frozen"])
def test_each_half_meets_the_targets(scores: dict[tuple[str, str], Score], half: str) -> None:
    """Issue 13's targets, on the half the judgement was tuned on and on the frozen one
    (where the frozen half misses one, its floor: `FAR_MARKS_FLOOR`)."""
    other, ai, sentences = (scores[(half, name)] for name in ("other", "ai", "sentences"))
    assert other.false_per_1000_words <= 0.2
    assert other.far_marks <= FAR_MARKS_FLOOR[half]
    assert ai.precision >= 0.97 and ai.recall >= 0.90
    assert ai.ambiguous_precision >= 0.90 and ai.ambiguous_recall >= 0.80
    assert sentences.recall >= max(0.90, SENTENCE_RECALL_FLOOR[half])


# Pages about other things that come back to AI three to five times (the tuned half's tenth
# round): an AI paragraph lends its neighbours evidence, and such pages have many neighbours.
# They are not issue 13's "pages about other things" (at most one AI sentence), and are far
# from its 0.2 (docs/sense-judgement-record.md, the tenth round): the ceiling is today's figure,
# rounded up, so that no change makes them worse unnoticed.
RECURRING_FALSE_CEILING = 0.5


def test_pages_that_come_back_to_ai_stay_as_they_are(scores: dict[tuple[str, str], Score]) -> None:
    recurring = scores[("tune", "recurring")]
    assert recurring.words > 0
    assert recurring.false_per_1000_words <= RECURRING_FALSE_CEILING
    assert recurring.recall >= 0.95


def test_the_fast_score_is_the_explained_score(annotator: Annotator) -> None:
    """The judgement's fast path and the one that lists its evidence agree on every page:
    on what is marked, and on the score of what is not (the fast path leaves out support
    that an occurrence marked on its first verdict did not need)."""
    pages = [page for name in ("other", "ai") for page in read_set(FIXTURES / "tune", name)]
    for page in pages[::3]:
        blocks = list(page.blocks)
        found = annotator.found(blocks)
        fast = annotator.judged(blocks, found, page_is_ai=False)
        explained = annotator.judged(blocks, found, page_is_ai=False, explain=True)
        assert [_kept(c) for c in fast] == [_kept(c) for c in explained], page.name
        for quick, full in zip(fast, explained, strict=True):
            if quick.verdict is not None and full.verdict is not None:
                if quick.verdict.kept:
                    assert quick.verdict.score <= full.verdict.score, page.name
                else:
                    assert quick.verdict.score == full.verdict.score, page.name


def _kept(candidate: Candidate) -> bool | None:
    return None if candidate.verdict is None else candidate.verdict.kept


def test_explaining_changes_nothing_that_is_marked(annotator: Annotator) -> None:
    page = read_set(FIXTURES / "tune", "ai")[0]
    plain = annotator.annotate(list(page.blocks), Options())
    explained = annotator.annotate(list(page.blocks), Options(explain=True))
    assert plain["matches"] == explained["matches"]


@pytest.mark.parametrize("page_is_ai", [False, True])
def test_first_marks_are_the_first_of_every_mark(annotator: Annotator, page_is_ai: bool) -> None:
    """Asked for first marks only, the judgement weighs fewer occurrences: what it marks is
    still, on every page of both halves, the first of what it marks when asked for all.

    The Python path takes every fifth page (17 s; 72 s for all of them, against the native
    path's 10 s): test_native_sense.py holds its verdicts to the native path's on every
    page, with and without first marks."""
    pages = [
        page
        for half in ("frozen", "tune")
        for name in ("other", "ai", "sentences")
        for page in read_half(FIXTURES, half, name)
    ]
    if annotator.judge.native is None:
        pages = pages[::5]
    for page in pages:
        blocks = list(page.blocks)
        every = annotator.compute(blocks, Options(page_is_ai=page_is_ai))["matches"]
        first = annotator.compute(blocks, Options(first_only=True, page_is_ai=page_is_ai))
        firsts: list[dict[str, object]] = []
        for match in every:
            if all(match["term"] != earlier["term"] for earlier in firsts):
                firsts.append(match)
        assert first["matches"] == firsts, page.name
