"""Reloading without a restart: atomic swaps under load, broken dictionaries refused."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from ai_glossary.web.reloading import Reloader
from ai_glossary.web.state import AppState
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tests.support.servers import running_backend

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"
TOKEN = "test-admin-token-5d1"
TEXT = "RLHF tunes LLMs; Zephyr is new."


def post(url: str, body: dict[str, Any] | None, token: str | None = None) -> tuple[int, Any]:
    headers = {"content-type": "application/json"}
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_no_token_no_endpoint() -> None:
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        assert client.post("/v1/admin/reload").status_code == 404


def test_reload_under_load_with_two_workers(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(RULES, folder)
    env = {"GLOSSARY_ADMIN_TOKEN": TOKEN}
    with running_backend(
        folder, log_dir=tmp_path, extra_args=("--workers", "2"), env=env
    ) as backend:
        annotate = backend.url + "/v1/annotate"
        _, first = post(annotate, {"segments": [TEXT]})
        old_version = first["dictionary"]["version"]
        replies: list[tuple[int, Any]] = []
        stop = threading.Event()

        def hammer() -> None:
            while not stop.is_set():
                replies.append(post(annotate, {"segments": [TEXT]}))

        # Two senders, so that both workers get requests (one client's requests in turn can
        # all land on the worker that answered last).
        senders = [threading.Thread(target=hammer) for _ in range(2)]
        for sender in senders:
            sender.start()
        followed = False
        try:
            time.sleep(0.3)
            assert post(backend.url + "/v1/admin/reload", None, "wrong")[0] == 401
            (folder / "terms" / "zephyr.toml").write_text(
                'term = "Zephyr"\ndefinition = "A term added while serving."\n', encoding="utf-8"
            )
            status, reloaded = post(backend.url + "/v1/admin/reload", None, TOKEN)
            assert status == 200, reloaded
            # The other worker notices within a second of its next request, then builds the
            # new state (a few seconds on a busy machine): meanwhile it answers from the old
            # one. Replies do not say which worker sent them, so "both followed" is a long
            # run of new replies from two senders at once: on a loaded machine, 20 in a row
            # once all came from one worker, and the other's first request, after the broken
            # file below was written, found it unloadable and kept the old glossary.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not followed:
                recent = [reply for _, reply in replies[-100:]]
                followed = len(recent) == 100 and all(
                    r["dictionary"]["version"] != old_version for r in recent
                )
                time.sleep(0.1)
        finally:
            stop.set()
            for sender in senders:
                sender.join()
        versions = set()
        for status, reply in replies:
            assert status == 200
            versions.add(reply["dictionary"]["version"])
            terms = {m["term"] for m in reply["matches"]}
            new = reply["dictionary"]["version"] != old_version
            assert terms == ({"rlhf", "large-language-model"} | ({"zephyr"} if new else set()))
            assert set(reply["terms"]) == terms  # every reply whole, from one version
        assert len(versions) == 2
        assert followed, "100 replies in a row from the new glossary never came"

        (folder / "terms" / "broken.toml").write_text('term = "Broken"\n', encoding="utf-8")
        status, refused = post(backend.url + "/v1/admin/reload", None, TOKEN)
        assert status == 409
        assert refused["error"]["code"] == "dictionary_invalid"
        assert "terms/broken.toml: definition: missing" in refused["error"]["problems"]
        status, still = post(annotate, {"segments": [TEXT]})
        assert status == 200 and "zephyr" in still["terms"]
        backend.stop()
        assert "reload refused" in backend.log()


def stamped_copy(tmp_path: Path) -> tuple[Path, Settings]:
    """A copy of the rules glossary, served with an admin token and a stamp of its own
    (`tmp_path / "reload-stamp"`), as the workers of one server share it."""
    folder = tmp_path / "glossary"
    shutil.copytree(RULES, folder)
    stamp = tmp_path / "reload-stamp"
    stamp.touch()
    return folder, Settings(dictionary=folder, admin_token=TOKEN, reload_stamp=str(stamp))


def test_a_worker_that_follows_late_loads_what_the_reload_loaded(tmp_path: Path) -> None:
    # Two workers in one process, sharing a stamp: the second follows the first's reload
    # only after the folder has been broken, and still gets the glossary the first loaded.
    folder, settings = stamped_copy(tmp_path)
    auth = {"authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(settings)) as first, TestClient(create_app(settings)) as second:
        (folder / "terms" / "zephyr.toml").write_text(
            'term = "Zephyr"\ndefinition = "A term added while serving."\n', encoding="utf-8"
        )
        assert first.post("/v1/admin/reload", headers=auth).status_code == 200
        (folder / "terms" / "broken.toml").write_text('term = "Broken"\n', encoding="utf-8")
        deadline = time.monotonic() + 10
        while second.get("/v1/terms/zephyr").status_code != 200:
            assert time.monotonic() < deadline, "the second worker never loaded the reload"
            time.sleep(0.1)
        version = first.get("/v1/glossaries").json()["glossaries"][0]["version"]
        assert second.get("/v1/glossaries").json()["glossaries"][0]["version"] == version
        # A reload asked of the second reads the folder as it is now, and refuses it.
        assert second.post("/v1/admin/reload", headers=auth).status_code == 409
    copies = list((tmp_path / "reload-stamp.snapshots").iterdir())
    assert len(copies) == 1


def test_a_stamp_naming_a_folder_off_the_shelf_is_not_followed_there(tmp_path: Path) -> None:
    folder, settings = stamped_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere" / "0" / "glossary"  # laid out as a copy is
    shutil.copytree(RULES, elsewhere)
    (elsewhere / "terms" / "intruder.toml").write_text(
        'term = "Intruder"\ndefinition = "A term from another folder."\n', encoding="utf-8"
    )
    with TestClient(create_app(settings)) as worker:
        for glossary in (folder, elsewhere):
            (glossary / "terms" / "zephyr.toml").write_text(
                'term = "Zephyr"\ndefinition = "A term added while serving."\n', encoding="utf-8"
            )
        Path(settings.reload_stamp).write_text(str(elsewhere.parent.parent), encoding="utf-8")
        later = time.time_ns() + 1_000_000_000  # whatever the clock's grain
        os.utime(settings.reload_stamp, ns=(later, later))
        deadline = time.monotonic() + 10
        while worker.get("/v1/terms/zephyr").status_code != 200:
            assert time.monotonic() < deadline, "the worker never followed the stamp"
            time.sleep(0.1)
        # It read its own folder, not the one the stamp named.
        assert worker.get("/v1/terms/intruder").status_code == 404


def test_no_copy_is_offered_of_a_folder_changed_since_it_was_loaded(tmp_path: Path) -> None:
    folder, settings = stamped_copy(tmp_path)
    reloader = Reloader(Starlette(), settings)
    loaded = AppState.build(settings)
    assert reloader._snapshot(loaded) is not None
    (folder / "terms" / "zephyr.toml").write_text(
        'term = "Zephyr"\ndefinition = "A term added after loading."\n', encoding="utf-8"
    )
    # The others then load the folder as it is: a copy would not be what this worker serves.
    assert reloader._snapshot(loaded) is None
    assert len(list((tmp_path / "reload-stamp.snapshots").iterdir())) == 1


@pytest.mark.parametrize(
    "authorization",
    [
        TOKEN,  # no scheme at all
        f"bearer {TOKEN}",
        f"Basic {TOKEN}",
        f"Bearer  {TOKEN}",
        f"Bearer {TOKEN} ",
        f"Token {TOKEN}",
        f"Bearer{TOKEN}",
        "Bearer ",
    ],
)
def test_the_admin_token_needs_the_bearer_scheme_exactly(authorization: str) -> None:
    settings = Settings(dictionary=RULES, admin_token=TOKEN)
    with TestClient(create_app(settings)) as client:
        refused = client.post("/v1/admin/reload", headers={"authorization": authorization})
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "unauthorized"
        accepted = client.post("/v1/admin/reload", headers={"authorization": f"Bearer {TOKEN}"})
        assert accepted.status_code == 200


def test_a_worker_still_starting_follows_a_reload_announced_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(RULES, folder)
    stamp = tmp_path / "reload-stamp"
    stamp.touch()
    build = AppState.build
    builds: list[None] = []

    def build_while_another_worker_reloads(settings: Settings) -> AppState:
        state = build(settings)
        if not builds:  # the first build, at start-up, reads the folder before the new term
            (folder / "terms" / "zephyr.toml").write_text(
                'term = "Zephyr"\ndefinition = "A term added while serving."\n', encoding="utf-8"
            )
            later = stamp.stat().st_mtime_ns + 1_000_000_000  # whatever the clock's grain
            os.utime(stamp, ns=(later, later))
        builds.append(None)
        return state

    monkeypatch.setattr(AppState, "build", build_while_another_worker_reloads)
    settings = Settings(dictionary=folder, admin_token=TOKEN, reload_stamp=str(stamp))
    with TestClient(create_app(settings)) as client:
        assert client.get("/v1/terms/zephyr").status_code == 404
        deadline = time.monotonic() + 10
        while client.get("/v1/terms/zephyr").status_code != 200:
            assert time.monotonic() < deadline, "the reload announced during start-up was missed"
            time.sleep(0.1)
    assert len(builds) == 2
