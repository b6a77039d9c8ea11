"""The JSON API under /v1, plus /healthz and /openapi.json: thin handlers over the core."""

from __future__ import annotations

import zlib
from functools import partial
from typing import Any

import anyio
import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from ai_glossary.glossary.library import UnknownGlossary
from ai_glossary.service.core import QueryTooLong, StaleVersion, TooManySlugs
from ai_glossary.web.caching import CACHE_CONTROL, etag_of, is_fresh
from ai_glossary.web.errors import APIError
from ai_glossary.web.openapi import openapi_document
from ai_glossary.web.responses import JSONResponse
from ai_glossary.web.state import AppState, state_of
from ai_glossary.web.validation import annotate_request, read_body

# Annotate replies quote the page's words back (offsets, terms found): never kept by caches.
NO_STORE = {"Cache-Control": "no-store"}
# Cards of a named version never change: kept for a year, never revalidated.
IMMUTABLE = "public, max-age=31536000, immutable"
# With the native core, a body up to this size is annotated on the event loop when no other
# request is being annotated: its work then takes about a millisecond, and the hop to the
# matching thread and back costs some 70 us of CPU alone, more under load (the GIL passed
# between two threads). The Python path always hops: a 20 KB page takes it 5 ms and more.
INLINE_BODY_BYTES = 32 * 1024


# Base URLs by what Starlette makes one of: it copies the scope and parses the Host header
# again for each request (9 us of an annotate request). The Host header is the client's, so
# the dictionary is emptied whenever it grows past a few.
_BASES: dict[tuple[Any, ...], str] = {}
BASES_KEPT = 64


def base_url(request: Request) -> str:
    configured = state_of(request).settings.public_url
    if configured:
        return configured.rstrip("/")
    scope = request.scope
    host = next((value for name, value in scope["headers"] if name == b"host"), None)
    root = scope.get("app_root_path", scope.get("root_path", ""))
    server = scope.get("server")  # a list, in some servers
    key = (scope.get("scheme", "http"), server and tuple(server), root, host)
    found = _BASES.get(key)
    if found is None:
        if len(_BASES) >= BASES_KEPT:
            _BASES.clear()
        found = _BASES[key] = str(request.base_url).rstrip("/")
    return found


async def annotate(request: Request) -> Response:
    state = state_of(request)
    settings = state.settings
    require_json(request)
    body = await read_body(request, settings.max_body_bytes, settings.body_timeout)
    base = base_url(request)
    # The one reply cache (docs/adr/0008-caches.md): a body seen before gets its reply
    # without being parsed or checked again. The body holds everything a reply depends on
    # (every segment, so each mark's neighbours, and the carried-over `page_is_ai`), the
    # base URL the cards' links; the state holds one dictionary version.
    cache = state.replies
    key = None
    if cache is not None:
        key = reply_key(base, body)
        reply = cache.get(key)
        if reply is not None:
            return JSONResponse(reply, headers=NO_STORE)
    # Off the event loop, unless the native core does it (`INLINE_BODY_BYTES`): however long
    # the matching takes, /healthz, pages and search are answered meanwhile. On the Python
    # path a small body is no proof of quick work (the sense judgement of one
    # 20,000-character segment holding an emoji once took 20 s).
    limiter = matching_limiter(request)
    answer: tuple[bytes, tuple[int, int]]
    if state.core.native and len(body) <= INLINE_BODY_BYTES and not limiter.borrowed_tokens:
        answer = _annotate(state, body, base)
    else:
        work = partial(_annotate, state, body, base)
        answer = await anyio.to_thread.run_sync(work, limiter=limiter)
    fresh, volume = answer
    # For /metrics (web/metrics.py), which would otherwise parse the body again.
    request.state.annotated = volume
    if cache is not None and key is not None:
        cache.keep(key, fresh)
    return JSONResponse(fresh, headers=NO_STORE)


def reply_key(base: str, body: bytes) -> tuple[str, int, int, int]:
    """The reply cache's key: the base URL, and of the body its length, its SipHash (`hash`
    of bytes, keyed afresh in each process, so no client can make two bodies collide) and its
    CRC-32: 96 bits and more, never the text itself. A 16-byte BLAKE2b of a 20 KB body took
    15 us, over 2% of a cold request; this takes 6."""
    return base, len(body), hash(body), zlib.crc32(body)


def _annotate(state: AppState, body: bytes, base: str) -> tuple[bytes, tuple[int, int]]:
    """The reply's JSON, and the request's segments and characters (never its text)."""
    wanted = annotate_request(body, state.settings)
    segments = wanted.segments
    try:
        reply = state.core.annotate_json(segments, wanted.options, wanted.glossaries, base)
    except UnknownGlossary as error:
        raise APIError(422, "invalid_request", str(error)) from None
    return reply, (len(segments), sum(map(len, segments)))


async def cards(request: Request) -> Response:
    """Cards of one version of the glossaries: its URL names the version, so the reply never
    changes and HTTP caches keep it for good. A version no longer served is a 409 (never
    another version's cards under this URL, which caches would keep as this version's)."""
    state = state_of(request)
    params = request.query_params
    slugs = _names(params.get("slugs", ""))
    version = params.get("version", "")
    if not version:
        raise APIError(422, "invalid_request", "version is required")
    # slugs that are all blanks name no term: the reply holds no card, like unknown slugs.
    glossaries = _names(params["glossaries"]) if "glossaries" in params else None
    work = partial(state.core.cards, slugs, version, glossaries, base_url(request))
    try:
        # On the matching thread: a new choice of glossaries builds its annotator.
        found = await anyio.to_thread.run_sync(work, limiter=matching_limiter(request))
    except StaleVersion as error:
        raise APIError(409, "version_mismatch", str(error)) from None
    except (UnknownGlossary, TooManySlugs) as error:
        raise APIError(422, "invalid_request", str(error)) from None
    return JSONResponse(found, headers={"Cache-Control": IMMUTABLE})


def _names(listed: str) -> list[str]:
    """A comma-separated list of slugs or ids, blanks left out."""
    return [name for name in (part.strip() for part in listed.split(",")) if name]


def matching_limiter(request: Request) -> anyio.CapacityLimiter:
    """One thread per worker matches: the event loop answers other requests meanwhile, one
    request is matched at a time (the annotator's caches are not shared between threads),
    which also bounds the memory matching takes to that of one request."""
    limiter: anyio.CapacityLimiter | None = getattr(request.app.state, "matching", None)
    if limiter is None:
        limiter = request.app.state.matching = anyio.CapacityLimiter(1)
    return limiter


def require_json(request: Request) -> None:
    """Only JSON: a form or text/plain body is a "simple" cross-origin request that a
    browser sends without asking first (no CORS preflight)."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise APIError(
            415, "unsupported_media_type", "send the body as Content-Type: application/json"
        )


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
