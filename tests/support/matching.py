"""Reading a matcher's results as a browser would."""

from __future__ import annotations

import os

import pytest
from ai_glossary.matching import native
from ai_glossary.matching.matcher import Matcher
from ai_glossary.model import Dictionary


def marks(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    """(marked text, slug) pairs, slicing by UTF-16 offsets as a browser would."""
    units = text.encode("utf-16-le")
    return [
        (units[start * 2 : end * 2].decode("utf-16-le"), slug)
        for start, end, slug, _ in matcher.find(text)
    ]


# Both paths of the matcher (ai_glossary.matching.native): each test that takes a matcher
# runs on the Python path, the reference, and on the native one.
PATHS = [pytest.param(False, id="python"), pytest.param(True, id="native")]


def require_native() -> None:
    """Skip where the native matcher was not built; in CI (`CI` set) fail instead."""
    if native.Scanner is None:
        if os.environ.get("CI"):
            pytest.fail("the native matcher was not built; CI never skips its tests")
        pytest.skip("the native matcher was not built (no C compiler at install)")


def matcher_on(dictionary: Dictionary, path_is_native: bool) -> Matcher:
    if path_is_native:
        require_native()
    return Matcher(dictionary, native=path_is_native)
