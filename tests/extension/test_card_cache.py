"""Cards travel once (issue 19, docs/adr/0008-caches.md): the service worker asks annotate for
marks only and keeps cards by glossary version and slug, fetching the ones it lacks from
GET /v1/cards. What the extension asked is read in the backend's access log (`--access-log`),
as tests/extension/test_limits.py does."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import pytest

from tests.extension.conftest import DICTIONARY, PageOpener
from tests.support.extension import (
    Extension,
    card_content,
    hover_mark,
    wait_for_card,
    wait_for_marks,
)
from tests.support.servers import Backend, running_backend

pytestmark = pytest.mark.browser

TOKEN = "test-admin-token-c4rd"
LLM = "large language model"
LLM_TOML = Path("terms") / "large-language-model.toml"
CARD_TEXT = ("term", "plain_english", "definition", "tools", "full")  # what a reader reads


def _requests(backend: Backend, request: str) -> list[str]:
    """The access log's lines for `request` ("GET /v1/cards"), each ending in its status."""
    return [line for line in backend.log().splitlines() if f'"{request}' in line]


def _card_of(extension: Extension, open_page: PageOpener, text: str) -> dict[str, object]:
    page, console = open_page("article.html")
    wait_for_marks(page, text)
    extension.wait_for_state(page, "done")
    hover_mark(page, text)
    wait_for_card(page)
    card = {key: card_content(page)[key] for key in CARD_TEXT}
    assert not console.problems
    page.close()
    return card


def _reload(backend: Backend) -> None:
    request = urllib.request.Request(
        backend.url + "/v1/admin/reload",
        data=b"",
        headers={"authorization": f"Bearer {TOKEN}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        assert json.load(reply)["ok"] is True


def test_a_card_is_fetched_once_then_shown_from_the_cache(
    extension: Extension, open_page: PageOpener, tmp_path: Path
) -> None:
    with running_backend(DICTIONARY, log_dir=tmp_path, extra_args=("--access-log",)) as fresh:
        extension.set_settings(backendUrl=fresh.url)
        first = _card_of(extension, open_page, LLM)
        assert first["term"] == "Large language model"
        # One request for each part of the page that met new terms (the content script
        # sends what is on screen first), every one answered.
        fetched = _requests(fresh, "GET /v1/cards")
        assert 1 <= len(fetched) <= 2 and all(line.endswith("200 OK") for line in fetched)
        # A second page with the same terms: its card comes from the cache, nothing fetched.
        again = _card_of(extension, open_page, LLM)
        assert again == first
        assert len(_requests(fresh, "GET /v1/cards")) == len(fetched)


def test_a_reload_invalidates_the_cached_cards(
    extension: Extension, open_page: PageOpener, tmp_path: Path
) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(DICTIONARY, folder)
    env = {"GLOSSARY_ADMIN_TOKEN": TOKEN}
    with running_backend(folder, log_dir=tmp_path, extra_args=("--access-log",), env=env) as fresh:
        extension.set_settings(backendUrl=fresh.url)
        before = _card_of(extension, open_page, LLM)
        assert before["plain_english"].startswith("An AI system")  # type: ignore[union-attr]
        fetched = len(_requests(fresh, "GET /v1/cards"))
        toml = folder / LLM_TOML
        text = toml.read_text(encoding="utf-8")
        toml.write_text(
            text.replace("An AI system that has read", "A reloaded AI system that has read"),
            encoding="utf-8",
        )
        _reload(fresh)
        after = _card_of(extension, open_page, LLM)
        assert after["plain_english"].startswith("A reloaded AI system")  # type: ignore[union-attr]
        # The new version's cards were asked for, as many times as the first version's.
        assert len(_requests(fresh, "GET /v1/cards")) == 2 * fetched
