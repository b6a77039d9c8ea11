"""The JSON API under /v1, plus /healthz and /openapi.json: thin handlers over the core."""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response

from ai_glossary.glossary.library import UnknownGlossary
from ai_glossary.service.core import QueryTooLong
from ai_glossary.web.caching import CACHE_CONTROL, etag_of, is_fresh
from ai_glossary.web.errors import APIError
from ai_glossary.web.openapi import openapi_document
from ai_glossary.web.responses import JSONResponse
from ai_glossary.web.state import state_of
from ai_glossary.web.validation import annotate_request, read_body


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
        wanted = annotate_request(body, settings)
        try:
            reply = state.core.annotate(wanted.segments, wanted.options, wanted.glossaries, base)
        except UnknownGlossary as error:
            raise APIError(422, "invalid_request", str(error)) from None
        state.replies.keep(key, reply)
    return JSONResponse(reply)


async def glossaries(request: Request) -> Response:
    return JSONResponse(state_of(request).core.glossaries())


async def limits(request: Request) -> Response:
    """What a client must respect, so that it never copies a limit that can drift."""
    settings = state_of(request).settings
    return JSONResponse(
        {
            "query_chars": settings.max_query_chars,
            "card_tools": settings.card_tools,
            "segment_chars": settings.max_segment_chars,
            "segments": settings.max_segments,
            "body_bytes": settings.max_body_bytes,
        },
        headers={"Cache-Control": CACHE_CONTROL},
    )


async def term(request: Request) -> Response:
    state = state_of(request)
    slug = request.path_params["slug"]
    base = base_url(request)
    found = state.core.term(slug, base)
    if found is None:
        raise APIError(404, "not_found", f"no term with slug {slug!r}")
    # The body embeds absolute URLs: the tag varies with the base URL as well as the version.
    etag = etag_of(state.dictionary.version, "term", base, slug)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if is_fresh(request, etag):
        return Response(status_code=304, headers=headers)
    return JSONResponse(found, headers=headers)


async def search(request: Request) -> Response:
    """The search page's results as JSON, for the extension's popup."""
    state = state_of(request)
    query = request.query_params.get("q", "")
    if not query.strip():
        raise APIError(422, "invalid_request", "q is required: the text to search for")
    base = base_url(request)
    try:
        found = state.core.search(query, base)
    except QueryTooLong as error:
        raise APIError(422, "query_too_long", str(error)) from None
    etag = etag_of(state.dictionary.version, "search", base, query)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if is_fresh(request, etag):
        return Response(status_code=304, headers=headers)
    return JSONResponse(found, headers=headers)


async def health(request: Request) -> Response:
    state = state_of(request)
    dictionary = state.dictionary
    return JSONResponse(
        {
            "ok": True,
            "dictionary": {
                "id": dictionary.id,
                "version": dictionary.version,
                "terms": len(dictionary.terms),
            },
            "glossaries": list(state.library.ids),
        }
    )


async def openapi(request: Request) -> Response:
    state = state_of(request)
    return JSONResponse(openapi_document(state.settings, state.library.ids))
