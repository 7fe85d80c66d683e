"""HTTP connections for urllib whose every wait is short and minds the request's limits: a
deadline for the whole request, the longest silence, and whether its caller gave up.

A socket timeout alone bounds only each wait, and http.client reads through a buffered file
that waits until it has all it asked for: a server sending a byte a second kept a 64 KiB read
(or the headers) going for hours, and a cancelled fetch kept its thread, so the reader could
not quit. Here connecting and reading wait at most `WAIT_SLICE_S` at a time; between waits the
deadline, the silence and the cancellation are checked, and the request ends with
`RequestStopped` when one of them says so.

urllib builds the connection and response objects itself, from classes; the limits of the
request the current thread is making reach them through a context variable (`limited`).
"""

from __future__ import annotations

import errno
import http.client
import io
import os
import selectors
import socket
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["WAIT_SLICE_S", "RequestLimits", "RequestStopped", "limited", "limited_handlers"]

# How long one wait on a socket may last before the limits are looked at again: how late a
# cancelled request notices, at most.
WAIT_SLICE_S = 0.2
_CONNECTING = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN, errno.EALREADY}


class RequestStopped(Exception):
    """The request ran past a limit or was cancelled; the message says which, for the user."""


@dataclass(frozen=True)
class RequestLimits:
    """What one request (its redirects included) may take."""

    deadline_s: float  # for the whole request
    idle_s: float  # the longest wait for the next byte (or for the connection)
    cancelled: Callable[[], bool]
    ends: float  # time.monotonic() at the deadline

    @classmethod
    def starting_now(
        cls, deadline_s: float, idle_s: float, cancelled: Callable[[], bool]
    ) -> RequestLimits:
        """Limits whose deadline counts from now."""
        return cls(deadline_s, idle_s, cancelled, time.monotonic() + deadline_s)

    def next_wait(self, quiet_since: float) -> float:
        """How long the next wait on the socket may last, the last byte (or the start of
        connecting) having come at `quiet_since`; raises RequestStopped when it must not."""
        if self.cancelled():
            raise RequestStopped("cancelled")
        now = time.monotonic()
        if now >= self.ends:
            raise RequestStopped(f"took longer than {self.deadline_s:g} s")
        if now >= quiet_since + self.idle_s:
            raise RequestStopped("timed out")
        return min(WAIT_SLICE_S, self.ends - now, quiet_since + self.idle_s - now)


_LIMITS: ContextVar[RequestLimits] = ContextVar("tolk_request_limits")


@contextmanager
def limited(limits: RequestLimits) -> Iterator[None]:
    """Requests the current thread makes through `limited_handlers` mind `limits`."""
    token = _LIMITS.set(limits)
    try:
        yield
    finally:
        _LIMITS.reset(token)


def limited_handlers() -> list[urllib.request.BaseHandler]:
    """urllib handlers for http and https whose connections mind the current limits (to give
    `urllib.request.build_opener`, which then leaves out its own)."""
    return [_HTTPHandler(), _HTTPSHandler()]


class _LimitedReader(io.RawIOBase):
    """A socket's bytes, read in waits of at most WAIT_SLICE_S that check the limits."""

    def __init__(self, sock: socket.socket, limits: RequestLimits, held: IO[bytes]) -> None:
        super().__init__()
        self._sock = sock
        self._limits = limits
        # The socket's own file, kept open while this reader is: urllib closes its handle on
        # the socket once the headers are in, and the socket lives on only while a file of it
        # is open.
        self._held = held

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        quiet_since = time.monotonic()
        while True:
            self._sock.settimeout(self._limits.next_wait(quiet_since))
            try:
                return self._sock.recv_into(buffer)
            except TimeoutError:
                continue  # nothing came in this slice: look at the limits again

    def close(self) -> None:
        if not self.closed:
            self._held.close()
        super().close()


class _LimitedResponse(http.client.HTTPResponse):
    """A response whose status line, headers and body are read through `_LimitedReader`."""

    def __init__(
        self,
        sock: socket.socket,
        debuglevel: int = 0,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(sock, debuglevel, method, url)
        self.fp = io.BufferedReader(_LimitedReader(sock, _LIMITS.get(), self.fp))


class _HTTPConnection(http.client.HTTPConnection):
    response_class = _LimitedResponse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPSConnection(http.client.HTTPSConnection):
    response_class = _LimitedResponse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req)


def _connect(
    address: tuple[str, int],
    timeout: object = None,
    source_address: tuple[str, int] | None = None,
) -> socket.socket:
    """`socket.create_connection`, waiting for each address in slices that check the limits
    (a host that drops the first packet would otherwise hold a cancelled request for the
    whole timeout). The name lookup itself cannot be interrupted."""
    limits = _LIMITS.get()
    host, port = address
    failure: OSError | None = None
    for family, kind, proto, _name, target in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        sock = socket.socket(family, kind, proto)
        try:
            if source_address is not None:
                sock.bind(source_address)
            _connect_one(sock, target, limits)
        except OSError as error:
            sock.close()
            failure = error
            continue
        except BaseException:
            sock.close()
            raise
        return sock
    raise failure or OSError(f"no address for {host}")


def _connect_one(sock: socket.socket, target: Any, limits: RequestLimits) -> None:
    started = time.monotonic()
    sock.setblocking(False)
    code = sock.connect_ex(target)
    if code in _CONNECTING:
        with selectors.DefaultSelector() as selector:
            selector.register(sock, selectors.EVENT_WRITE)
            while not selector.select(limits.next_wait(started)):
                pass
        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    if code:
        raise OSError(code, os.strerror(code))  # ConnectionRefusedError and its kin
    # Sending the request and a TLS handshake wait on the socket itself, as long as this.
    sock.settimeout(max(0.001, min(limits.idle_s, limits.ends - time.monotonic())))
