"""Fixture dictionaries and helpers shared by the page tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

from tests.support.html import Page, parse

DICTIONARIES = Path(__file__).resolve().parents[1] / "fixtures" / "dictionaries"
PAGES = DICTIONARIES / "pages"  # a small, complete glossary (passes `glossary check --strict`)
HOSTILE = DICTIONARIES / "hostile"  # every field carries markup and script
RAG = "retrieval-augmented-generation"
HTML_PAGES = [
    "/terms",
    f"/terms/{RAG}",
    "/terms/prompt",
    "/search?q=rag",
    "/search",
    "/terms?category=Training",
]


@contextlib.contextmanager
def app_client(dictionary: Path, **settings: Any) -> Iterator[TestClient]:
    app = create_app(replace(Settings(dictionary=dictionary), **settings))
    with TestClient(app) as client:
        yield client


def page(client: TestClient, path: str, status: int = 200) -> Page:
    """GET an HTML page, check its status and type, and parse it."""
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return parse(response.text)
