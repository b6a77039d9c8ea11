"""A counting proxy on 127.0.0.1: it forwards every request to a backend and records what
was sent (method, path, body), so a test can count the bytes a page sent the backend."""

from __future__ import annotations

import contextlib
import http.client
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Hop-by-hop headers, and those the proxy sets itself.
_NOT_FORWARDED = {"host", "connection", "keep-alive", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class Sent:
    method: str
    path: str
    body: bytes

    @property
    def body_bytes(self) -> int:
        return len(self.body)


@dataclass
class CountingProxy:
    url: str
    sent: list[Sent] = field(default_factory=list)
    # A status (429, say) to answer every POST with, instead of forwarding it; 0: forward.
    refuse: int = 0

    def to(self, path: str) -> list[Sent]:
        """What was sent to one path ("/v1/annotate"), in order."""
        return [each for each in list(self.sent) if each.path.split("?")[0] == path]

    def bytes_to(self, path: str) -> int:
        return sum(each.body_bytes for each in self.to(path))


@contextlib.contextmanager
def counting_proxy(backend_url: str) -> Iterator[CountingProxy]:
    target = urlsplit(backend_url)
    proxy = CountingProxy("")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            proxy.sent.append(Sent(self.command, self.path, body))
            if proxy.refuse and self.command == "POST":
                self._refuse(proxy.refuse)
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _NOT_FORWARDED}
            connection = http.client.HTTPConnection(target.netloc, timeout=30)
            try:
                connection.request(self.command, self.path, body or None, headers)
                reply = connection.getresponse()
                content = reply.read()
                self.send_response(reply.status, reply.reason)
                for name, value in reply.getheaders():
                    if name.lower() not in _NOT_FORWARDED:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
            finally:
                connection.close()

        def _refuse(self, status: int) -> None:
            content = b'{"error": {"code": "refused", "message": "refused by the test"}}'
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_OPTIONS = _forward

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()
