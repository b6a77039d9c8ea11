"""HTTP behaviour of the pages and /v1/search: caching (ETag, 304), security headers, the
stylesheet, and the JSON search API with its error shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ai_glossary.glossary.reader import load_dictionary
from starlette.testclient import TestClient

from tests.support.pages import HOSTILE, HTML_PAGES, PAGES, app_client, page


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with app_client(PAGES) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def hostile() -> Iterator[TestClient]:
    with app_client(HOSTILE) as test_client:
        yield test_client


def test_search_json(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "fine tunning"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    reply = response.json()
    assert reply["query"] == "fine tunning"
    assert reply["results"][0] == {
        "slug": "fine-tuning",
        "term": "Fine-tuning",
        "plain_english": "Training an existing model a little more on your own examples so it "
        "does one job better.",
        "url": "http://testserver/terms/fine-tuning",
    }
    html = [
        a.attrs["href"]
        for a in page(client, "/search?q=fine+tunning").find_all("a")
        if a.attrs["href"].startswith("/terms/")
    ]
    assert [r["url"].removeprefix("http://testserver") for r in reply["results"]] == html
    assert client.get("/v1/search?q=xyzzy").json() == {"query": "xyzzy", "results": []}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "invalid_request"),
        ("?q=", "invalid_request"),
        ("?q=%20%20", "invalid_request"),
        ("?q=" + "a" * 101, "query_too_long"),
    ],
)
def test_search_json_errors(client: TestClient, query: str, code: str) -> None:
    response = client.get("/v1/search" + query)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert set(response.json()) == {"error"}


def test_search_is_in_the_openapi_description(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/v1/search"]["get"]["parameters"][0]["name"] == "q"


# Caching and headers ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [*HTML_PAGES, "/v1/search?q=rag"])
def test_etag_and_304(client: TestClient, path: str) -> None:
    response = client.get(path)
    etag = response.headers["etag"]
    version = load_dictionary(PAGES).version
    assert etag.startswith(f'"{version}-') and etag.endswith('"')
    assert response.headers["cache-control"] == "public, max-age=300"
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get(path, headers={"if-none-match": header})
        assert again.status_code == 304, header
        assert again.content == b""
        assert again.headers["etag"] == etag
    assert client.get(path, headers={"if-none-match": '"other"'}).status_code == 200


def test_etags_differ_per_page_and_per_dictionary(client: TestClient, hostile: TestClient) -> None:
    etags = {client.get(path).headers["etag"] for path in HTML_PAGES}
    assert len(etags) == len(HTML_PAGES)
    assert client.get("/terms").headers["etag"] != hostile.get("/terms").headers["etag"]


def test_errors_are_not_cached_as_pages(client: TestClient) -> None:
    missing = client.get("/terms/nope", headers={"if-none-match": "*"})
    assert missing.status_code == 404
    assert "etag" not in missing.headers
    assert missing.headers["cache-control"] == "public, max-age=60"
    assert client.get("/search?q=" + "a" * 101).headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", [*HTML_PAGES, "/terms/nope", "/search?q=" + "a" * 101])
def test_security_headers(client: TestClient, path: str) -> None:
    for response in (client.get(path), client.get(path, headers={"if-none-match": "*"})):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src" not in csp  # no page runs a script
        assert response.headers["x-content-type-options"] == "nosniff"


def test_stylesheet_is_served_and_cacheable(client: TestClient) -> None:
    href = page(client, "/terms").find("link", rel="stylesheet").attrs["href"]
    response = client.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert response.headers["cache-control"] == "public, max-age=86400"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "prefers-color-scheme: dark" in response.text
    assert len(response.content) < 12_000  # one small stylesheet
    assert client.get("/static/favicon.svg").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/static/",
        "/static",
        "/static/nope.css",
        "/static/../pages.py",
        "/static/%2e%2e/pages.py",
        "/static/..%2fpages.py",
    ],
)
def test_static_files_never_list_or_escape(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "glossary.css" not in response.text and "import" not in response.text
