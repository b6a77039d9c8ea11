"""/metrics: requests by route template and status, annotate volumes, the dictionary served;
summed over workers; never a word, query or slug a reader typed."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from starlette.testclient import TestClient

from tests.conftest import DICTIONARIES
from tests.support.servers import running_backend

RULES = DICTIONARIES / "rules"
MARKER = "Zqxmarker"  # no glossary, route or label holds it


def value(metrics: str, name: str, **labels: str) -> float:
    """The sample `name{labels}` (0 when absent); labels given must match, others may differ."""
    total = 0.0
    for line in metrics.splitlines():
        match = re.fullmatch(r"(\w+)(?:\{(.*)\})? (\S+)", line)
        if not match or match[1] != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match[2] or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(match[3])
    return total


def test_counts_by_route_template_and_status() -> None:
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        for _ in range(3):
            assert client.get("/v1/terms/rlhf").status_code == 200
        assert client.get("/v1/terms/no-such-term").status_code == 404
        assert client.get("/no/such/page").status_code == 404
        segments = ["RLHF tunes LLMs.", "Nothing here."]
        assert client.post("/v1/annotate", json={"segments": segments}).status_code == 200
        assert client.post("/v1/annotate", json={"segments": 3}).status_code == 422
        metrics = client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    term = {"route": "/v1/terms/{slug}", "method": "GET"}
    assert value(text, "glossary_requests_total", status="200", **term) == 3
    assert value(text, "glossary_requests_total", status="404", **term) == 1
    assert value(text, "glossary_requests_total", route="unmatched", status="404") == 1
    assert value(text, "glossary_request_seconds_count", route="/v1/annotate") == 2
    assert value(text, "glossary_annotated_segments_total") == 2  # the 422 is not counted
    assert value(text, "glossary_annotated_characters_total") == sum(map(len, segments))
    assert value(text, "glossary_dictionary_info", glossary="rules") == 1
    assert value(text, "glossary_reloads_total") == 0


def test_a_reply_from_the_cache_is_counted_too() -> None:
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        segments = ["RLHF tunes LLMs.", "Nothing here."]
        for _ in range(2):  # the second reply comes from the reply cache, unparsed
            assert client.post("/v1/annotate", json={"segments": segments}).status_code == 200
        text = client.get("/metrics").text
    assert value(text, "glossary_annotated_segments_total") == 2 * len(segments)
    assert value(text, "glossary_annotated_characters_total") == 2 * sum(map(len, segments))


def test_no_reader_text_in_metrics() -> None:
    with TestClient(create_app(Settings(dictionary=RULES))) as client:
        client.post("/v1/annotate", json={"segments": [f"RLHF and {MARKER} here."]})
        client.post("/v1/annotate", json={"segments": [MARKER], "options": {MARKER: 1}})
        client.get(f"/v1/search?q={MARKER}")
        client.get(f"/search?q={MARKER}")
        client.get(f"/terms/{MARKER}")
        client.get(f"/v1/terms/{MARKER}?{MARKER}=1")
        client.get(f"/{MARKER}/{MARKER}")
        client.get(f"/static/{MARKER}.css")
        client.request(MARKER.upper(), "/healthz")
        text = client.get("/metrics").text
    assert value(text, "glossary_requests_total") >= 9
    assert MARKER.lower() not in text.lower()


def test_summed_over_workers_and_cleaned_on_exit(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    with running_backend(
        RULES, log_dir=tmp_path, extra_args=("--workers", "2"), env=env
    ) as backend:
        assert [p.name[:17] for p in temp.iterdir()] == ["glossary-metrics-"]
        for _ in range(40):  # each new connection goes to either worker
            with urllib.request.urlopen(backend.url + "/v1/terms/rlhf") as response:
                assert json.loads(response.read())["term"]
        with urllib.request.urlopen(backend.url + "/metrics") as response:
            text = response.read().decode()
        metrics_files = list(next(temp.iterdir()).glob("counter_*.db"))
        workers = {re.sub(r"\D", "", p.name) for p in metrics_files}
    assert value(text, "glossary_requests_total", route="/v1/terms/{slug}", status="200") == 40
    assert len(workers) == 2, "each worker keeps its own file, summed by /metrics"
    assert list(temp.iterdir()) == [], "the metrics folder is removed on exit"
