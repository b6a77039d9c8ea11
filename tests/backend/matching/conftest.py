"""The rules fixture dictionary and its matcher on both paths, for the rule-by-rule tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_glossary.glossary.reader import load_dictionary
from ai_glossary.matching.matcher import Matcher
from ai_glossary.model import Dictionary

from tests.support.matching import PATHS, matcher_on

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return load_dictionary(RULES)


@pytest.fixture(scope="module", params=PATHS)
def matcher(dictionary: Dictionary, request: pytest.FixtureRequest) -> Matcher:
    return matcher_on(dictionary, request.param)
