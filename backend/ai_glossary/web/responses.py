"""JSON responses encoded with orjson; JSON made already is sent as it was made."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

from ai_glossary.service.encoded import Encoded


class JSONResponse(Response):
    """`content` is encoded with orjson; an `Encoded` object and `bytes` (JSON already made,
    as an annotate reply's) are sent as they are."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        if type(content) is Encoded:
            return content.json
        if type(content) is bytes:
            return content
        return orjson.dumps(content)
