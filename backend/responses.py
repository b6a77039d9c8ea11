"""Responses encoded with orjson, and objects that carry their own encoding."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


class Encoded(dict[str, Any]):
    """A JSON object with its orjson encoding, made once: a cached reply is sent again
    without encoding it again. Shared between requests, so read-only."""

    __slots__ = ("json",)

    def __init__(self, content: dict[str, Any]) -> None:
        super().__init__(content)
        self.json = orjson.dumps(content)


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        if type(content) is Encoded:
            return content.json
        return orjson.dumps(content)
