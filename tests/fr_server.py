"""A local stand-in for the Federal Register API: answers only the routes a test sets."""

from __future__ import annotations

import contextlib
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar


class Recorded(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}  # path -> status, type, body
    seen: ClassVar[list[str]] = []

    def do_GET(self):
        self.seen.append(self.path)
        route = urllib.parse.urlsplit(self.path).path
        status, ctype, body = self.routes.get(route, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def federal_register_api(monkeypatch) -> Iterator[tuple[str, type[Recorded]]]:
    """A server on a free local port, with EOLENS_FR_API pointing at it: (base URL, handler)."""
    handler = type("Handler", (Recorded,), {"routes": {}, "seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    monkeypatch.setenv("EOLENS_FR_API", base + "/api/v1")
    try:
        yield base, handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
