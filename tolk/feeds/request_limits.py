"""HTTP connections for urllib3 whose every wait is short and minds the request's limits: a
deadline for the whole request, the longest silence, and whether its caller gave up.

A socket timeout alone bounds only each wait, and http.client reads through a buffered file
that waits until it has all it asked for: a server sending a byte a second kept a 64 KiB read
(or the headers) going for hours, and a cancelled fetch kept its thread, so the reader could
not quit. Here connecting and reading wait at most `WAIT_SLICE_S` at a time; between waits the
deadline, the silence and the cancellation are checked, and the request ends with
`RequestStopped` when one of them says so. urllib3 lets that exception through as it is (it
wraps only socket and HTTP errors) and drops the connection it came from.

urllib3 builds the connections (and http.client the response objects) itself, from classes;
the limits of the request the current thread is making reach them through a context variable
(`limited`). A connection kept alive in a pool serves each later request under that request's
limits: they are looked up when its response is read, not when the connection was made.
"""

from __future__ import annotations

import errno
import http.client
import io
import os
import selectors
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import urllib3
import urllib3.connection

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["LIMITED_POOLS", "WAIT_SLICE_S", "RequestLimits", "RequestStopped", "limited"]

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
    """Requests the current thread makes through `LIMITED_POOLS` mind `limits`."""
    token = _LIMITS.set(limits)
    try:
        yield
    finally:
        _LIMITS.reset(token)


class _LimitedReader(io.RawIOBase):
    """A socket's bytes, read in waits of at most WAIT_SLICE_S that check the limits."""

    def __init__(self, sock: socket.socket, limits: RequestLimits, held: IO[bytes]) -> None:
        super().__init__()
        self._sock = sock
        self._limits = limits
        # The file http.client made of the socket, closed with this reader: a socket that is
        # closed is closed for real only once every file made of it is.
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
            # The response is over; a connection kept alive sends its next request with a
            # plain timeout, not the last slice of this one.
            with suppress(OSError):
                self._sock.settimeout(self._limits.idle_s)
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


class _HTTPConnection(urllib3.connection.HTTPConnection):
    response_class = _LimitedResponse

    def _new_conn(self) -> socket.socket:
        return _connect((self._dns_host, self.port), self.source_address, self.socket_options)


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    response_class = _LimitedResponse

    def _new_conn(self) -> socket.socket:
        return _connect((self._dns_host, self.port), self.source_address, self.socket_options)


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


# For a PoolManager's `pool_classes_by_scheme`: pools whose connections mind the limits of the
# request being made (`limited`).
LIMITED_POOLS: dict[str, type[urllib3.HTTPConnectionPool]] = {
    "http": _HTTPPool,
    "https": _HTTPSPool,
}


def _connect(
    address: tuple[str, int],
    source_address: tuple[str, int] | None = None,
    options: Sequence[tuple[int, int, int | bytes]] | None = None,
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
            for option in options or ():
                sock.setsockopt(*option)
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
