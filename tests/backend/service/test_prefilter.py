"""The prefilter index: every key the matcher looks for, filed under its rarest word, so a
block with none of them cannot hold a term (GET /v1/prefilter, the extension's check)."""

from __future__ import annotations

from pathlib import Path

from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.matching.matcher import Matcher
from ai_glossary.model.forms import key_of, surface_forms
from ai_glossary.model.shaping import normalize
from ai_glossary.service.prefilter import prefilter_index, rarest

ROOT = Path(__file__).parents[3]
BUNDLED = load_dictionary(ROOT / "dictionary")


def _could_hold(text: str, index: dict[str, list[str]]) -> bool:
    """The extension's check (background/prefilter.js), on the matcher's own shaping."""
    words = normalize(text).split()
    shaped = f" {' '.join(words)} "
    return any(f" {key} " in shaped for word in words for key in index.get(word, []))


def test_every_key_is_filed_under_one_of_its_words() -> None:
    index = prefilter_index(BUNDLED)
    filed = {key: word for word, keys in index.items() for key in keys}
    keys = {key_of(s.form) for t in BUNDLED.terms.values() if t.marked for s in surface_forms(t)}
    assert set(filed) == keys - {""}
    assert all(word in key.split(" ") for key, word in filed.items())


def test_the_rarest_word_is_chosen() -> None:
    assert rarest(["context", "window"]) == "context"
    assert rarest(["a", "b", "testing"]) == "testing"
    assert "a" not in prefilter_index(BUNDLED)  # "a/b testing" is not filed under "a"


def test_a_block_the_index_rules_out_holds_no_term() -> None:
    index = prefilter_index(BUNDLED)
    matcher = Matcher(BUNDLED)
    corpus = (ROOT / "tests" / "fixtures" / "pages").glob("*.html")
    blocks = [line for page in corpus for line in page.read_text(encoding="utf-8").splitlines()]
    blocks += ["Your balance on Tuesday was fine.", "Pay per use, context, window", "RLHF."]
    for block in blocks:
        if not _could_hold(block, index):
            assert matcher.find(block) == [], block
    assert not _could_hold("Your balance on Tuesday was fine.", index)
    assert _could_hold("We fine-tuned it with RLHF.", index)
