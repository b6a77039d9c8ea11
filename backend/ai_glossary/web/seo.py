"""What search engines read: `robots.txt` and a sitemap listing every term page.

A sitemap's `<lastmod>` should change when the pages change and only then, and be the same on
every replica. So it is the dictionary's version date, chosen once per loaded generation:
glossary.toml's `version` when it reads as a date ("2026.11", "2026-11-05"), which the
authors set when they publish; else the date of the newest term file. File times alone would
move on every checkout and image build, and differ between hosts (docs/deploy.md).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ai_glossary.glossary.reader import MAX_FILE_BYTES
from ai_glossary.web.api import base_url
from ai_glossary.web.caching import CACHE_CONTROL, etag_of, is_fresh
from ai_glossary.web.state import AppState, state_of
from ai_glossary.web.views import categories_of, category_path, term_path

# "2026.11", "2026-11", "2026.11.05", "2026-11-05": a year and month, perhaps a day.
VERSION_DATE = re.compile(r"^(\d{4})[.-](0[1-9]|1[0-2])(?:[.-](0[1-9]|[12]\d|3[01]))?$")
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The protocol's limit for one sitemap file; past it a sitemap index would be needed.
MAX_SITEMAP_URLS = 50_000


@dataclass(frozen=True, slots=True)
class _Sitemap:
    version: str  # the served data's version, whose reload invalidates this
    base: str
    xml: bytes


async def robots_txt(request: Request) -> Response:
    root = _root(base_url(request))
    # Search pages stay crawlable on purpose: a crawler must fetch them to read their
    # `noindex` (a Disallow would hide it, and the bare address could still be listed).
    body = f"User-agent: *\nDisallow: {root}/v1/\n\nSitemap: {base_url(request)}/sitemap.xml\n"
    return PlainTextResponse(body, headers={"Cache-Control": CACHE_CONTROL})


async def sitemap_xml(request: Request) -> Response:
    state = state_of(request)
    sitemap = _sitemap_of(request, state)
    etag = etag_of(state.dictionary.version, "sitemap", sitemap.base)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if is_fresh(request, etag):
        return Response(status_code=304, headers=headers)
    return Response(sitemap.xml, media_type="application/xml", headers=headers)


def _sitemap_of(request: Request, state: AppState) -> _Sitemap:
    """The sitemap, built once per loaded dictionary and address (kept in the app's state)."""
    base = base_url(request)
    kept: _Sitemap | None = getattr(request.app.state, "sitemap", None)
    if kept is None or kept.version != state.dictionary.version or kept.base != base:
        kept = _Sitemap(state.dictionary.version, base, sitemap(state, base))
        request.app.state.sitemap = kept
    return kept


def sitemap(state: AppState, base: str) -> bytes:
    """The A–Z index, each category's page and every term page, with the version date."""
    dictionary = state.dictionary
    paths = [
        "/terms",
        *(category_path(category) for category in categories_of(dictionary)),
        *(term_path(slug) for slug in sorted(dictionary.terms)),
    ][:MAX_SITEMAP_URLS]
    lastmod = version_date(state.settings.dictionaries)
    modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    lines = [f"<url><loc>{escape(base + path)}</loc>{modified}</url>" for path in paths]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{SITEMAP_NAMESPACE}">\n' + "\n".join(lines) + "\n</urlset>\n"
    ).encode()


def version_date(folders: tuple[Path, ...]) -> str:
    """The newest version date of the glossaries, as a W3C date ("2026-11"), or ""."""
    dates = [date for date in map(_folder_date, folders) if date]
    # Compared as (year, month, day), a month alone counting as its first day.
    return max(dates, key=lambda date: date if len(date) == 10 else date + "-01", default="")


def _folder_date(folder: Path) -> str:
    declared = VERSION_DATE.match(_declared_version(folder / "glossary.toml"))
    if declared is not None:
        return "-".join(part for part in declared.groups() if part)
    try:
        times = [path.stat().st_mtime for path in (folder / "terms").glob("*.toml")]
    except OSError:  # changed since it was loaded: no date rather than a wrong one
        return ""
    return datetime.fromtimestamp(max(times), UTC).date().isoformat() if times else ""


def _declared_version(path: Path) -> str:
    """glossary.toml's `version`, or "" (the folder was checked when it was loaded)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return ""
        version = tomllib.loads(path.read_text(encoding="utf-8-sig")).get("version", "")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    return version.strip() if isinstance(version, str) else ""


def _root(base: str) -> str:
    """The path part of the base address: "" or "/glossary"."""
    return urlsplit(base).path.rstrip("/")
