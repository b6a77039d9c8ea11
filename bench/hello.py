"""A hello-world Starlette endpoint, served the way `glossary serve` serves the API.

It reads the request body (as annotate must) and answers a constant JSON object: the most
any Starlette endpoint can do on this machine, the ceiling for bench/api.py.

    .venv/bin/python bench/hello.py --port 8001 [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

_REPLY = b'{"hello":"world"}'


async def hello(request: Request) -> Response:
    await request.body()
    return Response(_REPLY, media_type="application/json")


app = Starlette(routes=[Route("/", hello, methods=["POST"])])


def serving_options() -> dict[str, Any]:
    """The uvicorn options of `glossary serve` (protocol, limits, timeouts), when it has some."""
    try:
        from ai_glossary.serving import UVICORN_OPTIONS
    except ImportError:
        return {"server_header": False, "proxy_headers": False, "timeout_keep_alive": 5}
    return dict(UVICORN_OPTIONS)


def serve(app: str, port: int, workers: int) -> None:
    """`app` ("module:name" in bench/) on 127.0.0.1, run as `glossary serve` runs the API:
    its uvicorn options and, with several workers, a listening socket for each."""
    sys.path.insert(0, str(Path(__file__).parent))
    options: dict[str, Any] = {"access_log": False, "log_level": "warning", **serving_options()}
    try:
        from ai_glossary.serving import run_uvicorn
    except ImportError:
        uvicorn.run(app, host="127.0.0.1", port=port, workers=workers, **options)
        return
    run_uvicorn(app, host="127.0.0.1", port=port, workers=workers, **options)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="hello-world Starlette endpoint at POST /")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    serve("hello:app", args.port, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
