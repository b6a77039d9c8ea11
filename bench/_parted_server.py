"""`glossary serve`'s app, one worker, with the parts of each annotate request timed, for
bench/breakdown.py. `--judgement off` puts a judge that decides nothing in every annotator.

    .venv/bin/python bench/_parted_server.py --port 8001 [--judgement off]

GET /bench/parts answers the CPU time of each part per annotate request since the last
call, and starts counting afresh. Parts are timed with the thread's own CPU clock, so they
are CPU time as the server's total is: the matcher (`Matcher.find_many`), the judgement
(`SenseJudge.marks`, or `judge` on the Python path), the annotate core around both
(`Annotator.reply_json`, what the API calls), and the whole process.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

import uvicorn
from _judges import NoJudgement
from ai_glossary.matching.matcher import Matcher
from ai_glossary.service.annotate import Annotator
from ai_glossary.service.sense import SenseJudge
from ai_glossary.serving import uvicorn_options
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

PARTS = {"matcher": 0, "judgement": 0, "core": 0}  # nanoseconds of CPU
CALLS = dict.fromkeys(PARTS, 0)  # the core's: the annotate requests served
_since = [time.process_time_ns()]


def timed(part: str, method: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time_ns()
        try:
            return method(*args, **kwargs)
        finally:
            PARTS[part] += time.thread_time_ns() - started
            CALLS[part] += 1

    return run


async def parts(request: Request) -> Response:
    now = time.process_time_ns()
    requests = CALLS["core"]
    per = max(requests, 1) * 1000
    found = {name: spent / per for name, spent in PARTS.items()}
    found.update(requests=requests, process=(now - _since[0]) / per)
    for name in PARTS:
        PARTS[name] = CALLS[name] = 0
    _since[0] = now
    return JSONResponse(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--judgement", choices=("on", "off"), default="on")
    args = parser.parse_args()
    if args.judgement == "off":
        SenseJudge.marks = NoJudgement.marks  # type: ignore[method-assign,assignment]
        SenseJudge.judge = NoJudgement.judge  # type: ignore[method-assign,assignment]
    Matcher.find_many = timed("matcher", Matcher.find_many)  # type: ignore[method-assign]
    SenseJudge.marks = timed("judgement", SenseJudge.marks)  # type: ignore[method-assign]
    SenseJudge.judge = timed("judgement", SenseJudge.judge)  # type: ignore[method-assign]
    Annotator.reply_json = timed("core", Annotator.reply_json)  # type: ignore[method-assign]
    app = create_app(settle=True)
    app.router.routes.insert(0, Route("/bench/parts", parts, methods=["GET"]))
    options = {**uvicorn_options(Settings()), "log_level": "warning"}
    uvicorn.run(app, host="127.0.0.1", port=args.port, **options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
