"""The matching contract, rule by rule, and against a simple reference implementation."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest
from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.matching.matcher import Matcher
from ai_glossary.model import Dictionary, Term
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.dictionaries import write_perplexities_by_case
from tests.support.matching import PATHS, marks, matcher_on


@pytest.mark.parametrize("path_is_native", PATHS)
def test_a_name_kept_capitalised_is_one_term_and_its_lower_case_another(
    tmp_path: Path, path_is_native: bool
) -> None:
    write_perplexities_by_case(tmp_path)
    matcher = matcher_on(load_dictionary(tmp_path), path_is_native)
    text = "Perplexity said its perplexity fell; PERPLEXITY, perplexities, Perplexities."
    assert marks(matcher, text) == [
        ("Perplexity", "company"),
        ("perplexity", "metric"),
        ("PERPLEXITY", "company"),
        ("perplexities", "metric"),
        ("Perplexities", "company"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Whole words only, in any script.
        ("He said so.", []),
        ("Thai food", []),
        ("an organ donor", []),
        ("AI in Thai", [("AI", "artificial-intelligence")]),
        ("KIAI", []),
        ("AI中", []),
        ("中 AI 中", [("AI", "artificial-intelligence")]),
        ("éAI", []),
        ("AI2", []),
        # Longest match wins, no overlaps.
        (
            "reinforcement learning from human feedback",
            [("reinforcement learning from human feedback", "rlhf")],
        ),
        ("reinforcement learning", [("reinforcement learning", "reinforcement-learning")]),
        ("a large language model", [("large language model", "large-language-model")]),
        ("a language model", [("language model", "language-model")]),
        # Case: acronyms and inner capitals are case-sensitive, other forms are not.
        ("RAG and rag", []),
        ("LLM llm Llm lLM", [("LLM", "large-language-model")]),
        ("LoRA lora Lora", [("LoRA", "lora")]),
        ("Low-Rank Adaptation", [("Low-Rank Adaptation", "lora")]),
        ("LARGE LANGUAGE MODEL", [("LARGE LANGUAGE MODEL", "large-language-model")]),
        ("chatgpt ChatGPT", [("ChatGPT", "chatgpt")]),
        # ...except for the first letter, which sentence case may change.
        ("run on-device AI", [("on-device AI", "on-device-ai")]),
        ("On-Device AI, on-device ai", [("On-Device AI", "on-device-ai")]),
        ("AI Agents ARE AI AGENTS", [("AI Agents", "ai-agent"), ("AI AGENTS", "ai-agent")]),
        ("loRA", [("loRA", "lora")]),
        # Regular plurals and listed inflections.
        ("LLMs", [("LLMs", "large-language-model")]),
        ("LLMS", []),
        ("ontologies", [("ontologies", "ontology")]),
        ("ten epochs, mini-batches", [("epochs", "epoch"), ("mini-batches", "mini-batch")]),
        (
            "embeddings and hallucinations",
            [("embeddings", "embedding"), ("hallucinations", "hallucination")],
        ),
        ("it hallucinated", [("hallucinated", "hallucination")]),
        ("we fine-tuned it", [("fine-tuned", "fine-tuning")]),
        ("finetuning", [("finetuning", "fine-tuning")]),
        ("large language models", [("large language models", "large-language-model")]),
        # Typography: hyphens, apostrophes, spaces.
        ("fine tuning", [("fine tuning", "fine-tuning")]),
        (
            "fine\u2010tuning fine\u2011tuning fine\u2013tuning",
            [
                ("fine\u2010tuning", "fine-tuning"),
                ("fine\u2011tuning", "fine-tuning"),
                ("fine\u2013tuning", "fine-tuning"),
            ],
        ),
        ("large\u00a0language model", [("large\u00a0language model", "large-language-model")]),
        ("large   language\n\t model", [("large   language\n\t model", "large-language-model")]),
        ("code-generation", [("code-generation", "code-generation")]),
        ("code generation", [("code generation", "code-generation")]),
        ("large, language model", [("language model", "language-model")]),
        # Edges: hyphen and apostrophe are boundaries; a dot inside a word is not.
        ("LLM-based", [("LLM", "large-language-model")]),
        ("RLHF-powered", [("RLHF", "rlhf")]),
        ("LLM's answer", [("LLM", "large-language-model")]),
        ("LLM\u2019s answer", [("LLM", "large-language-model")]),
        ("GPT-4.1", []),
        ("GPT-4", [("GPT-4", "gpt-4")]),
        ("GPT-4.", [("GPT-4", "gpt-4")]),
        ("(GPT-4)", [("GPT-4", "gpt-4")]),
        ("DAIR.AI", []),
        ("AI.", [("AI", "artificial-intelligence")]),
        ("e.g. AI", [("AI", "artificial-intelligence")]),
        # Forms with punctuation.
        ("C++ and C", [("C++", "cpp")]),
        # "#" and "+" end a name ("C++", and "C++17" is one word); a hashtag's sign and a "+"
        # between words split.
        ("C++17, C++ and +C++", [("C++", "cpp"), ("C++", "cpp")]),
        (
            "#AI #RLHF ##LLM",
            [("AI", "artificial-intelligence"), ("RLHF", "rlhf"), ("LLM", "large-language-model")],
        ),
        ("RLHF+LLM and LLM+", [("RLHF", "rlhf"), ("LLM", "large-language-model")]),
        ("the .NET runtime", [("NET", "dotnet")]),
        ("k-NN and k NN", [("k-NN", "knn"), ("k NN", "knn")]),
        ("Node.js, node.js.", [("Node.js", "node-js"), ("node.js", "node-js")]),
        ("Node.jsx", []),
        # Unmarked entries are never marked.
        ("a model", []),
    ],
)
def test_rules(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert marks(matcher, text) == expected


def test_offsets_are_utf16_units(matcher: Matcher) -> None:
    text = "😀 大型语言模型很大。RLHF"
    [(start, end, _, _)] = matcher.find(text)
    assert (start, end) == (12, 16)  # the emoji is two units
    assert text.encode("utf-16-le")[start * 2 : end * 2].decode("utf-16-le") == "RLHF"


def test_offsets_after_collapsed_white_space_and_emoji(matcher: Matcher) -> None:
    text = "😀😀  large \n language   model  and  RLHF"
    assert marks(matcher, text) == [
        ("large \n language   model", "large-language-model"),
        ("RLHF", "rlhf"),
    ]


def test_ambiguous_forms_are_flagged(matcher: Matcher) -> None:
    found = {slug: amb for _, _, slug, amb in matcher.find("an agent, tokens, an AI agent, LLMs")}
    assert found == {"ai-agent": False, "token": True, "large-language-model": False}
    assert [amb for _, _, _, amb in matcher.find("agent agents")] == [True, True]


def test_empty_inputs(matcher: Matcher, dictionary: Dictionary) -> None:
    assert matcher.find("") == []
    assert matcher.find("   \n ") == []
    empty = Dictionary("e", "e", "0", {}, {})
    assert Matcher(empty, native=matcher.native).find("LLM") == []


# --- The reference: slow, obvious, written from the contract, not from the matcher. ---


def is_word_char(text: str, index: int) -> bool:
    char = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == "#":  # "C#", not "#AI"
        return before.isalnum()
    if char == "+":  # "C++", "C++17", "Command R+"; "SFT+DPO" is two words
        # (a digit of another script counts as a letter after it)
        return (before.isalnum() or before == "+") and not (
            after.isalnum() and after not in "0123456789"
        )
    if char.isalnum() or char == "_" or unicodedata.category(char).startswith("M"):
        return True
    if char == ".":
        inside = 0 < index < len(text) - 1
        return inside and text[index - 1].isalnum() and text[index + 1].isalnum()
    return False


def tokens(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for index in range(len(text) + 1):
        word = index < len(text) and is_word_char(text, index)
        if word and start is None:
            start = index
        elif not word and start is not None:
            spans.append((start, index))
            start = None
    return spans


def reference_plurals(form: str, sensitive: bool) -> list[str]:
    if not form[-1].isalpha():
        return []
    if sensitive and form[-1].isupper():
        return [] if form[-1] == "S" else [form + "s"]
    if form.lower().endswith("ch"):  # "batches", but "epochs"
        return [form + "es", form + "s"]
    if form.lower().endswith(("s", "x", "z", "sh")):
        return [form + "es"]
    if form.lower().endswith("y") and form[-2].lower() not in "aeiou":
        return [form[:-1] + "ies"]
    return [form + "s"]


Mask = tuple[int, ...] | None  # per word of a case-sensitive form: does its case count?


def fold(words: list[str], mask: Mask) -> list[str]:
    """Lower-case for ordinary forms. In case-sensitive ones, words whose case counts keep
    it, except for the form's very first letter unless it is an acronym's (mask value
    ACRONYM); the other words are lower-cased."""
    if mask is None or len(mask) != len(words):
        return [word.lower() for word in words]
    folded = [word if marked else word.lower() for word, marked in zip(words, mask, strict=True)]
    if not folded or mask[0] == ACRONYM:
        return folded
    return [folded[0][:1].lower() + folded[0][1:], *folded[1:]]


ACRONYM = 2  # a mask value: the word keeps its case, its first letter too


def reference_forms(term: Term) -> list[tuple[list[str], Mask, bool]]:
    """(folded words, case mask, generated) for every form and plural of a term."""
    result = []
    for form in term.forms:
        sensitive = form in term.acronyms or any(
            c.isupper() for w in form.replace("-", " ").split() for c in w[1:]
        )
        plurals = reference_plurals(form, sensitive)
        for text, generated in ((form, False), *((plural, True) for plural in plurals)):
            words = [text[s:e] for s, e in tokens(text)]
            mask: Mask = None
            if sensitive:
                acronym = form in term.acronyms
                mask = tuple(ACRONYM if acronym else any(c.isupper() for c in w[1:]) for w in words)
            result.append((fold(words, mask), mask, generated))
    return result


def reference_find(dictionary: Dictionary, text: str) -> list[tuple[int, int, str]]:
    spans = tokens(text)
    forms = [
        (t.slug, *f) for t in dictionary.terms.values() if t.marked for f in reference_forms(t)
    ]
    found = []
    for k, (start, _) in enumerate(spans):
        for slug, words, sensitive, generated in forms:
            if k + len(words) > len(spans):
                continue
            window = spans[k : k + len(words)]
            gaps = [text[a[1] : b[0]] for a, b in itertools.pairwise(window)]
            if any(len(gap) != 1 and not gap.isspace() for gap in gaps):
                continue
            seen = fold([text[s:e] for s, e in window], sensitive)  # the form's mask
            if seen == words:
                found.append((start, window[-1][1], generated, slug))
    found.sort(key=lambda f: (f[0], -f[1], f[2]))
    chosen, reached = [], -1
    for start, end, _, slug in found:
        if start >= reached:
            chosen.append((start, end, slug))
            reached = end
    units = [len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]
    return [(units[s], units[e], slug) for s, e, slug in chosen]


def texts(dictionary: Dictionary) -> st.SearchStrategy[str]:
    forms = sorted({f for t in dictionary.terms.values() for f in t.forms})
    cased = st.sampled_from(forms).flatmap(
        lambda f: st.sampled_from(
            [f, f.lower(), f.upper(), f.title(), f[0].swapcase() + f[1:], f + "s", f + "'s"]
        )
    )
    noise = st.sampled_from(
        [
            "said",
            "Thai",
            "organ",
            "model",
            "the",
            "fine",
            "tuning",
            "language",
            "large",
            "4.1",
            "DAIR",
            "😀",
            "👩‍💻",
            "中文",
            "é",
            "e\u0301",
            "x",
            "NET",
            "C",
            "k",
            "ai",
            "Ai",
        ]
    )
    gaps = st.sampled_from(
        [
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "-",
            "\u2011",
            "\u2013",
            "\u00a0",
            ", ",
            ".",
            "'",
            "\u2019",
            "(",
            ")",
            "",
            " \n ",
            "/",
            "…",
        ]
    )
    multi_word = [f for f in forms if " " in f]
    spaced = st.tuples(
        st.sampled_from(multi_word), st.sampled_from(["  ", "\n", " \n\t", "\u00a0", "-", " - "])
    ).map(lambda fg: fg[1].join(fg[0].split(" ")))
    piece = st.one_of(cased, noise, spaced)
    return st.lists(st.tuples(piece, gaps), max_size=12).map(
        lambda parts: "".join(p + g for p, g in parts)
    )


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_agrees_with_reference(
    matcher: Matcher, dictionary: Dictionary, data: st.DataObject
) -> None:
    text = data.draw(texts(dictionary))
    found = matcher.find(text)
    assert [(start, end, slug) for start, end, slug, _ in found] == reference_find(dictionary, text)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_offsets_valid_on_any_text(matcher: Matcher, dictionary: Dictionary, text: str) -> None:
    units = text.encode("utf-16-le")
    length = len(units) // 2
    reached = 0
    for start, end, slug, _ in matcher.find(text):
        assert reached <= start < end <= length
        reached = end
        marked = units[start * 2 : end * 2].decode("utf-16-le")  # no split pairs
        term = dictionary.terms[slug]
        assert marked.strip() == marked
        assert term.marked


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_find_many_equals_find_one_by_one(
    matcher: Matcher, dictionary: Dictionary, data: st.DataObject
) -> None:
    segments = data.draw(st.lists(texts(dictionary), max_size=6))
    assert matcher.find_many(segments) == [matcher.find(segment) for segment in segments]
