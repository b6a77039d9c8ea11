"""GET /v1/prefilter: every key of the glossaries filed under its rarest word, for clients
that send a block of text only if it could hold a term (`ai_glossary.service.prefilter`).
Keyed by the glossaries' version (its ETag and its body), so a client fetches it once per
version and revalidates it with a 304."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ai_glossary.service.encoded import Encoded
from ai_glossary.service.prefilter import prefilter_index
from ai_glossary.web.caching import CACHE_CONTROL, etag_of, is_fresh
from ai_glossary.web.responses import JSONResponse
from ai_glossary.web.state import state_of


async def prefilter(request: Request) -> Response:
    dictionary = state_of(request).dictionary
    etag = etag_of(dictionary.version, "prefilter")
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if is_fresh(request, etag):
        return Response(status_code=304, headers=headers)
    return JSONResponse(_index(request, dictionary.version), headers=headers)


def _index(request: Request, version: str) -> Encoded:
    """Worked out once per version of the glossaries (a reload brings a new one)."""
    held: tuple[str, Encoded] | None = getattr(request.app.state, "prefilter", None)
    if held is None or held[0] != version:
        index = prefilter_index(state_of(request).dictionary)
        held = (version, Encoded({"version": version, "words": index}))
        request.app.state.prefilter = held
    return held[1]
