"""JSON responses encoded with orjson; an `Encoded` object is sent as it was encoded."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

from ai_glossary.service.encoded import Encoded


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        if type(content) is Encoded:
            return content.json
        return orjson.dumps(content)
