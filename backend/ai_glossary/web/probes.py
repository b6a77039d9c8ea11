"""The readiness probe: is this worker fit to be sent new requests?

`/healthz` is liveness (the process answers). `/readyz` is readiness: a 503 while the
dictionary is loading, while a reload is building and swapping in new data, and while the
worker drains on SIGTERM, so that a proxy or Kubernetes sends traffic elsewhere meanwhile.
"""

from __future__ import annotations

import threading

from starlette.requests import Request
from starlette.responses import Response

from ai_glossary.web.responses import JSONResponse

# One per process, as signals are: set when uvicorn starts its graceful shutdown (serving.py).
_draining = threading.Event()


def start_draining() -> None:
    _draining.set()


def not_ready_because(request: Request) -> str | None:
    """Why this worker should get no new requests, or None when it is ready."""
    if _draining.is_set():
        return "draining"
    if getattr(request.app.state, "glossary", None) is None:
        return "loading"
    reloader = getattr(request.app.state, "reloader", None)
    if reloader is not None and reloader.busy:
        return "reloading"
    return None


async def ready(request: Request) -> Response:
    reason = not_ready_because(request)
    if reason is None:
        return JSONResponse({"ready": True}, headers={"Cache-Control": "no-store"})
    # Connection: close, so that a proxy's next probe opens a new connection and sees a
    # draining worker refuse it.
    headers = {"Cache-Control": "no-store", "Connection": "close"}
    return JSONResponse({"ready": False, "reason": reason}, status_code=503, headers=headers)
