"""HTTP caching of pages and search results: ETags from the dictionary version, and 304s."""

from __future__ import annotations

import hashlib

from starlette.requests import Request

# Long enough to spare a busy server, short enough that an edited dictionary shows up soon;
# after that a revalidation costs one 304.
CACHE_CONTROL = "public, max-age=300"
# Not-found pages may stop being missing as soon as a term is added.
MISSING_CACHE_CONTROL = "public, max-age=60"


def etag_of(version: str, *identity: str) -> str:
    """A strong ETag: the dictionary version plus a digest of what else shaped the response."""
    digest = hashlib.sha256("\0".join(identity).encode("utf-8", "surrogatepass")).hexdigest()
    return f'"{version}-{digest[:16]}"'


def is_fresh(request: Request, etag: str) -> bool:
    """Whether the request's If-None-Match names `etag` (weak comparison, as RFC 9110 asks)."""
    header = request.headers.get("if-none-match")
    if header is None:
        return False
    if header.strip() == "*":
        return True
    tags = (tag.strip().removeprefix("W/") for tag in header.split(","))
    return etag.removeprefix("W/") in tags
