"""Both paths of the sense judgement, for tests: the Python reference and the native one.

The native tests skip where the extension was not built, but fail under CI (the `CI`
environment variable): CI must never skip them silently."""

from __future__ import annotations

import os

import pytest
from ai_glossary.model import Dictionary
from ai_glossary.service.annotate import Annotator
from ai_glossary.service.sense import SenseJudge, handover

PATHS = ["python", "native"]


def require_native() -> None:
    if handover.PURE_PYTHON:
        pytest.skip("AI_GLOSSARY_PURE_PYTHON is set: the Python path only")
    if not handover.built():
        message = "the native sense judgement is not built (no compiler at install?)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def judge_on(path: str, dictionary: Dictionary) -> SenseJudge:
    if path == "native":
        require_native()
    return SenseJudge(dictionary, native=path == "native")


def annotator_on(path: str, dictionary: Dictionary) -> Annotator:
    """An annotator whose judgement takes one path."""
    annotator = Annotator(dictionary)
    annotator.judge = judge_on(path, dictionary)
    return annotator
