"""The native matcher against the Python path, the reference: identical results everywhere.

Inputs: every code point through the shaper (both of shaping's paths), every article of the
corpora, every evaluation page, and generated text full of what shaping treats specially.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.matching import native
from ai_glossary.matching.matcher import Matcher
from ai_glossary.model import Dictionary, Term, shaping
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.backend.matching.test_matcher import texts
from tests.support.matching import matcher_on, require_native
from tests.support.sense_eval import SETS, read_half

ROOT = Path(__file__).parents[3]
CORPORA = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus2"]
SENSE = ROOT / "tests" / "fixtures" / "sense"
_BLANK_LINES = re.compile(r"\n\s*\n")


@pytest.fixture(scope="module")
def bundled() -> Dictionary:
    return load_dictionary(BUNDLED)


@pytest.fixture(scope="module")
def both(bundled: Dictionary) -> tuple[Matcher, Matcher]:
    return matcher_on(bundled, False), matcher_on(bundled, True)


@pytest.fixture(scope="module")
def shaper() -> native.ShaperType:
    require_native()
    assert native.Shaper is not None
    return native.Shaper(*shaping.unicode_tables())


def every_code_point(width: int) -> list[list[str]]:
    points = [chr(code) for code in range(sys.maxunicode + 1)]
    return [points[start : start + width] for start in range(0, len(points), width)]


def test_shaper_on_every_code_point_mostly_ascii(shaper: native.ShaperType) -> None:
    # Shaped on bytes: each character alone, before and after a dot between letters, and
    # before and after a "+" and a "#" (which stay or split by their neighbours).
    for chunk in every_code_point(1 << 15):
        text = "".join(
            f"{c} a.{c}.b xyzwvutsrq {c}.{c}+#_ mnopqrstuvwx {c}+{c}#{c} +{c} #{c} " for c in chunk
        )
        assert shaper.normalize(text) == shaping.normalize(text)


def test_shaper_on_every_code_point_mostly_not_ascii(shaper: native.ShaperType) -> None:
    # Shaped by regex (lower() of the whole text): the same characters, densely.
    for chunk in every_code_point(1 << 15):
        text = "".join(f"{c}.{c}{c} .{c}+{c}#{c} +{c}" for c in chunk)
        assert shaper.normalize(text) == shaping.normalize(text)


# Characters that shaping treats specially: capital sigma (final in context on one path),
# "İ" (lowers to two), the Kelvin sign (lowers to ASCII), marks, astral letters, odd spaces,
# and digits that are not ASCII (a "+" before one splits, as before a letter).
SPECIAL = "ΣσςΑΙΛΟΓΟΣλόγοςİıKkÅé\u0301\u0345\u00a0\u2028\u3000\x1c\x85.+#_|'’-😀𝐀中٣²"
special_texts = st.text(alphabet=st.sampled_from(list(SPECIAL) + list("aiAI sx.")), max_size=40)


@settings(max_examples=1500, deadline=None)
@given(text=special_texts)
def test_shaper_on_special_characters(shaper: native.ShaperType, text: str) -> None:
    assert shaper.normalize(text) == shaping.normalize(text)


def term(slug: str, name: str, *aliases: str, acronyms: tuple[str, ...] = ()) -> Term:
    return Term(slug=slug, term=name, definition=name, aliases=aliases, acronyms=acronyms)


# Forms whose keys hold what SPECIAL holds, besides the bundled dictionary's.
ODD = Dictionary(
    "odd",
    "odd",
    "1",
    {
        t.slug: t
        for t in (
            term("logos", "λόγος", "ΛΟΓΟΣ"),
            term("sigma", "Σ model", acronyms=("ΣΣ",)),
            term("kelvin", "k-means", "Kelvin scale"),
            term("idot", "İzmir AI"),
            term("dotted", "i.i.d.", "DAIR.AI"),
            term("cpp", "C++", "C#", "_init_"),
            term("ai", "artificial intelligence", acronyms=("AI",)),
            term("ai-act", "AI Act"),
            term("math-a", "𝐀𝐈 model"),
            term("etude", "e\u0301tude"),
            term("chinese", "中文模型"),
            term("ypo", "ᾳ\u0345 form"),
        )
    },
    {},
)


def noisy(dictionary: Dictionary) -> st.SearchStrategy[str]:
    special = st.text(alphabet=st.sampled_from(list(SPECIAL)), max_size=3)
    return st.lists(st.one_of(texts(dictionary), special), max_size=5).map("".join)


@pytest.mark.parametrize("name", ["bundled", "odd"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_find_agrees_on_generated_text(name: str, data: st.DataObject) -> None:
    python, compiled = _pair(name)
    text = data.draw(noisy(python.dictionary))
    assert compiled.matcher.find(text) == python.matcher.find(text)


@pytest.mark.parametrize("name", ["bundled", "odd"])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_find_many_agrees_on_generated_text(name: str, data: st.DataObject) -> None:
    python, compiled = _pair(name)
    segments = data.draw(st.lists(noisy(python.dictionary), max_size=6))
    assert compiled.matcher.find_many(segments) == python.matcher.find_many(segments)


def articles() -> list[Path]:
    found = [
        p for corpus in CORPORA for p in sorted(corpus.rglob("*")) if p.suffix in (".txt", ".md")
    ]
    return found


@pytest.mark.skipif(not articles(), reason="the shared corpora are not on this machine")
def test_agrees_on_every_article(both: tuple[Matcher, Matcher]) -> None:
    python, compiled = both
    for path in articles():
        article = path.read_text(encoding="utf-8")
        blocks = [block for block in _BLANK_LINES.split(article) if block.strip()]
        assert compiled.find_many(blocks) == python.find_many(blocks), path
        assert compiled.find(article) == python.find(article), path
        lines = article.splitlines()
        assert compiled.find_many(lines) == python.find_many(lines), path


def test_agrees_on_every_evaluation_page(both: tuple[Matcher, Matcher]) -> None:
    python, compiled = both
    pages = [
        page
        for half in ("frozen", "tune")
        for name in SETS
        for page in read_half(SENSE, half, name)
    ]
    assert pages
    for page in pages:
        blocks = list(page.blocks)
        assert compiled.find_many(blocks) == python.find_many(blocks), page.name
        assert [compiled.find(b) for b in blocks] == [python.find(b) for b in blocks], page.name


def test_pure_python_switch() -> None:
    script = "from ai_glossary.glossary.reader import BUNDLED, load_dictionary as l\n"
    script += "from ai_glossary.matching.matcher import Matcher\n"
    script += "print(Matcher(l(BUNDLED)).native)"
    environment = {**os.environ, "AI_GLOSSARY_PURE_PYTHON": "1"}
    ran = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    assert ran.stdout.strip() == "False"


class _Built:
    def __init__(self, dictionary: Dictionary, path_is_native: bool) -> None:
        self.dictionary = dictionary
        self.matcher = matcher_on(dictionary, path_is_native)


_BUILT: dict[tuple[str, bool], _Built] = {}


def _pair(name: str) -> tuple[_Built, _Built]:
    """Matchers of both paths, built once (hypothesis tests cannot take module fixtures)."""
    for path_is_native in (False, True):
        if (name, path_is_native) not in _BUILT:
            dictionary = load_dictionary(BUNDLED) if name == "bundled" else ODD
            _BUILT[name, path_is_native] = _Built(dictionary, path_is_native)
    return _BUILT[name, False], _BUILT[name, True]


def test_agrees_with_a_dense_dictionary() -> None:
    """Every frequent phrase of some articles a term (acronyms among them): many overlapping
    candidates, multi-word keys that share their leading words, case-sensitive keys."""
    require_native()
    paths = articles()[:40]
    if not paths:
        pytest.skip("the shared corpora are not on this machine")
    texts = [path.read_text(encoding="utf-8") for path in paths]
    counts: dict[str, int] = {}
    for text in texts:
        words = re.findall(r"[\w.+#-]+", text)
        for size in (1, 2, 3):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                counts[phrase] = counts.get(phrase, 0) + 1
    frequent = sorted(counts, key=lambda phrase: -counts[phrase])[:3000]
    terms = {}
    for index, phrase in enumerate(frequent):
        acronyms = (phrase,) if phrase.isupper() else ()
        terms[f"t{index}"] = term(f"t{index}", phrase, acronyms=acronyms)
    dense = Dictionary("dense", "dense", "1", terms, {})
    python, compiled = matcher_on(dense, False), matcher_on(dense, True)
    for text in texts:
        blocks = [block for block in _BLANK_LINES.split(text) if block.strip()]
        assert compiled.find_many(blocks) == python.find_many(blocks)


def test_a_key_starts_only_at_its_first_word() -> None:
    """The native scan walks the trie only from a word that is some key's first word: keys
    whose first word is no key of its own, first words not ASCII or holding kept symbols, and
    words that begin a key's first word without being it."""
    require_native()
    terms = {
        "llm": term("llm", "large language model"),
        "uber": term("uber", "über alles net"),
        "cpp": term("cpp", "C++ compiler"),
        "gpt": term("gpt", "GPT-4o mini", acronyms=("GPT",)),
    }
    dictionary = Dictionary("first", "first", "1", terms, {})
    python, compiled = matcher_on(dictionary, False), matcher_on(dictionary, True)
    text = (
        "A large language model, a larger language model, large  language\tmodels; "
        "Über alles net and uber alles net; a C++ compiler, C+ compiler; GPT-4o mini, "
        "GPT-4 mini, GPT and gpt; largelanguage model."
    )
    found = compiled.find(text)
    assert found == python.find(text)
    assert [text[start:end] for start, end, _, _ in found] == [
        "large language model",
        "large  language\tmodels",
        "Über alles net",
        "C++ compiler",
        "GPT-4o mini",
        "GPT",  # of "GPT-4 mini"
        "GPT",
    ]
