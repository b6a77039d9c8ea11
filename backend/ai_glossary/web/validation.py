"""Reading and validating request bodies: bad input becomes an `APIError`, never a crash."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

import msgspec
from starlette.requests import ClientDisconnect, Request

from ai_glossary.service.annotate import Options
from ai_glossary.service.contracts import AnnotateOptions, AnnotateRequest
from ai_glossary.settings import Settings
from ai_glossary.web.errors import APIError

# A refused body may still be on its way: closing the connection spares reading the rest.
_CLOSE = {"Connection": "close"}


async def read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The whole body; a 413 as soon as it is known to be larger than `limit`, a 408 if it
    takes longer than `timeout` seconds to arrive (a stalled or lying client)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise APIError(400, "bad_request", "Content-Length is not a number", _CLOSE)
        if int(declared) > limit:
            raise _too_large(limit)
    chunks = []
    size = 0
    try:
        # asyncio's own deadline: anyio's cancel scope took 7 us of each request, this 3.
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                chunks.append(chunk)
    except TimeoutError:
        raise APIError(
            408, "request_timeout", f"request body took longer than {timeout:g} s", _CLOSE
        ) from None
    except ClientDisconnect:
        # Nobody is left to read the answer; this only ends the request quietly.
        raise APIError(400, "client_disconnected", "client left before sending the body") from None
    return b"".join(chunks)


def _too_large(limit: int) -> APIError:
    return APIError(413, "payload_too_large", f"request body is larger than {limit} bytes", _CLOSE)


_DECODER = msgspec.json.Decoder(AnnotateRequest)
_UNKNOWN_FIELD = re.compile(r"^Object contains unknown field `.*` - at `(?P<path>[^`]*)`$")


@dataclass(frozen=True, slots=True)
class Wanted:
    """What an annotate request asks for."""

    segments: list[str]
    options: Options
    glossaries: list[str] | None


def annotate_request(body: bytes, settings: Settings) -> Wanted:
    """The decoded, checked request; an `APIError` that names the fault's path, never text."""
    if not body.strip():
        raise APIError(400, "empty_body", "request body is empty; send a JSON object")
    try:
        request = _DECODER.decode(body)
    except msgspec.ValidationError as error:
        raise APIError(422, "invalid_request", _described(str(error))) from None
    except msgspec.DecodeError as error:
        # msgspec names the byte offset only: the body is page text, never echoed or logged.
        raise APIError(
            400, "malformed_json", f"body is not valid JSON (UTF-8, no lone surrogates): {error}"
        ) from None
    segments = request.segments
    if len(segments) > settings.max_segments:
        raise APIError(
            413, "too_many_segments", f"at most {settings.max_segments} segments per request"
        )
    # One pass in C; the loop that names the segment runs only for a request refused.
    if segments and max(map(len, segments)) > settings.max_segment_chars:
        index = next(i for i, s in enumerate(segments) if len(s) > settings.max_segment_chars)
        raise APIError(
            413,
            "segment_too_long",
            f"segments[{index}] is longer than {settings.max_segment_chars} characters",
        )
    wanted = request.options or AnnotateOptions()
    options = Options(wanted.first_only, wanted.page_is_ai, wanted.explain, wanted.cards)
    return Wanted(segments, options, request.glossaries)


def _described(message: str) -> str:
    """msgspec's message, with an unknown field's name left out (it is the client's text)."""
    unknown = _UNKNOWN_FIELD.match(message)
    if unknown is not None:
        return f"unknown field at `{unknown['path']}`; see /openapi.json for the fields"
    return message
