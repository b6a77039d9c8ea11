"""JSON objects that carry their own encoding, made once and sent many times."""

from __future__ import annotations

from typing import Any

import orjson


class Encoded(dict[str, Any]):
    """A JSON object with its orjson encoding, made once: a cached reply is sent again
    without encoding it again. Shared between requests, so read-only."""

    __slots__ = ("json",)

    def __init__(self, content: dict[str, Any], json: bytes | None = None) -> None:
        """`json`: the content's encoding, when the caller made it (it must be that)."""
        super().__init__(content)
        self.json = orjson.dumps(content) if json is None else json
