"""The bundled AI glossary: complete, consistent, and within the content guide's bounds."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest
from ai_glossary.glossary.reader import BUNDLED, check_dictionary, load_dictionary
from ai_glossary.model import Dictionary, Term
from ai_glossary.service.annotate import Annotator, Options

MIN_TERMS = 520
MIN_TOOLS = 120
PLAIN_ENGLISH_WORDS = 30
DEFINITION_WORDS = 60
CATEGORIES = {
    "Models and architectures",
    "Training and post-training",
    "Inference and serving",
    "Prompting and use",
    "Retrieval and knowledge",
    "Agents and tools",
    "Evaluation",
    "Safety, risk and governance",
    "Data and privacy",
    "Machine learning basics",
    "Business and deployment",
    "Models, labs and products",
}
REQUIRED_SLUGS = [
    "post-training",
    "pre-training",
    "fine-tuning",
    "supervised-fine-tuning",
    "reinforcement-learning-from-human-feedback",
    "large-language-model",
    "retrieval-augmented-generation",
    "prompt-engineering",
    "hallucination",
    "token",
    "context-window",
    "embedding",
    "transformer",
    "inference",
    "ai-agent",
]


@pytest.fixture(scope="module")
def glossary() -> Dictionary:
    return load_dictionary(BUNDLED, strict=True)


def test_strict_check_passes() -> None:
    assert [str(p) for p in check_dictionary(BUNDLED, strict=True)] == []


def test_size_and_coverage(glossary: Dictionary) -> None:
    assert len(glossary.terms) >= MIN_TERMS
    assert len(glossary.tools) >= MIN_TOOLS
    assert set(REQUIRED_SLUGS) <= set(glossary.terms)
    per_category = Counter(term.category for term in glossary.terms.values())
    assert set(per_category) == CATEGORIES
    assert min(per_category.values()) >= 15, per_category


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5]


def test_lengths(glossary: Dictionary) -> None:
    too_long = []
    for term in glossary.terms.values():
        if (
            words(term.plain_english) > PLAIN_ENGLISH_WORDS
            or len(sentences(term.plain_english)) > 1
        ):
            too_long.append(f"{term.slug}: plain_english")
        if words(term.definition) > DEFINITION_WORDS:
            too_long.append(f"{term.slug}: definition")
        if not 2 <= len(term.full_picture) <= 5:
            too_long.append(f"{term.slug}: full_picture has {len(term.full_picture)} paragraphs")
        if not 2 <= len(term.faq) <= 4:
            too_long.append(f"{term.slug}: faq has {len(term.faq)} questions")
        if len(term.tools) > 5:
            too_long.append(f"{term.slug}: more than 5 tools")
    assert too_long == []


def all_text(term: Term) -> list[str]:
    return [
        term.plain_english,
        term.definition,
        *term.full_picture,
        term.business_example,
        *term.roles.values(),
        *(part for item in term.faq for part in (item.q, item.a)),
    ]


def test_no_sentence_is_used_twice(glossary: Dictionary) -> None:
    seen: defaultdict[str, set[str]] = defaultdict(set)
    for term in glossary.terms.values():
        for text in all_text(term):
            for sentence in sentences(text):
                seen[sentence.lower()].add(term.slug)
    repeated = {s: sorted(slugs) for s, slugs in seen.items() if len(slugs) > 1}
    assert repeated == {}


def test_every_term_links_and_is_linked(glossary: Dictionary) -> None:
    linked_to = Counter(slug for term in glossary.terms.values() for slug in term.related)
    lonely = [slug for slug in glossary.terms if linked_to[slug] == 0]
    assert lonely == []
    for term in glossary.terms.values():
        assert len(set(term.related)) == len(term.related), term.slug


def test_every_tool_is_used_and_on_the_web(glossary: Dictionary) -> None:
    used = {tool for term in glossary.terms.values() for tool in term.tools}
    assert set(glossary.tools) == used
    for tool in glossary.tools.values():
        assert tool.url.startswith("https://"), tool.id


def test_the_new_category_is_the_names_readers_meet(glossary: Dictionary) -> None:
    names = [t for t in glossary.terms.values() if t.category == "Models, labs and products"]
    assert len(names) >= 40
    slugs = {t.slug for t in names}
    assert {"chatgpt", "claude", "gemini", "llama", "openai", "anthropic", "pytorch"} <= slugs
    assert {"hugging-face", "imagenet", "resnet", "mistral-ai"} <= slugs


def test_every_ambiguous_entry_says_what_tells_its_senses_apart(glossary: Dictionary) -> None:
    vague = [
        t.slug
        for t in glossary.terms.values()
        if t.ambiguous and not (t.cues.for_ai and t.cues.against)
    ]
    assert vague == []


MARKING_PROSE = re.compile(
    r"\b(marked|highlighted|underlined)\b[^.]*\bpages?\b|pages about AI", re.I
)


def test_no_entry_talks_about_how_it_is_marked(glossary: Dictionary) -> None:
    talking = [
        t.slug for t in glossary.terms.values() if any(map(MARKING_PROSE.search, all_text(t)))
    ]
    assert talking == []


def test_business_examples_vary_their_openings(glossary: Dictionary) -> None:
    openings = Counter(t.business_example.split()[0] for t in glossary.terms.values())
    most, count = openings.most_common(1)[0]
    assert count <= len(glossary.terms) // 10, (most, count)


def test_role_lines_speak_in_one_voice(glossary: Dictionary) -> None:
    # Each begins with a verb in the third person, no subject: "Checks ...", "Decides ...".
    odd = [
        f"{t.slug}: {line}"
        for t in glossary.terms.values()
        for line in t.roles.values()
        if not re.match(r"^[A-Z][a-z]+(?:-[a-z]+)?(s|es)\b", line)
        or line.startswith(("The ", "This "))
    ]
    assert odd == []


def test_ambiguous_words_are_judged_by_their_neighbourhood(glossary: Dictionary) -> None:
    annotator = Annotator(glossary)
    everyday = annotator.annotate(
        ["The travel agent booked a model home. Use this token at the gate."], Options()
    )
    assert everyday["matches"] == []
    about_ai = annotator.annotate(
        ["An LLM spends tokens: each AI agent calls tools through an API."], Options()
    )
    marked = {m["term"] for m in about_ai["matches"]}
    assert {"large-language-model", "token", "ai-agent"} <= marked


def test_everyday_phrases_that_spell_a_form_need_evidence(glossary: Dictionary) -> None:
    # A hyphen and a space are the same inside a form, so "one-hot" is also "one hot": such a
    # form, and any form that is an everyday phrase, is listed as ambiguous and judged.
    annotator = Annotator(glossary)
    everyday = [
        "It was one hot afternoon, so we planned the walk for the evening.",
        "Our events team will plan and execute the whole day for you.",
        "The old car has built-in assumptions about how you drive.",
        "A retired model now runs the agency's casting desk.",
        "Forklift drivers are wanted for the night distribution shift.",
        "A label error on the jars listed the wrong allergens.",
        "The closure of the library drew local attention.",
        "The course covers estate agent skills such as valuation and viewings.",
        "Self-training plans help staff keep their first-aid skills current.",
        "Spread a dense layer of cream over the sponge.",
        "Ask for a value estimate before you list the house.",
        "The gold labels are blended for twelve years.",
        "Replace the output filter capacitor if the ripple rises.",
        "Our sample packing service ships specimens on dry ice.",
        "Molecular biologists also use the word vector for a plasmid that carries DNA.",
        "Our sub-agent in Milan handles the Italian translation rights.",
        "The shipping line appointed a sub-agent at the port of Durban.",
    ]
    for text in everyday:
        assert annotator.annotate([text], Options())["matches"] == [], text
    about_ai = annotator.annotate(
        [
            "Categories are one-hot encoded before training, so each one-hot vector has a "
            "single 1. The LLM agent follows a plan-and-execute loop with tool calls."
        ],
        Options(),
    )
    marked = {m["term"] for m in about_ai["matches"]}
    assert {"one-hot-encoding", "planning"} <= marked


def test_plain_everyday_words_are_never_forms(glossary: Dictionary) -> None:
    banned = {"model", "models", "data", "training", "system", "tool", "learning", "ai model"}
    for term in glossary.terms.values():
        if not term.marked:
            continue
        for form in term.forms:
            assert form.lower() not in banned, (term.slug, form)
