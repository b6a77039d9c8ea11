"""Reading and validating request bodies: bad input becomes an `APIError`, never a crash."""

from __future__ import annotations

from typing import Any

import anyio
import orjson
from starlette.requests import ClientDisconnect, Request

from ai_glossary.service.annotate import Options
from ai_glossary.settings import Settings
from ai_glossary.web.errors import APIError

_OPTION_TYPES = {"first_only": bool, "page_is_ai": bool}
_BODY_KEYS = {"segments", "options", "glossaries"}


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
        with anyio.fail_after(timeout):
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


def parse_json(body: bytes) -> Any:
    if not body.strip():
        raise APIError(400, "empty_body", "request body is empty; send a JSON object")
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        # Name the position only: the body is page text and is never echoed or logged.
        raise APIError(
            400,
            "malformed_json",
            f"body is not valid JSON (UTF-8, no lone surrogates) at line {error.lineno}, "
            f"column {error.colno}",
        ) from None


def annotate_request(
    payload: Any, settings: Settings
) -> tuple[list[str], Options, list[str] | None]:
    """The segments, the options and the chosen glossary ids (None: all) of a request."""
    if not isinstance(payload, dict):
        raise _invalid("body must be a JSON object with a 'segments' list")
    unknown = sorted(payload.keys() - _BODY_KEYS)
    if unknown:
        raise _invalid(
            f"unknown field {unknown[0]!r}; expected 'segments', 'options' and 'glossaries'"
        )
    segments = payload.get("segments")
    if segments is None:
        raise _invalid("missing field 'segments' (a list of strings)")
    if not isinstance(segments, list):
        raise _invalid("'segments' must be a list of strings")
    if len(segments) > settings.max_segments:
        raise APIError(
            413, "too_many_segments", f"at most {settings.max_segments} segments per request"
        )
    for index, segment in enumerate(segments):
        if not isinstance(segment, str):
            raise _invalid(f"segments[{index}] must be a string")
        if len(segment) > settings.max_segment_chars:
            raise APIError(
                413,
                "segment_too_long",
                f"segments[{index}] is longer than {settings.max_segment_chars} characters",
            )
    return segments, _options(payload.get("options")), _glossaries(payload.get("glossaries"))


def _glossaries(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _invalid("'glossaries' must be a list of glossary ids (strings)")
    return value


def _options(value: Any) -> Options:
    if value is None:
        return Options()
    if not isinstance(value, dict):
        raise _invalid("'options' must be an object")
    for key, option in value.items():
        expected = _OPTION_TYPES.get(key)
        if expected is None:
            raise _invalid(f"unknown option {key!r}; known: {', '.join(sorted(_OPTION_TYPES))}")
        if not isinstance(option, expected):
            raise _invalid(f"option {key!r} must be a boolean")
    return Options(**value)


def _invalid(message: str) -> APIError:
    return APIError(422, "invalid_request", message)
