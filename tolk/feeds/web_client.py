"""A careful HTTP client for feeds and article pages: the only network use besides models.

It asks for http(s) only (also after a redirect), follows few redirects, names tolk in its
User-Agent, sends ETag/Last-Modified validators when it has them, gives up after a silence
(`timeout`) and after a deadline for the whole request however slowly the bytes come, stops
soon after its caller cancels, reads no more than a size cap, and makes one request at a time to
any one host.
"""

from __future__ import annotations

import errno
import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from importlib import metadata
from typing import IO

from tolk.feeds.request_limits import RequestLimits, RequestStopped, limited, limited_handlers

__all__ = ["MAX_REDIRECTS", "USER_AGENT", "FetchError", "WebClient", "WebResponse", "is_web_url"]


def _version() -> str:
    try:
        return metadata.version("tolk")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"tolk/{_version()} (terminal news reader; fetches when its user asks)"
_CHUNK = 64 * 1024
MAX_REDIRECTS = 5
# Errors that mean this machine has no network at all, rather than that one server is away.
_OFFLINE_ERRNOS = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}
_OFFLINE_GAI = {socket.EAI_AGAIN, getattr(socket, "EAI_NODATA", socket.EAI_AGAIN)}


class FetchError(Exception):
    """A request failed; the message says why, in words.

    `permanent`: asking again will not help (404, an oversized page, a `file:` link).
    `offline`: the machine seems to have no network (no DNS, network unreachable)."""

    def __init__(self, reason: str, *, permanent: bool = False, offline: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent
        self.offline = offline


@dataclass(frozen=True)
class WebResponse:
    """A successful answer (or a 304, `not_modified`, with an empty body)."""

    url: str  # after redirects
    body: bytes
    content_type: str | None = None  # the media type, lower case
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def is_web_url(url: str) -> bool:
    """True for an http(s) URL with a host."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s)."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
    ) -> object:
        # urllib would refuse a file: target too, but as a "redirect error"; say what it was.
        location = headers.get("Location") or headers.get("URI") or ""
        target = urllib.parse.urljoin(req.full_url, location)
        if location and not is_web_url(target):
            raise FetchError(f"redirected to a URL that is not http(s): {target}", permanent=True)
        return super().http_error_302(req, fp, code, msg, headers)  # type: ignore[arg-type]

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class WebClient:
    """GET with good manners. Thread-safe; requests to one host wait for each other.

    `timeout`: the longest wait for a connection or for the next byte; `deadline`: the most a
    whole request (its redirects included) may take; once `cancelled` says so, a request ends
    within a fraction of a second (`RequestLimits`), failing with "cancelled"."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        deadline: float = 60.0,
        user_agent: str = USER_AGENT,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.timeout = timeout
        self.deadline = deadline
        self.user_agent = user_agent
        self.cancelled = cancelled
        self._opener = urllib.request.build_opener(_RedirectHandler(), *limited_handlers())
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def get(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> WebResponse:
        """Fetch `url`; raises FetchError. With validators, a 304 is `not_modified`."""
        if not is_web_url(url):
            raise FetchError(f"not an http(s) URL: {url}", permanent=True)
        headers = {"User-Agent": self.user_agent, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        with self._host_lock(url):
            return self._get(request, max_bytes)

    def _host_lock(self, url: str) -> threading.Lock:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _get(self, request: urllib.request.Request, max_bytes: int) -> WebResponse:
        limits = RequestLimits.starting_now(self.deadline, self.timeout, self.cancelled)
        try:
            with limited(limits), self._opener.open(request, timeout=self.timeout) as response:
                body = self._read(response, max_bytes)
                return _response(response.geturl(), response.headers, body)
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return _response(request.full_url, error.headers, b"", not_modified=True)
            raise _http_error(error) from None
        except FetchError:
            raise
        except RequestStopped as error:
            raise FetchError(str(error)) from None
        except urllib.error.URLError as error:
            raise _network_error(error.reason) from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise _network_error(error) from None

    def _read(self, response: http.client.HTTPResponse, max_bytes: int) -> bytes:
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(
                f"larger than {_size(max_bytes)} ({_size(int(length))})", permanent=True
            )
        chunks: list[bytes] = []
        total = 0
        # Each read waits in short slices that mind the deadline (tolk.feeds.request_limits).
        while chunk := response.read(_CHUNK):
            total += len(chunk)
            if total > max_bytes:
                raise FetchError(f"larger than {_size(max_bytes)}", permanent=True)
            chunks.append(chunk)
        return b"".join(chunks)


def _response(
    url: str, headers: Message, body: bytes, *, not_modified: bool = False
) -> WebResponse:
    content_type = headers.get_content_type() if headers.get("Content-Type") else None
    charset = headers.get_content_charset()
    return WebResponse(
        url=url,
        body=body,
        content_type=content_type,
        charset=charset,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        not_modified=not_modified,
    )


def _http_error(error: urllib.error.HTTPError) -> FetchError:
    if 300 <= error.code < 400:
        return FetchError(f"too many redirects (HTTP {error.code})", permanent=True)
    # 408 and 429 say "later"; other 4xx say "not here" (404, 410 gone, 403 refused).
    permanent = 400 <= error.code < 500 and error.code not in (408, 429)
    return FetchError(f"HTTP {error.code} {error.reason}".rstrip(), permanent=permanent)


def _network_error(reason: object) -> FetchError:
    if isinstance(reason, TimeoutError | socket.timeout):
        return FetchError("timed out")
    if isinstance(reason, socket.gaierror):
        offline = reason.errno in _OFFLINE_GAI
        return FetchError(f"cannot resolve the host ({reason.strerror})", offline=offline)
    if isinstance(reason, ConnectionRefusedError):
        return FetchError("connection refused (is the server down?)")
    if isinstance(reason, OSError):
        offline = reason.errno in _OFFLINE_ERRNOS
        return FetchError(reason.strerror or str(reason) or type(reason).__name__, offline=offline)
    if isinstance(reason, ValueError):
        return FetchError(f"bad URL ({reason})", permanent=True)
    text = str(reason).splitlines()[0] if str(reason) else type(reason).__name__
    return FetchError(text)


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"
