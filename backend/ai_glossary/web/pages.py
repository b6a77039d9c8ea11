"""The HTML pages: a term's full page, the A–Z index, search, and the stylesheet they share."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from ai_glossary.model import Dictionary, Term
from ai_glossary.service.search import Hit
from ai_glossary.web.api import base_url
from ai_glossary.web.caching import CACHE_CONTROL, MISSING_CACHE_CONTROL, etag_of, is_fresh
from ai_glossary.web.state import AppState, state_of
from ai_glossary.web.templating import STATIC, build_id, render
from ai_glossary.web.views import (
    Site,
    categories_of,
    category_path,
    description_of,
    entry_path,
    groups_of,
    index_json_ld,
    site_of,
    sorted_terms,
    term_json_ld,
    term_path,
    term_view,
)

# No page needs a script; styles and images come from this site only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
CLOSE_MATCHES = 5  # on the not-found page


def _site(request: Request) -> Site:
    return site_of(state_of(request).dictionary, base_url(request), build_id())


def _page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    identity: tuple[str, ...] | None = None,
    status: int = 200,
) -> Response:
    """A page with the security headers; with `identity`, an ETag and a 304 when it is fresh."""
    state = state_of(request)
    site = context["site"]
    headers = dict(SECURITY_HEADERS)
    if identity is not None:
        etag = etag_of(state.dictionary.version, build_id(), site.base, *identity)
        headers |= {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if is_fresh(request, etag):
            return Response(status_code=304, headers=headers)
    elif status == 404:
        headers["Cache-Control"] = MISSING_CACHE_CONTROL
    else:
        headers["Cache-Control"] = "no-store"
    return HTMLResponse(render(template, context), status_code=status, headers=headers)


async def home(request: Request) -> Response:
    return RedirectResponse(_site(request).root + "/terms", status_code=302)


async def index(request: Request) -> Response:
    state = state_of(request)
    site = _site(request)
    category = request.query_params.get("category") or None
    categories = categories_of(state.dictionary)
    terms = sorted_terms(state.dictionary.terms.values())
    if category is not None:
        terms = [term for term in terms if term.category == category]
    context = {
        "site": site,
        "title": f"{category} terms, A to Z" if category else "All terms, A to Z",
        "description": f"Every term in {site.name}, A to Z, each with a one-line explanation "
        "in plain English.",
        "canonical": site.url(category_path(category) if category else "/terms"),
        "json_ld": index_json_ld(site, terms),
        "groups": groups_of(terms),
        "count": len(terms),
        "categories": categories,
        "category": category,
        "category_path": category_path,
        "term_path": term_path,
    }
    if category is not None and category not in categories:
        context |= {"json_ld": None, "canonical": None}
        return _page(request, "index.html", context, status=404)
    return _page(request, "index.html", context, identity=("index", category or ""))


async def term_page(request: Request) -> Response:
    state = state_of(request)
    site = _site(request)
    slug: str = request.path_params["slug"]
    term = state.dictionary.terms.get(slug)
    if term is None:
        # Every alias and acronym is an address: /terms/rlhf, /terms/DPO, /terms/llms.
        canonical = state.core.address_of(slug)
        if canonical is not None:
            return RedirectResponse(site.root + term_path(canonical), status_code=301)
        return _not_found(request, state, site, slug)
    origin = state.library.origin_of(slug) or state.dictionary
    return _term(request, state, site, origin, term, canonical=term_path(term.slug))


async def glossary_term_page(request: Request) -> Response:
    """One glossary's own entry. An entry the merged view shows lives at /terms/{slug}; one
    that another glossary hides (listed first with the same slug) keeps its page here."""
    state = state_of(request)
    site = _site(request)
    glossary = state.library.glossary(request.path_params["glossary"])
    slug: str = request.path_params["slug"]
    term = glossary.terms.get(slug) if glossary is not None else None
    if glossary is None or term is None:
        return _not_found(request, state, site, slug)
    if state.library.is_shown(term):
        return RedirectResponse(site.root + term_path(slug), status_code=301)
    path = entry_path(glossary.id, slug)
    return _term(request, state, site, glossary, term, canonical=path)


def _term(
    request: Request,
    state: AppState,
    site: Site,
    origin: Dictionary,
    term: Term,
    canonical: str,
) -> Response:
    """A term's full page, with the other glossaries' entries for the same slug or forms,
    each linked where its page is."""
    context = {
        "site": site,
        "title": term.term,
        "description": description_of(term),
        "canonical": site.url(canonical),
        "json_ld": term_json_ld(site, term, canonical),
        "view": term_view(state.dictionary, term),
        "origin": origin.name,
        "hidden": not state.library.is_shown(term),
        "others": [
            {
                "glossary": glossary.name,
                "term": other,
                "path": term_path(other.slug)
                if state.library.is_shown(other)
                else entry_path(glossary.id, other.slug),
            }
            for glossary, other in state.library.entries_like(term)
        ],
        "category_path": category_path,
        "term_path": term_path,
    }
    return _page(request, "term.html", context, identity=("term", canonical))


def _not_found(request: Request, state: AppState, site: Site, slug: str) -> Response:
    words = " ".join(slug.replace("-", " ").split())[: state.settings.max_query_chars]
    context = {
        "site": site,
        "title": "No such term",
        "description": "This glossary has no entry at this address.",
        "canonical": None,
        "json_ld": None,
        "slug": slug,
        "query": words,
        "matches": _describe(state.search.search(words, limit=CLOSE_MATCHES, names_only=True)),
        "term_path": term_path,
    }
    return _page(request, "not_found.html", context, status=404)


async def search_page(request: Request) -> Response:
    state = state_of(request)
    site = _site(request)
    query = request.query_params.get("q", "")
    limit = state.settings.max_query_chars
    too_long = len(query) > limit
    acronym = None if too_long else state.core.acronym_of(query)
    if acronym is not None:
        # An exact acronym names one term: go straight to it.
        return RedirectResponse(site.root + term_path(acronym), status_code=303)
    hits = [] if too_long or not query.strip() else state.search.search(query)
    context = {
        "site": site,
        "title": f"Search: {query}" if query.strip() and not too_long else "Search",
        "description": f"Search {site.name} by name, alias, acronym or plain-English line.",
        "canonical": None,
        "json_ld": None,
        "query": query if not too_long else "",
        "searched": bool(query.strip()) and not too_long,
        "too_long": too_long,
        "max_chars": limit,
        "results": _describe(hits),
        "term_path": term_path,
    }
    if too_long:
        return _page(request, "search.html", context, status=422)
    return _page(request, "search.html", context, identity=("search", query))


def _describe(hits: list[Hit]) -> list[dict[str, Any]]:
    """A hit as a result line: the term, and the alias or acronym that found it, if another."""
    return [
        {"term": hit.term, "via": hit.form if hit.form and hit.form != hit.term.term else ""}
        for hit in hits
    ]


class StylesheetFiles(StaticFiles):
    """The stylesheet and icon, cacheable and never sniffed; a folder is a 404, never a listing."""

    def file_response(
        self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        # Pages link the stylesheet with ?v=<build id>, so a long lifetime is safe.
        response.headers["Cache-Control"] = "public, max-age=86400"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def static_files() -> StaticFiles:
    return StylesheetFiles(directory=STATIC, html=False)
