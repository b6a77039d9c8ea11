"""The JSON API under /v1, plus /healthz and /openapi.json."""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ai_glossary.glossary.library import UnknownGlossary
from ai_glossary.model import Term
from ai_glossary.service.search import MAX_QUERY_CHARS, MAX_RESULTS
from ai_glossary.web.caching import CACHE_CONTROL, etag_of, is_fresh
from ai_glossary.web.errors import APIError
from ai_glossary.web.openapi import openapi_document
from ai_glossary.web.responses import JSONResponse
from ai_glossary.web.state import state_of
from ai_glossary.web.validation import annotate_request, parse_json, read_body


def base_url(request: Request) -> str:
    configured = state_of(request).settings.public_url
    return configured.rstrip("/") if configured else str(request.base_url).rstrip("/")


async def annotate(request: Request) -> Response:
    state = state_of(request)
    settings = state.settings
    body = await read_body(request, settings.max_body_bytes, settings.body_timeout)
    base = base_url(request)
    # A body seen before gets its reply without being parsed or checked again.
    key = hashlib.blake2b(base.encode() + b"\0" + body, digest_size=16).digest()
    reply = state.replies.recall(key)
    if reply is None:
        segments, options, chosen = annotate_request(parse_json(body), settings)
        try:
            annotator = state.core.annotator(chosen)
        except UnknownGlossary as error:
            raise APIError(422, "invalid_request", str(error)) from None
        reply = annotator.annotate(segments, options, base)
        state.replies.keep(key, reply)
    return JSONResponse(reply)


async def glossaries(request: Request) -> Response:
    library = state_of(request).library
    return JSONResponse(
        {
            "glossaries": [
                {"id": g.id, "name": g.name, "version": g.version, "terms": len(g.terms)}
                for g in library.glossaries
            ]
        }
    )


def term_json(term: Term, request: Request) -> dict[str, Any]:
    dictionary = state_of(request).dictionary
    return {
        "slug": term.slug,
        "term": term.term,
        "aliases": list(term.aliases),
        "acronyms": list(term.acronyms),
        "ambiguous": list(term.ambiguous),
        "marked": term.marked,
        "category": term.category,
        "plain_english": term.plain_english,
        "definition": term.definition,
        "full_picture": list(term.full_picture),
        "business_example": term.business_example,
        "roles": dict(term.roles),
        "faq": [{"q": item.q, "a": item.a} for item in term.faq],
        "related": [slug for slug in term.related if slug in dictionary.terms],
        "tools": [
            {"id": tool.id, "name": tool.name, "url": tool.url, "description": tool.description}
            for tool in dictionary.tools_of(term)
        ],
        "url": f"{base_url(request)}/terms/{term.slug}",
    }


async def term(request: Request) -> Response:
    state = state_of(request)
    slug = request.path_params["slug"]
    found = state.dictionary.terms.get(slug)
    if found is None:
        raise APIError(404, "not_found", f"no term with slug {slug!r}")
    etag = f'"{state.dictionary.version}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return JSONResponse(term_json(found, request), headers=headers)


async def search(request: Request) -> Response:
    """The search page's results as JSON, for the extension's popup."""
    state = state_of(request)
    query = request.query_params.get("q", "")
    if not query.strip():
        raise APIError(422, "invalid_request", "q is required: the text to search for")
    if len(query) > MAX_QUERY_CHARS:
        raise APIError(422, "invalid_request", f"q is longer than {MAX_QUERY_CHARS} characters")
    base = base_url(request)
    etag = etag_of(state.dictionary.version, "search", base, query)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if is_fresh(request, etag):
        return Response(status_code=304, headers=headers)
    results = [
        {
            "slug": hit.term.slug,
            "term": hit.term.term,
            "plain_english": hit.term.plain_english,
            "url": f"{base}/terms/{hit.term.slug}",
        }
        for hit in state.search.search(query, limit=MAX_RESULTS)
    ]
    return JSONResponse({"query": query, "results": results}, headers=headers)


async def health(request: Request) -> Response:
    dictionary = state_of(request).dictionary
    return JSONResponse(
        {
            "ok": True,
            "dictionary": {
                "id": dictionary.id,
                "version": dictionary.version,
                "terms": len(dictionary.terms),
            },
            "glossaries": [g.id for g in state_of(request).library.glossaries],
        }
    )


async def openapi(request: Request) -> Response:
    state = state_of(request)
    return JSONResponse(openapi_document(state.settings, state.library.ids))
