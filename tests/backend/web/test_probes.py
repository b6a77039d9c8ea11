"""/healthz is liveness; /readyz is a 503 while a reload swaps in new data and while draining."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web import probes
from ai_glossary.web.app import create_app
from ai_glossary.web.state import AppState
from starlette.testclient import TestClient

from tests.conftest import DICTIONARIES

RULES = DICTIONARIES / "rules"
TOKEN = "probe-token-8c2"


def test_ready_when_serving() -> None:
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"ready": True}
        assert response.headers["cache-control"] == "no-store"
        assert client.get("/healthz").status_code == 200


def test_not_ready_while_a_reload_builds_and_swaps(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = Settings(dictionary=RULES, admin_token=TOKEN)
    building, release = threading.Event(), threading.Event()
    build = AppState.build

    def slow_build(settings: Settings) -> AppState:
        building.set()
        release.wait(10)
        return build(settings)

    with TestClient(create_app(settings)) as client:
        monkeypatch.setattr(AppState, "build", slow_build)
        auth = {"authorization": f"Bearer {TOKEN}"}
        reload = threading.Thread(target=lambda: client.post("/v1/admin/reload", headers=auth))
        reload.start()
        try:
            assert building.wait(10)
            during = client.get("/readyz")
            assert client.get("/healthz").status_code == 200  # alive all the same
        finally:
            release.set()
            reload.join(10)
        assert during.status_code == 503
        assert during.json() == {"ready": False, "reason": "reloading"}
        assert client.get("/readyz").status_code == 200


def test_not_ready_while_draining(monkeypatch: pytest.MonkeyPatch) -> None:
    # The flag is the process's; a fresh one keeps this test from leaking into others.
    monkeypatch.setattr(probes, "_draining", threading.Event())
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        assert client.get("/readyz").status_code == 200
        probes.start_draining()  # what uvicorn's graceful shutdown calls (serving.py)
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json() == {"ready": False, "reason": "draining"}
        assert response.headers["connection"] == "close"
        assert client.get("/healthz").status_code == 200
