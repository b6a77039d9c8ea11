"""A forged Host header never reaches a link: canonical URLs, JSON-LD and card URLs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

from tests.conftest import DICTIONARIES

RULES = DICTIONARIES / "rules"
FORGED = "attacker.example"
# Every route that writes the server's own address into its reply.
LINKED = [
    ("GET", "/terms/rlhf"),
    ("GET", "/terms"),
    ("GET", "/v1/terms/rlhf"),
    ("GET", "/v1/search?q=rlhf"),
    ("POST", "/v1/annotate"),
]


def ask(client: TestClient, method: str, path: str, host: str) -> tuple[int, str]:
    body = {"segments": ["RLHF tunes LLMs."]} if method == "POST" else None
    response = client.request(method, path, json=body, headers={"host": host})
    return response.status_code, response.text


@pytest.fixture(scope="module")
def trusting() -> Iterator[TestClient]:
    settings = Settings(dictionary=RULES, trusted_hosts=("glossary.example", "*.corp.example"))
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize(("method", "path"), LINKED)
def test_an_untrusted_host_is_refused(trusting: TestClient, method: str, path: str) -> None:
    body = {"segments": ["RLHF"]} if method == "POST" else None
    response = trusting.request(method, path, json=body, headers={"host": FORGED})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "untrusted_host"
    assert FORGED not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["glossary.example", "glossary.example:8443", "eu.corp.example"])
@pytest.mark.parametrize(("method", "path"), LINKED)
def test_a_trusted_host_is_served(trusting: TestClient, method: str, path: str, host: str) -> None:
    status, text = ask(trusting, method, path, host)
    assert status == 200
    assert f"http://{host}/terms/" in text


@pytest.mark.parametrize(("method", "path"), LINKED)
def test_with_a_public_url_the_host_is_never_reflected(method: str, path: str) -> None:
    """The default (no trusted hosts) serves any Host, but links use public_url only."""
    settings = Settings(dictionary=RULES, public_url="https://glossary.example/ai")
    with TestClient(create_app(settings)) as client:
        status, text = ask(client, method, path, FORGED)
    assert status == 200
    assert FORGED not in text
    assert "https://glossary.example/ai/terms/" in text


def test_trusted_hosts_come_from_the_environment() -> None:
    env = {"GLOSSARY_TRUSTED_HOSTS": "glossary.example, *.corp.example,"}
    assert Settings.from_env(env).trusted_hosts == ("glossary.example", "*.corp.example")


def test_a_bad_pattern_fails_at_start_up() -> None:
    app = create_app(Settings(dictionary=RULES, trusted_hosts=("glossary.*",)))
    with pytest.raises(ValueError, match="trusted_hosts"), TestClient(app):
        pass
