"""Two `glossary serve` replicas behind Debian's nginx, all on 127.0.0.1: the public URL in
links, a reload reaching both, a rolling restart under load losing no request, and each
replica's /metrics counting what it served without a word of reader text.

nginx runs as this test's own process (scripts/install-services.sh installs it)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.backend.web.test_metrics import value
from tests.conftest import DICTIONARIES
from tests.support.servers import Backend, free_port, running_backend, wait_until_up

PUBLIC_URL = "https://glossary.example"
TOKEN = "replicas-token-7e3"
MARKER = "Zqxreader"  # typed by a "reader": must reach no metric
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LOAD_REQUESTS = 500  # the load's bounds: so many requests, or LOAD_SECONDS, whichever first
LOAD_SECONDS = 60.0
LOAD_PAUSE = 0.02  # between requests: the load spans both restarts rather than racing ahead

NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    log_format upstream '$upstream_addr $upstream_status $status';
    access_log {dir}/access.log upstream;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    upstream glossary {{
        # max_fails=0: a replica that refused a connection is tried again at once when back.
        server 127.0.0.1:{a} max_fails=0;
        server 127.0.0.1:{b} max_fails=0;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://glossary;
            proxy_set_header Host glossary.example;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            # A replica that is restarting refuses the connection: try the other one. Annotate
            # is a POST but has no side effect, so it may be sent again (non_idempotent).
            proxy_next_upstream error timeout non_idempotent;
            proxy_connect_timeout 2s;
        }}
    }}
}}
"""


@dataclass
class Replica:
    port: int
    folder: Path
    env: dict[str, str]
    log_dir: Path
    backend: Backend | None = None
    _stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    generation: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.generation += 1
        logs = self.log_dir / f"replica-{self.port}-{self.generation}"
        logs.mkdir()
        self.backend = self._stack.enter_context(
            running_backend(
                self.folder,
                log_dir=logs,
                port=self.port,
                env=self.env,
                extra_args=("--workers", "2"),
            )
        )
        wait_until_up(self.url + "/readyz")

    def stop(self) -> None:
        self._stack.close()
        self._stack = contextlib.ExitStack()

    def restart(self) -> None:
        assert self.backend is not None
        self.backend.stop()  # SIGTERM: drains what is in flight
        assert self.backend.process.returncode == 0, self.backend.log()
        self.stop()
        self.start()


@dataclass
class Deployment:
    proxy: str
    replicas: list[Replica]
    folder: Path
    access_log: Path


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    if not os.access(NGINX, os.X_OK):
        pytest.fail("nginx is missing: run scripts/install-services.sh (make test does)")
    root = tmp_path_factory.mktemp("replicas")
    folder = root / "glossary"  # the dictionary folder both replicas serve
    shutil.copytree(DICTIONARIES / "rules", folder)
    env = {
        "GLOSSARY_ADMIN_TOKEN": TOKEN,
        "GLOSSARY_RELOAD_STAMP": str(root / "reload-stamp"),
        "GLOSSARY_PUBLIC_URL": PUBLIC_URL,
        "GLOSSARY_TRUSTED_HOSTS": "glossary.example,127.0.0.1",
        "GLOSSARY_FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    replicas = [Replica(free_port(), folder, env, root) for _ in range(2)]
    nginx_dir = root / "nginx"
    nginx_dir.mkdir()
    port = free_port()
    conf = nginx_dir / "nginx.conf"
    user = "user root root;" if os.geteuid() == 0 else ""  # else workers run as nobody
    conf.write_text(
        NGINX_CONF.format(
            dir=nginx_dir, user=user, a=replicas[0].port, b=replicas[1].port, port=port
        ),
        encoding="utf-8",
    )
    try:
        for replica in replicas:
            replica.start()
        nginx = subprocess.Popen(
            [NGINX, "-p", str(nginx_dir), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            proxy = f"http://127.0.0.1:{port}"
            wait_until_up(proxy + "/readyz")
            yield Deployment(proxy, replicas, folder, nginx_dir / "access.log")
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
    finally:
        for replica in replicas:
            replica.stop()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def post(url: str, body: object, token: str | None = None) -> tuple[int, str]:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_links_through_the_proxy_carry_the_public_url(deployment: Deployment) -> None:
    replies = [
        get(deployment.proxy + "/terms/rlhf"),  # canonical link and JSON-LD
        get(deployment.proxy + "/v1/terms/rlhf"),
        get(deployment.proxy + "/v1/search?q=rlhf"),
        post(deployment.proxy + "/v1/annotate", {"segments": ["RLHF tunes LLMs."]}),  # cards
    ]
    for status, text in replies:
        assert status == 200
        assert f"{PUBLIC_URL}/terms/rlhf" in text
        assert "127.0.0.1" not in text
        assert "http://glossary.example" not in text


def test_a_reload_through_one_replica_reaches_the_other(deployment: Deployment) -> None:
    first, second = deployment.replicas
    (deployment.folder / "terms" / "zephyr.toml").write_text(
        'term = "Zephyr"\ndefinition = "A term added while serving."\n', encoding="utf-8"
    )
    assert get(second.url + "/v1/terms/zephyr")[0] == 404
    status, reply = post(first.url + "/v1/admin/reload", None, TOKEN)
    assert status == 200, reply
    deadline = time.monotonic() + 10
    # The other workers, of both replicas, follow the shared stamp within a second of a
    # request to each: a worker that has not had one since answers it from the old glossary
    # while it follows (once in a clean-clone run, the proxy's request reached such a worker
    # of the first replica).
    for url in (second.url, deployment.proxy):
        while sum(get(url + "/v1/terms/zephyr")[0] == 200 for _ in range(4)) < 4:
            assert time.monotonic() < deadline, f"{url} never served the reloaded glossary"
            time.sleep(0.2)


def test_a_rolling_restart_under_load_loses_no_request(deployment: Deployment) -> None:
    results: list[tuple[float, int | str]] = []
    stop = threading.Event()

    def load() -> None:
        deadline = time.monotonic() + LOAD_SECONDS
        while not stop.is_set() and len(results) < LOAD_REQUESTS and time.monotonic() < deadline:
            try:
                if len(results) % 3 == 2:
                    status = post(deployment.proxy + "/v1/annotate", {"segments": ["RLHF"]})[0]
                else:
                    status = get(
                        deployment.proxy + ("/v1/terms/rlhf", "/terms/rlhf")[len(results) % 3]
                    )[0]
            except OSError as error:
                status = repr(error)
            results.append((time.monotonic(), status))
            time.sleep(LOAD_PAUSE)

    sender = threading.Thread(target=load)
    sender.start()
    windows = []
    try:
        time.sleep(0.5)
        for replica in deployment.replicas:
            began = time.monotonic()
            replica.restart()
            windows.append((began, time.monotonic()))
        time.sleep(0.5)
    finally:
        stop.set()
        sender.join(LOAD_SECONDS)
    failed = [status for _, status in results if status != 200]
    assert failed == [], f"{len(failed)} of {len(results)} requests failed: {failed[:5]}"
    for began, ended in windows:  # the load went on while each replica was down
        assert sum(began <= at <= ended for at, _ in results) >= 10
    assert len(results) >= 100


def test_metrics_of_each_replica_count_what_it_served(deployment: Deployment) -> None:
    def served() -> list[float]:
        return [
            value(get(r.url + "/metrics")[1], "glossary_requests_total", route="/v1/terms/{slug}")
            for r in deployment.replicas
        ]

    before = served()
    logged = len(deployment.access_log.read_text().splitlines())
    for _ in range(20):
        assert get(deployment.proxy + "/v1/terms/rlhf")[0] == 200
    after = served()
    lines = deployment.access_log.read_text().splitlines()[logged:]
    for replica, old, new in zip(deployment.replicas, before, after, strict=True):
        by_nginx = sum(line.startswith(f"127.0.0.1:{replica.port} 200") for line in lines)
        assert new - old == by_nginx > 0  # round robin: each served some


def test_metrics_hold_no_reader_text(deployment: Deployment) -> None:
    proxy = deployment.proxy
    post(proxy + "/v1/annotate", {"segments": [f"RLHF and {MARKER} here."]})
    get(f"{proxy}/v1/search?q={MARKER}")
    get(f"{proxy}/search?q={MARKER}")
    get(f"{proxy}/terms/{MARKER}")
    get(f"{proxy}/{MARKER}?{MARKER}=1")
    for replica in deployment.replicas:
        text = get(replica.url + "/metrics")[1]
        assert value(text, "glossary_annotated_segments_total") >= 0
        assert MARKER.lower() not in text.lower()


def test_forwarded_headers_are_believed_only_from_the_allowed_proxies(tmp_path: Path) -> None:
    rules = DICTIONARIES / "rules"
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    for allowed, scheme in (("127.0.0.1", "https"), ("192.0.2.1", "http")):
        env = {"GLOSSARY_FORWARDED_ALLOW_IPS": allowed}
        with running_backend(rules, log_dir=tmp_path, env=env) as backend:
            request = urllib.request.Request(backend.url + "/v1/terms/rlhf", headers=forwarded)
            with urllib.request.urlopen(request, timeout=10) as response:
                url = json.loads(response.read())["url"]
            assert url.startswith(f"{scheme}://127.0.0.1:"), (allowed, url)
