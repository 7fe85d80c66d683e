"""A loopback HTTP server for the feed tests: pages the tests write, served from memory on
127.0.0.1, with every request recorded (path and headers) so tests can check manners."""

from __future__ import annotations

import gzip
import http.server
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answered with 304 when the client sends it back
    wait: threading.Event | None = None  # answer only once this is set (a slow server)
    arrived: threading.Event = field(default_factory=threading.Event)  # set on each request
    compress: str | None = None  # "gzip" or "deflate": so sent when the request accepts it


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    port: int = 0  # the client's: one port, one connection
    sent_encoding: str | None = None  # the Content-Encoding the answer was sent in


def compressed(body: bytes, encoding: str) -> bytes:
    """`body` in a Content-Encoding: gzip, or deflate (a zlib stream, as HTTP means it)."""
    return gzip.compress(body) if encoding == "gzip" else zlib.compress(body)


class FeedServer:
    """Routes by path; `base` is the server's URL (ends with /)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def add(self, path: str, body: bytes | str, **kwargs: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes["/" + path.lstrip("/")] = Route(data, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def paths_requested(self) -> list[str]:
        return [request.path for request in self.requests]


def _handler(server: FeedServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            request = Request(self.path, dict(self.headers.items()), self.client_address[1])
            server.requests.append(request)
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            route.arrived.set()
            if route.wait is not None:
                route.wait.wait()
            if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.end_headers()
                return
            body = route.body
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            accepted = self.headers.get("Accept-Encoding", "").replace(" ", "").split(",")
            if route.compress is not None and route.compress in accepted:
                body = compressed(body, route.compress)
                self.send_header("Content-Encoding", route.compress)
                request.sent_encoding = route.compress
            self.send_header("Content-Length", str(len(body)))
            if route.etag is not None:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    return Handler


@contextmanager
def serve_feeds(*, keep_alive: bool = False) -> Iterator[FeedServer]:
    """Start a FeedServer on a free loopback port; stops it (releasing slow routes) after.
    `keep_alive`: HTTP/1.1, a connection kept open for the next request (else HTTP/1.0)."""
    feeds = FeedServer()
    handler = _handler(feeds)
    if keep_alive:
        handler.protocol_version = "HTTP/1.1"
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    feeds.base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield feeds
    finally:
        for route in feeds.routes.values():
            if route.wait is not None:
                route.wait.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()
