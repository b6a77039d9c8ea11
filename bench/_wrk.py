"""Load from wrk (a second process, on 127.0.0.1): request bodies, its Lua script, its report.

Cold runs make every request distinct: wrk's script writes a fresh token at the start of each
segment ("c<run>n<request>"), so every segment misses the server's caches while the text it
scans stays the real article. Warm runs send a few bodies over and over.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import orjson

WRK = shutil.which("wrk") or "/usr/bin/wrk"
TOKEN = "@@"  # where the script writes a request's own token
TEMPLATES = 8  # distinct bodies (article windows) per size

_SCRIPT = """
local bodies = {}
local counter = 0
local mode, prefix

function init(args)
  mode, prefix = args[1], args[3]
  for line in io.lines(args[2]) do
    table.insert(bodies, line)
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]
  if mode == "cold" then
    body = body:gsub("@@", prefix .. "n" .. counter)
  end
  return wrk.format(nil, nil, nil, body)
end
"""


@dataclass(frozen=True)
class Result:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors plus responses that were not 2xx
    server_cpu_us: float = 0.0  # server CPU time per request, all its processes


def bodies(lines: list[str], size: int, cold: bool) -> list[bytes]:
    """`TEMPLATES` bodies of about `size` bytes, each a window of consecutive paragraphs."""
    step = max(1, len(lines) // TEMPLATES)
    found = []
    for start in range(0, step * TEMPLATES, step):
        segments: list[str] = []
        index = start
        while len(orjson.dumps({"segments": segments})) < size:
            segments.append(lines[index % len(lines)])
            index += 1
        token = TOKEN if cold else "w0"
        found.append(orjson.dumps({"segments": [f"{token} {s}" for s in segments]}))
    return found


def run(
    url: str, body_file: Path, cold: bool, run_id: str, seconds: int, connections: int
) -> Result:
    """One wrk run; wrk keeps `connections` open and sends the next request on each reply."""
    script = body_file.with_suffix(".lua")
    script.write_text(_SCRIPT)
    command = [WRK, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    command += ["-s", str(script), url, "--", "cold" if cold else "warm", str(body_file)]
    command.append(f"c{run_id}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse(output)


def parse(output: str) -> Result:
    def number(pattern: str) -> float:
        found = re.search(pattern, output)
        return float(found.group(1)) if found else 0.0

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    errors += int(number(r"Non-2xx or 3xx responses: (\d+)"))
    return Result(
        requests_per_s=number(r"Requests/sec:\s+([\d.]+)"),
        p50_ms=_latency(output, "50%"),
        p99_ms=_latency(output, "99%"),
        requests=int(number(r"(\d+) requests in")),
        errors=errors,
    )


def _latency(output: str, percentile: str) -> float:
    found = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if not found:
        return float("nan")
    scale = {"us": 1e-3, "ms": 1.0, "s": 1e3}[found.group(2)]
    return float(found.group(1)) * scale
