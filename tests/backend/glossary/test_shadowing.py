"""Shadowing made visible: what a glossary listed first takes from one listed later."""

from __future__ import annotations

from pathlib import Path

from ai_glossary.glossary.library import Library
from ai_glossary.glossary.reader import load_dictionary

DICTIONARIES = Path(__file__).parents[2] / "fixtures" / "dictionaries"


def test_every_shadowed_form_and_slug_is_named() -> None:
    business, rules = (
        load_dictionary(DICTIONARIES / "business"),
        load_dictionary(DICTIONARIES / "rules"),
    )
    shadows = [str(s) for s in Library([business, rules]).shadowed()]
    assert shadows, "the business fixture takes the LLM entry from the rules fixture"
    assert any(s.startswith("LLM: Acme Corp glossary") for s in shadows), shadows
    assert any(s.startswith("/terms/large-language-model: Acme Corp glossary") for s in shadows)
    assert all("hides Matching rules fixture" in s for s in shadows)
    # Listed the other way round, the rules fixture wins and hides the business entries.
    reverse = [str(s) for s in Library([rules, business]).shadowed()]
    assert reverse and all("hides Acme Corp glossary" in s for s in reverse)


def test_one_glossary_shadows_nothing() -> None:
    rules = load_dictionary(DICTIONARIES / "rules")
    assert Library([rules]).shadowed() == []
