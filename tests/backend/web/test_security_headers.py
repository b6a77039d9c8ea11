"""What every response says about itself: nosniff everywhere, a strict CSP on pages, CORS for
extension and configured origins only, no directory listing, no stack trace, no banner."""

from __future__ import annotations

import http.client
import logging
import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest
from ai_glossary.settings import Settings
from ai_glossary.web import api
from ai_glossary.web.app import create_app
from starlette.requests import Request
from starlette.responses import Response
from starlette.testclient import TestClient

from tests.conftest import DICTIONARIES
from tests.support.servers import Backend, running_backend

SETTINGS = Settings(dictionary=DICTIONARIES / "rules", cors_origins=("https://intranet.example",))
MARKER = "PRIVATE-PAGE-TEXT-51c3"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS)) as test_client:
        yield test_client


REQUESTS = [
    ("POST", "/v1/annotate", b'{"segments": ["LLM"]}', 200),
    ("POST", "/v1/annotate", b"{", 400),
    ("POST", "/v1/annotate", b'{"segments": 1}', 422),
    ("GET", "/v1/annotate", b"", 405),
    ("GET", "/v1/terms/rlhf", b"", 200),
    ("GET", "/v1/terms/nope", b"", 404),
    ("GET", "/v1/search?q=llm", b"", 200),
    ("GET", "/v1/search?q=", b"", 422),
    ("GET", "/healthz", b"", 200),
    ("GET", "/openapi.json", b"", 200),
    ("GET", "/nowhere", b"", 404),
    ("GET", "/terms", b"", 200),
    ("GET", "/terms/rlhf", b"", 200),
    ("GET", "/terms/nope", b"", 404),
    ("GET", "/search?q=rag", b"", 200),
    ("GET", "/static/glossary.css", b"", 200),
    ("GET", "/static/", b"", 404),
    ("OPTIONS", "/v1/annotate", b"", 405),  # not a preflight: no Origin
]


@pytest.mark.parametrize(("method", "path", "body", "status"), REQUESTS)
def test_every_response_says_nosniff(
    client: TestClient, method: str, path: str, body: bytes, status: int
) -> None:
    headers = {"content-type": "application/json"} if body else {}
    response = client.request(
        method, path, content=body or None, headers=headers, follow_redirects=False
    )
    assert response.status_code == status
    assert response.headers.get_list("x-content-type-options") == ["nosniff"]
    policy = response.headers.get_list("content-security-policy")
    assert len(policy) == 1 and "default-src 'none'" in policy[0]
    assert "frame-ancestors 'none'" in policy[0]


@pytest.mark.parametrize(
    "path", ["/v1/terms/rlhf", "/v1/search?q=llm", "/healthz", "/v1/limits", "/nowhere"]
)
def test_json_carries_the_strictest_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"] == "application/json"
    assert (
        response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    )


@pytest.mark.parametrize("path", ["/terms", "/terms/rlhf", "/terms/nope", "/search?q=x" * 200])
def test_pages_carry_a_strict_content_security_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src" not in policy  # no page needs a script at all


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    log_dir = tmp_path_factory.mktemp("security")
    with running_backend(DICTIONARIES / "rules", log_dir=log_dir) as server:
        yield server


def raw_get(backend: Backend, path: str) -> tuple[int, dict[str, str], str]:
    """GET `path` exactly as written: no client normalizes its dots or escapes."""
    host, port = backend.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        response = http.client.HTTPResponse(sock)
        try:
            response.begin()
            body = response.read().decode("utf-8", "replace")
            headers = {k.lower(): v for k, v in response.getheaders()}
            return response.status, headers, body
        finally:
            response.close()


@pytest.mark.parametrize(
    "path",
    [
        "/static/",
        "/static/.",
        "/static/./",
        "/static/..",
        "/static/../",
        "/static/../backend/app.py",
        "/static/../../pyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/..%5capp.py",
        "/static/templates/",
    ],
)
def test_no_directory_listing_and_no_way_out_of_static(backend: Backend, path: str) -> None:
    status, headers, body = raw_get(backend, path)
    assert status in (400, 404), (status, body[:200])
    assert headers["x-content-type-options"] == "nosniff"
    for secret in ("glossary.css", "favicon", "import ", "[project]", "root:", "<a href"):
        assert secret not in body


def test_static_folder_without_slash_only_redirects(backend: Backend) -> None:
    status, headers, _ = raw_get(backend, "/static")
    assert status in (307, 404)
    if status == 307:
        assert raw_get(backend, headers["location"].removeprefix(backend.url))[0] == 404


def test_no_server_banner(backend: Backend) -> None:
    for path in ("/healthz", "/terms", "/nowhere", "/static/glossary.css"):
        _, headers, _ = raw_get(backend, path)
        assert "server" not in headers
        assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnop", True),
        ("moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", True),
        ("safari-web-extension://ABCDEF-1234", True),
        ("https://intranet.example", True),  # configured
        ("https://intranet.example.evil", False),
        ("http://intranet.example", False),
        ("https://evil.example", False),
        ("null", False),
        ("chrome-extension://abc.evil.example", False),
        ("chrome-extension://abc/path", False),
        ("https://chrome-extension.evil", False),
        ("http://127.0.0.1:8000", False),
    ],
)
def test_cors_allows_extension_and_configured_origins_only(
    client: TestClient, origin: str, allowed: bool
) -> None:
    preflight = client.options(
        "/v1/annotate",
        headers={
            "origin": origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    simple = client.post("/v1/annotate", json={"segments": []}, headers={"origin": origin})
    for response in (preflight, simple):
        assert (response.headers.get("access-control-allow-origin") == origin) is allowed
        assert response.headers.get("access-control-allow-origin") != "*"
        assert "access-control-allow-credentials" not in response.headers
    assert simple.status_code == 200  # CORS is the browser's to enforce; the reply is the same
    if allowed:
        assert set(preflight.headers["access-control-allow-methods"].split(", ")) == {
            "GET",
            "POST",
        }


def test_cors_preflight_refuses_other_methods(client: TestClient) -> None:
    response = client.options(
        "/v1/annotate",
        headers={"origin": "chrome-extension://abc", "access-control-request-method": "DELETE"},
    )
    assert response.status_code == 400


@pytest.fixture
def failing_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The app with an annotate handler that fails with page text in its message."""

    async def broken(request: Request) -> Response:
        segments = (await request.json())["segments"]
        raise KeyError(f"{segments[0]} in /secret/path.py")

    monkeypatch.setattr(api, "annotate", broken)
    with TestClient(create_app(SETTINGS)) as test_client:
        yield test_client


def test_a_failure_is_the_json_500_without_details(
    failing_app: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = failing_app.post(
            "/v1/annotate",
            json={"segments": [MARKER]},
            headers={"origin": "chrome-extension://abcdef"},
        )
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "the server could not complete this request"}
    }
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["access-control-allow-origin"] == "chrome-extension://abcdef"
    for leak in (MARKER, "Traceback", "KeyError", "secret", ".py"):
        assert leak not in response.text
    # The log names the failure's type and place, never its message.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "KeyError" in logged and "POST /v1/annotate failed" in logged
    assert MARKER not in logged
    assert all(record.exc_info is None for record in caplog.records)


def test_other_clients_still_served_after_a_failure(failing_app: TestClient) -> None:
    assert failing_app.post("/v1/annotate", json={"segments": [MARKER]}).status_code == 500
    assert failing_app.get("/healthz").status_code == 200


def test_configured_origins_are_exact(client: TestClient) -> None:
    settings = replace(SETTINGS, cors_origins=())
    with TestClient(create_app(settings)) as plain:
        response = plain.post(
            "/v1/annotate", json={"segments": []}, headers={"origin": "https://intranet.example"}
        )
    assert "access-control-allow-origin" not in response.headers
