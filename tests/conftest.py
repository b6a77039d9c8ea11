"""Shared fixtures: paths to the fixture dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
DICTIONARIES = FIXTURES / "dictionaries"


@pytest.fixture(scope="session")
def rules_dictionary() -> Path:
    return DICTIONARIES / "rules"
