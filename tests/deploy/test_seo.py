"""robots.txt and sitemap.xml (backend/ai_glossary/web/seo.py): every term page listed with the
dictionary's version date, search pages left out and kept noindex."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.settings import Settings
from ai_glossary.web import seo
from ai_glossary.web.app import create_app
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.support.pages import PAGES, RAG, page

NS = {"sm": seo.SITEMAP_NAMESPACE}
SEO_ROUTES = [
    Route("/robots.txt", seo.robots_txt, methods=["GET"]),
    Route("/sitemap.xml", seo.sitemap_xml, methods=["GET"]),
]


def _client(dictionary: Path, **settings: Any) -> TestClient:
    """The whole application, with the SEO routes added unless app.py already has them."""
    app = create_app(replace(Settings(dictionary=dictionary), **settings))
    routed = {getattr(route, "path", None) for route in app.router.routes}
    app.router.routes[:0] = [route for route in SEO_ROUTES if route.path not in routed]
    return TestClient(app)


def _copy(tmp_path: Path, version: str) -> Path:
    folder = tmp_path / "glossary"
    shutil.copytree(PAGES, folder)
    (folder / "glossary.toml").write_text(
        f'id = "pages"\nname = "AI Glossary"\nversion = "{version}"\n', encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with _client(PAGES) as test_client:
        yield test_client


def _sitemap(client: TestClient) -> list[tuple[str, str | None]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{seo.SITEMAP_NAMESPACE}}}urlset"
    return [
        (url.findtext("sm:loc", namespaces=NS) or "", url.findtext("sm:lastmod", namespaces=NS))
        for url in root.findall("sm:url", NS)
    ]


def test_robots_txt_allows_pages_and_names_the_sitemap(client: TestClient) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /v1/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    # Search pages must stay crawlable, or crawlers never read their noindex.
    assert not any(line.startswith("Disallow: /search") for line in lines)


def test_robots_txt_under_the_public_url() -> None:
    with _client(PAGES, public_url="https://example.org/glossary/") as client:
        lines = client.get("/robots.txt").text.splitlines()
    assert "Disallow: /glossary/v1/" in lines
    assert "Sitemap: https://example.org/glossary/sitemap.xml" in lines


def test_sitemap_lists_the_index_every_category_and_every_term_page(client: TestClient) -> None:
    terms = load_dictionary(PAGES).terms
    locs = [loc for loc, _ in _sitemap(client)]
    assert len(locs) == len(set(locs))
    assert "http://testserver/terms" in locs
    assert "http://testserver/terms?category=Training" in locs
    assert {f"http://testserver/terms/{slug}" for slug in terms} <= set(locs)
    assert not [loc for loc in locs if "/search" in loc]


def test_every_listed_page_is_indexable_and_canonical(client: TestClient) -> None:
    for loc, _ in _sitemap(client):
        parts = urlsplit(loc)
        doc = page(client, parts.path + (f"?{parts.query}" if parts.query else ""))
        assert doc.find("link", rel="canonical").attrs["href"] == loc
        assert not doc.find_all("meta", name="robots")


def test_search_pages_stay_noindex(client: TestClient) -> None:
    for path in ("/search?q=embedding", "/search", "/search?q=nothing-matches-this"):
        doc = page(client, path)
        assert doc.find("meta", name="robots").attrs["content"] == "noindex"
        assert not doc.find_all("link", rel="canonical")


def test_locations_use_the_public_url() -> None:
    with _client(PAGES, public_url="https://example.org/glossary") as client:
        locs = [loc for loc, _ in _sitemap(client)]
    assert f"https://example.org/glossary/terms/{RAG}" in locs
    assert all(loc.startswith("https://example.org/glossary/terms") for loc in locs)


def test_lastmod_is_the_declared_version_date(tmp_path: Path) -> None:
    with _client(_copy(tmp_path, "2026.11")) as client:
        assert {lastmod for _, lastmod in _sitemap(client)} == {"2026-11"}
    assert seo.version_date((_copy(tmp_path / "b", "2026-03-07"),)) == "2026-03-07"


def test_lastmod_falls_back_to_the_newest_term_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "7")
    newest = datetime(2025, 4, 9, 12, tzinfo=UTC).timestamp()
    for index, path in enumerate(sorted((folder / "terms").glob("*.toml"))):
        os.utime(path, (newest - index * 86400 * 40, newest - index * 86400 * 40))
    with _client(folder) as client:
        assert {lastmod for _, lastmod in _sitemap(client)} == {"2025-04-09"}


def test_the_newest_glossary_dates_the_site(tmp_path: Path) -> None:
    month, day = _copy(tmp_path / "a", "2026.11"), _copy(tmp_path / "b", "2026-10-30")
    assert seo.version_date((day, month)) == "2026-11"
    assert seo.version_date((_copy(tmp_path / "c", "2026-11-02"), month)) == "2026-11-02"


def test_the_bundled_glossary_is_dated_by_its_version() -> None:
    assert seo.version_date((BUNDLED,)) == "2026-11"


def test_sitemap_revalidates_with_an_etag(client: TestClient) -> None:
    first = client.get("/sitemap.xml")
    again = client.get("/sitemap.xml", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["cache-control"] == first.headers["cache-control"]


def test_a_reload_refreshes_the_sitemap(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "2026.10")
    token = "t" * 32
    with _client(folder, admin_token=token) as client:
        assert {lastmod for _, lastmod in _sitemap(client)} == {"2026-10"}
        (folder / "glossary.toml").write_text(
            'id = "pages"\nname = "AI Glossary"\nversion = "2026.12"\n', encoding="utf-8"
        )
        reply = client.post("/v1/admin/reload", headers={"Authorization": f"Bearer {token}"})
        assert reply.status_code == 200, reply.text
        after = _sitemap(client)
    assert {lastmod for _, lastmod in after} == {"2026-12"}
