"""A loopback HTTP server that answers one byte at a time, for the tests of fetch deadlines.

`headers`: the status line comes at once, then a header line one byte per `every` seconds and
never ends. `body`: the headers come at once (a feed of 1 MB is announced), then the body one
byte per `every` seconds. Either way bytes keep coming, so no wait for the next byte is ever
long: only a deadline for the whole response ends the request. The server drips for at most
`for_at_most` seconds a connection and stops when its block ends, so a client that never gives up
fails its test instead of hanging it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Literal

Part = Literal["headers", "body"]


@dataclass
class DripServer:
    """`url` is the one path it serves; `arrived` is set once a request has come in."""

    url: str
    arrived: threading.Event = field(default_factory=threading.Event)


@contextmanager
def serve_drip(
    part: Part, *, every: float = 0.25, for_at_most: float = 120.0
) -> Iterator[DripServer]:
    """Start a dripping server on a free loopback port; stops it (and every drip) after."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    server = DripServer(f"http://127.0.0.1:{listener.getsockname()[1]}/feed.rss")
    stop = threading.Event()

    def drip(connection: socket.socket) -> None:
        with connection, suppress(OSError):
            connection.settimeout(5)
            request = b""
            while b"\r\n\r\n" not in request:
                data = connection.recv(4096)
                if not data:
                    return
                request += data
            server.arrived.set()
            if part == "headers":
                connection.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            else:
                connection.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                    b"Content-Length: 1000000\r\n\r\n"
                )
            for _ in range(int(for_at_most / every)):
                if stop.wait(every):
                    return
                connection.sendall(b"x")

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=drip, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join()
        listener.close()
