"""The extension's budgets (issue 7), in headless Chromium with the local backend.

    .venv/bin/python bench/extension.py              # 5 loads of each kind (about a minute)
    .venv/bin/python bench/extension.py --runs 9

A generated article of 1 MB of text in about 10,000 text nodes, served from 127.0.0.1, with
`glossary serve` on the bundled glossary. The page records, in its own clock:
- DOMContentLoaded, and every change of the marks' highlight (polled each frame);
- long tasks (PerformanceObserver "longtask").
Long tasks carry no script attribution, and Chromium's long-animation-frame entries do not
name a content script's sources (checked here: an 80 ms loop in the content script shows
as a long task and as a frame with no scripts). So the same page is also loaded with
marking paused (the content script present, idle) as the baseline: the page's own long
tasks (its first layout of 1 MB of text). Once the first marks are up the page itself is
idle, so every long task from then on is the extension's (its reading, or the frames that
paint its highlight).

Then a page that appends 100 paragraphs over 10 s, with the extension's backend address
pointed at a counting proxy: every character the extension sends to the backend is counted,
so text read twice shows as a ratio above 1.

Targets: first marks within 300 ms of DOMContentLoaded, no long task over 50 ms from the
extension, the whole page marked within 2 s, new paragraphs marked without re-sending old
text, and the content script within its budget (17 KB gzipped, as the tests hold it).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ai_glossary.glossary.reader import BUNDLED, load_dictionary  # noqa: E402
from ai_glossary.matching.matcher import Matcher  # noqa: E402

from tests.extension.test_source import content_script_gzip_bytes  # noqa: E402
from tests.support.browsers import chromium  # noqa: E402
from tests.support.extension import Extension  # noqa: E402
from tests.support.servers import running_backend, static_server  # noqa: E402

PARAGRAPHS = 2_500  # x 4 text nodes, ~400 characters each: 10,000 nodes, 1 MB
APPENDED = 100
APPEND_EVERY_MS = 100
LONG_TASK_MS = 50
TERMS = [
    "large language model", "fine-tuning", "retrieval-augmented generation", "context window",
    "embedding", "hallucination", "prompt injection", "vector database", "quantization",
    "transformer", "tokenizer", "reinforcement learning from human feedback", "inference",
    "knowledge distillation", "mixture of experts", "chain-of-thought prompting",
]  # fmt: skip
WORDS = [
    "the", "team", "said", "its", "quarterly", "plan", "would", "change", "how", "customers",
    "and", "staff", "find", "answers", "across", "documents", "while", "budgets", "stayed",
    "flat", "leaders", "asked", "for", "clearer", "evidence", "of", "value", "before", "any",
    "wider", "rollout", "in", "spring",
]  # fmt: skip

# Records marks and long tasks in the page's own clock.
RECORDER = """<script>
window.bench = {dcl: 0, first: 0, last: 0, size: 0, longTasks: [], added: {}};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
document.addEventListener("DOMContentLoaded", () => {
  bench.dcl = performance.now();
  const poll = () => {
    const size = CSS.highlights.get("ai-glossary-term")?.size ?? 0;
    if (size !== bench.size) {
      bench.size = size;
      bench.last = performance.now();
      if (!bench.first) bench.first = bench.last;
    }
    requestAnimationFrame(poll);
  };
  poll();
});
</script>"""

# Appends one paragraph every APPEND_EVERY_MS once started; records when each one is marked.
GROWER = """<script>
window.startGrowing = () => {
  let count = 0;
  const timer = setInterval(() => {
    const p = document.createElement("p");
    p.id = `added-${count}`;
    p.textContent = window.addedTexts[count];
    document.getElementById("feed").prepend(p); // newest first, as live pages do
    bench.added[count] = [performance.now(), 0];
    if (++count === window.addedTexts.length) clearInterval(timer);
  }, APPEND_EVERY_MS);
  const check = () => {
    const highlight = CSS.highlights.get("ai-glossary-term");
    for (const range of highlight ?? []) {
      const id = range.startContainer.parentElement?.id ?? "";
      const entry = id.startsWith("added-") ? bench.added[id.slice(6)] : null;
      if (entry && !entry[1]) entry[1] = performance.now();
    }
    requestAnimationFrame(check);
  };
  check();
};
</script>""".replace("APPEND_EVERY_MS", str(APPEND_EVERY_MS))


def sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.5:
        picked.insert(rng.randrange(len(picked)), rng.choice(TERMS))
    return " ".join(picked)


def paragraph(rng: random.Random) -> str:
    """About 400 characters in four text nodes: text, <b>text</b>, text, <a>text</a>."""
    return (
        f"<p>{sentence(rng, 30)} <b>{sentence(rng, 6)}</b> {sentence(rng, 20)} "
        f'<a href="#">{sentence(rng, 3)}</a></p>'
    )


def write_pages(folder: Path) -> dict[str, int]:
    rng = random.Random(7)
    body = "".join(paragraph(rng) for _ in range(PARAGRAPHS))
    head = f'<!doctype html><html lang="en"><head><meta charset="utf-8">{RECORDER}</head>'
    (folder / "article.html").write_text(f"{head}<body><h1>Report</h1>{body}</body></html>")
    certain = unambiguous(TERMS)
    added = [
        f"Update {i}: {sentence(rng, 25)} and the {certain[i % len(certain)]}."
        for i in range(APPENDED)
    ]
    start = "\n".join(paragraph(rng) for _ in range(50))
    grower = f"<script>window.addedTexts = {json.dumps(added)};</script>{GROWER}"
    (folder / "growing.html").write_text(
        f'{head}<body><h1>Live</h1><div id="feed"></div>{start}{grower}</body></html>'
    )
    text = sum(len(s) for s in body.split("<")) if body else 0
    return {"bytes": len(body.encode()), "text": text, "added_chars": sum(map(len, added))}


@dataclass
class Proxy:
    """Forwards every request to the backend; counts the segments and characters annotated."""

    backend: str
    segments: int = 0
    chars: int = 0
    requests: list[tuple[float, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, body: bytes) -> None:
        segments = json.loads(body).get("segments", [])
        with self.lock:
            self.segments += len(segments)
            self.chars += sum(len(s) for s in segments)
            self.requests.append((time.monotonic(), sum(len(s) for s in segments)))

    def reset(self) -> None:
        with self.lock:
            self.segments = self.chars = 0
            self.requests.clear()


@contextmanager
def counting_proxy(backend: str) -> Iterator[tuple[str, Proxy]]:
    proxy = Proxy(backend)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def forward(self, body: bytes | None) -> None:
            request = urllib.request.Request(
                backend + self.path, data=body, method=self.command,
                headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
            )  # fmt: skip
            try:
                with urllib.request.urlopen(request, timeout=30) as reply:
                    status, headers, data = reply.status, reply.headers, reply.read()
            except urllib.error.HTTPError as error:
                status, headers, data = error.code, error.headers, error.read()
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self.forward(None)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/v1/annotate":
                proxy.count(body)
            self.forward(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", proxy
    finally:
        server.shutdown()
        server.server_close()


def load(extension: Extension, url: str, settle_s: float = 0.5) -> dict[str, Any]:
    """One load: the page's record, and when the content script said it was done (every
    block read, every reply applied), in the page's clock."""
    page = extension.context.new_page()
    try:
        page.goto(url)
        status = extension.wait_for_state(page, "done", "paused", timeout=30)
        done_at = time.time() * 1000
        time.sleep(settle_s)  # the last long tasks and frames are reported
        record: dict[str, Any] = page.evaluate("window.bench")
        origin = page.evaluate("performance.timeOrigin")
        record["done"] = done_at - origin
        record["marks"] = status["marks"]
        record["nodes"] = page.evaluate(
            "(() => { let n = 0; const w = document.createTreeWalker(document.body, 4);"
            " while (w.nextNode()) n++; return n; })()"
        )
        return record
    finally:
        page.close()


def after_start(record: dict[str, Any]) -> list[float]:
    """Long tasks from DOMContentLoaded on (the content script runs after it)."""
    return [d for start, d in record["longTasks"] if start >= record["dcl"] and d > LONG_TASK_MS]


def tasks(loads: list[list[float]]) -> str:
    counts = ", ".join(str(len(load)) for load in loads)
    longest = max((t for load in loads for t in load), default=0)
    return f"per load {counts} (longest {longest:.0f} ms)"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def content_script_bytes() -> int:
    """The content script as its budget counts it (tests/extension/test_source.py)."""
    return content_script_gzip_bytes()


def unambiguous(terms: list[str]) -> list[str]:
    """Those of `terms` that the bundled glossary marks wherever they are found: appended
    updates are random words, where a form with another sense is rightly left unmarked."""
    matcher = Matcher(load_dictionary(BUNDLED))
    return [term for term in terms if not any(found[3] for found in matcher.find(term))]


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="loads of each kind (default 5)")
    args = parser.parse_args(argv)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        sizes = write_pages(folder)
        with (
            running_backend(log_dir=Path(tmp)) as backend,
            static_server(folder) as site,
            chromium(Path(tmp) / "profile") as context,
        ):
            extension = Extension.attach(context)
            # Every occurrence: marks arrive until the whole page is read.
            extension.reset_settings(backendUrl=backend.url, firstOnly=False)
            load(extension, f"{site}/article.html")  # warm: backend caches, browser caches
            marked, baseline = [], []
            for _ in range(args.runs):  # interleaved, so drift hits both alike
                extension.set_settings(paused=False)
                marked.append(load(extension, f"{site}/article.html"))
                extension.set_settings(paused=True)
                baseline.append(load(extension, f"{site}/article.html"))
            extension.set_settings(paused=False)
            with counting_proxy(backend.url) as (proxy_url, proxy):
                extension.set_settings(backendUrl=proxy_url)
                growing = grow(extension, f"{site}/growing.html", proxy)

    first = [r["first"] - r["dcl"] for r in marked]
    whole = [r["done"] - r["dcl"] for r in marked]
    own_tasks = [after_start(r) for r in marked]
    page_tasks = [after_start(r) for r in baseline]
    own_count, page_count = sum(map(len, own_tasks)), sum(map(len, page_tasks))
    later = [
        d for r in marked for start, d in r["longTasks"] if start >= r["first"] and d > LONG_TASK_MS
    ]
    size = content_script_bytes()
    print(
        f"Fixture: {sizes['bytes'] / 1e6:.2f} MB of HTML, {marked[0]['nodes']} text nodes, "
        f"{marked[0]['marks']} marks (every occurrence); {args.runs} loads each"
    )
    rows = [
        ("first marks after DOMContentLoaded", f"median {median(first):.0f} ms, max "
         f"{max(first):.0f} ms", "<= 300 ms", median(first) <= 300),
        ("whole page marked (content script done)", f"median {median(whole):.0f} ms, max "
         f"{max(whole):.0f} ms",
         "<= 2000 ms", median(whole) <= 2000),
        ("long tasks > 50 ms after DCL, marking", tasks(own_tasks), "", True),
        ("the same, marking paused (the page's own)", tasks(page_tasks), "", True),
        ("long tasks once the first marks are up", f"{len(later)} in {args.runs} loads "
         f"(longest {max(later, default=0):.0f} ms)", "none", not later),
        ("long tasks, marking vs paused", f"{own_count} vs {page_count}", "no more",
         own_count <= page_count),
        ("appended paragraphs marked", f"{growing['marked']} of {APPENDED}, latency median "
         f"{growing['latency_median']:.0f} ms, max {growing['latency_max']:.0f} ms", "all",
         growing["marked"] == APPENDED),
        ("text sent while appending / text appended", f"{growing['sent']} / "
         f"{sizes['added_chars']} chars = {growing['sent'] / sizes['added_chars']:.2f}, in "
         f"{growing['requests']} requests", "~1.0 (no rescans)",
         growing["sent"] <= 1.05 * sizes["added_chars"]),
        ("content script, gzipped", f"{size / 1024:.1f} KB", "<= 17 KB", size <= 17 * 1024),
    ]  # fmt: skip
    width = max(len(name) for name, *_ in rows)
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:<55} {target:<18} {verdict(ok) if target else ''}")
        failures += not ok
    return 1 if failures else 0


def grow(extension: Extension, url: str, proxy: Proxy) -> dict[str, Any]:
    page = extension.context.new_page()
    try:
        page.goto(url)
        extension.wait_for_state(page, "done", timeout=30)
        proxy.reset()  # what the extension sends from now on
        page.evaluate("startGrowing()")
        page.wait_for_function(
            f"() => Object.keys(bench.added).length === {APPENDED}",
            timeout=(APPENDED * APPEND_EVERY_MS + 10_000),
        )
        time.sleep(1.5)
        added: dict[str, list[float]] = page.evaluate("bench.added")
    finally:
        page.close()
    latencies = [done - at for at, done in added.values() if done]
    return {
        "marked": len(latencies),
        "latency_median": median(latencies),
        "latency_max": max(latencies, default=0.0),
        "sent": proxy.chars,
        "requests": len(proxy.requests),
    }


if __name__ == "__main__":
    sys.exit(main())
