"""One error shape for the whole API: {"error": {"code": ..., "message": ...}}."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ai_glossary.web.redaction import loggable_path
from ai_glossary.web.responses import JSONResponse

# uvicorn's own logger, so failures land in the server's log with its format and level.
logger = logging.getLogger("uvicorn.error")

_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


class APIError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


async def api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, APIError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    response = error_response(exc.status_code, _CODES.get(exc.status_code, "error"), message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _internal_error() -> JSONResponse:
    # The message names no detail of the failure: never a stack trace to the client.
    return error_response(500, "internal_error", "the server could not complete this request")


async def server_error(request: Request, exc: Exception) -> Response:
    return _internal_error()


def describe_failure(error: BaseException) -> str:
    """The failure's type and the place it was raised: never its message, which may quote
    page text (a `KeyError(segment)`, a codec error showing the offending characters)."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    return f"{type(error).__module__}.{type(error).__qualname__}{where}"


class HideFailures:
    """Answers an unhandled exception with the JSON 500 and logs it without its message.

    Starlette's own last-resort handler re-raises after answering, so uvicorn would log the
    whole traceback, messages and all; this middleware stops the exception here instead.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as error:
            path = loggable_path(scope["path"])
            logger.error("%s %s failed: %s", scope["method"], path, describe_failure(error))
            if not started:
                await _internal_error()(scope, receive, send)
