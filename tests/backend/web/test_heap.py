"""The served data kept out of the cycle collector's full collections (web/heap.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ai_glossary.glossary.reader import BUNDLED
from ai_glossary.settings import Settings
from ai_glossary.web import heap
from ai_glossary.web.app import create_app
from ai_glossary.web.state import AppState
from starlette.testclient import TestClient

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"
TOKEN = "test-admin-token-heap"


@pytest.fixture
def thawed() -> Iterator[None]:
    """Whatever a test freezes is handed back to the collector after it."""
    yield
    gc.unfreeze()
    gc.collect()


class _Node:
    def __init__(self) -> None:
        self.other: Any = self


def test_a_state_dropped_is_freed_without_the_cycle_collector() -> None:
    """Frozen objects are freed by reference counting alone: a state with a cycle in it
    would stay for good after a reload (the sense judge once had one, and the reply cache)."""
    state = AppState.build(Settings(dictionary=BUNDLED))
    annotator = state.core.annotator()
    state.core.annotate(["RLHF tunes an LLM; the agent pays attention to tokens."])
    held = [weakref.ref(x) for x in (state.core, annotator.judge, annotator.matcher)]
    held.append(weakref.ref(state.replies))
    del annotator
    gc.disable()
    try:
        del state
        assert [ref() for ref in held] == [None] * len(held)
    finally:
        gc.enable()


def test_settling_freezes_and_a_second_settling_frees_what_was_dropped(thawed: None) -> None:
    cycle = _Node()
    dropped = weakref.ref(cycle)
    heap.settle()
    assert gc.get_freeze_count() > 0
    del cycle
    gc.collect()
    assert dropped() is not None  # frozen: no collection reaches it
    heap.settle()
    assert dropped() is None
    assert gc.get_freeze_count() > 0


def test_a_settled_server_frees_the_old_state_at_a_reload(thawed: None) -> None:
    settings = Settings(dictionary=RULES, admin_token=TOKEN)
    with TestClient(create_app(settings, settle=True)) as client:
        assert gc.get_freeze_count() > 0
        old = weakref.ref(client.app.state.glossary)  # type: ignore[attr-defined]
        reloaded = client.post("/v1/admin/reload", headers={"authorization": f"Bearer {TOKEN}"})
        assert reloaded.status_code == 200
        assert old() is None
        assert client.post("/v1/annotate", json={"segments": ["RLHF"]}).status_code == 200


def test_apps_for_tests_leave_the_collector_alone() -> None:
    frozen = gc.get_freeze_count()
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        assert client.get("/healthz").status_code == 200
    assert gc.get_freeze_count() == frozen
