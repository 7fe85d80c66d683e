"""A careful HTTP client for feeds and article pages: the only network use besides models.

It asks for http(s) only (also after a redirect), follows few redirects, names tolk in its
User-Agent, sends ETag/Last-Modified validators when it has them, gives up after a silence
(`timeout`) and after a deadline for the whole request however slowly the bytes come, stops
soon after its caller cancels, reads no more than a size cap of *decoded* bytes, and makes one
request at a time to any one host.

urllib3 carries the requests: compressed answers (gzip and deflate; brotli and zstd only where
their decoders are installed), connections kept alive between requests to one host, and the
proxies the environment names (`https_proxy`, `no_proxy`…, as urllib read them). Its own
redirects and retries are off: tolk follows redirects itself, so that each target is checked
and the deadline spans them all.
"""

from __future__ import annotations

import email.message
import errno
import http.client
import logging
import socket
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata

import urllib3
import urllib3.exceptions
from urllib3.util.request import ACCEPT_ENCODING

from tolk.feeds.request_limits import LIMITED_POOLS, RequestLimits, RequestStopped, limited

__all__ = ["MAX_REDIRECTS", "USER_AGENT", "FetchError", "WebClient", "WebResponse", "is_web_url"]

# urllib3 logs odd headers and full pools at WARNING; without a handler Python would print
# them on stderr. tolk reports what matters itself.
logging.getLogger("urllib3").addHandler(logging.NullHandler())
logging.getLogger("urllib3").propagate = False


def _version() -> str:
    try:
        return metadata.version("tolk")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"tolk/{_version()} (terminal news reader; fetches when its user asks)"
# Decoded bytes asked for at a time: urllib3 inflates no more than this per read, so a
# compressed bomb costs a chunk of memory, not its decoded size, before the cap stops it.
_CHUNK = 64 * 1024
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
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
    body: bytes  # decoded: what the server compressed comes out as it was before
    content_type: str | None = None  # the media type, lower case
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def is_web_url(url: str) -> bool:
    """True for an http(s) URL with a host."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


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
        self._direct = _pool_manager(timeout)
        self._proxied: dict[str, urllib3.ProxyManager] = {}
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
        headers = {
            "User-Agent": self.user_agent,
            "Accept": accept,
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._host_lock(url):
            return self._get(url, headers, max_bytes)

    def close(self) -> None:
        """Close the connections kept alive (the client can still be used after)."""
        self._direct.clear()
        with self._lock:
            for manager in self._proxied.values():
                manager.clear()

    def _host_lock(self, url: str) -> threading.Lock:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _get(self, url: str, headers: Mapping[str, str], max_bytes: int) -> WebResponse:
        limits = RequestLimits.starting_now(self.deadline, self.timeout, self.cancelled)
        try:
            with limited(limits):
                return self._follow(url, headers, max_bytes)
        except FetchError:
            raise
        except RequestStopped as error:
            raise FetchError(str(error)) from None
        except urllib3.exceptions.DecodeError as error:
            raise FetchError(f"its compressed body could not be decoded ({error})") from None
        except urllib3.exceptions.LocationValueError as error:
            raise FetchError(f"bad URL ({error})", permanent=True) from None
        except urllib3.exceptions.TimeoutError:
            raise FetchError("timed out") from None
        except (urllib3.exceptions.HTTPError, OSError, http.client.HTTPException) as error:
            raise _network_error(_innermost(error)) from None
        except ValueError as error:
            raise _network_error(error) from None

    def _follow(self, url: str, headers: Mapping[str, str], max_bytes: int) -> WebResponse:
        """GET `url`, following at most MAX_REDIRECTS redirects, each only to http(s)."""
        status = 0
        for _ in range(MAX_REDIRECTS + 1):
            response = self._manager(url).urlopen(
                "GET", url, headers=dict(headers), redirect=False, preload_content=False
            )
            try:
                status = response.status
                if status in _REDIRECTS:
                    url = _redirect_target(url, response)
                    continue
                if status == 304:
                    return _response(url, response, b"", not_modified=True)
                if status >= 300:
                    raise _http_error(status, response.reason)
                return _response(url, response, _read(response, max_bytes))
            finally:
                # Whatever was not read to its end: the connection is closed, not reused.
                response.close()
                response.release_conn()
        raise FetchError(f"too many redirects (HTTP {status})", permanent=True)

    def _manager(self, url: str) -> urllib3.PoolManager:
        """The pools for `url`: through the proxy the environment names for it, if any."""
        parts = urllib.parse.urlsplit(url)
        proxy = urllib.request.getproxies().get(parts.scheme.lower())
        if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
            return self._direct
        with self._lock:
            if proxy not in self._proxied:
                try:
                    self._proxied[proxy] = _proxy_manager(proxy, self.timeout)
                except (urllib3.exceptions.HTTPError, ValueError) as error:
                    raise FetchError(f"cannot use the proxy {proxy} ({error})") from None
            return self._proxied[proxy]


def _pool_manager(timeout: float) -> urllib3.PoolManager:
    manager = urllib3.PoolManager(
        num_pools=16, maxsize=1, block=False, retries=False, timeout=_timeouts(timeout)
    )
    manager.pool_classes_by_scheme = LIMITED_POOLS
    return manager


def _proxy_manager(proxy: str, timeout: float) -> urllib3.ProxyManager:
    manager = urllib3.ProxyManager(
        proxy, num_pools=16, maxsize=1, block=False, retries=False, timeout=_timeouts(timeout)
    )
    manager.pool_classes_by_scheme = LIMITED_POOLS
    return manager


def _timeouts(timeout: float) -> urllib3.Timeout:
    # What sending a request may wait on the socket; connecting and reading wait in the short
    # slices of tolk.feeds.request_limits instead.
    return urllib3.Timeout(connect=timeout, read=timeout)


def _redirect_target(url: str, response: urllib3.BaseHTTPResponse) -> str:
    location = response.headers.get("Location")
    if not location:
        answer = f"HTTP {response.status} {response.reason or ''}".rstrip()
        raise FetchError(f"{answer} without a Location", permanent=True)
    target = urllib.parse.urljoin(url, location.strip())
    if not is_web_url(target):
        raise FetchError(f"redirected to a URL that is not http(s): {target}", permanent=True)
    return target


def _read(response: urllib3.BaseHTTPResponse, max_bytes: int) -> bytes:
    """The body, decoded, refused once it is over `max_bytes` decoded."""
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    compressed = encoding not in ("", "identity")
    length = response.headers.get("Content-Length", "")
    # A Content-Length counts the bytes sent: only for an uncompressed body is it the size.
    if not compressed and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"larger than {_size(max_bytes)} ({_size(int(length))})", permanent=True)
    chunks: list[bytes] = []
    total = 0
    # Each read waits in short slices that mind the deadline (tolk.feeds.request_limits).
    while chunk := response.read(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            where = f" decompressed ({encoding})" if compressed else ""
            raise FetchError(f"larger than {_size(max_bytes)}{where}", permanent=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _response(
    url: str, response: urllib3.BaseHTTPResponse, body: bytes, *, not_modified: bool = False
) -> WebResponse:
    headers = response.headers
    content_type = charset = None
    if headers.get("Content-Type"):
        parsed = email.message.Message()
        parsed["Content-Type"] = headers["Content-Type"]
        content_type, charset = parsed.get_content_type(), parsed.get_content_charset()
    return WebResponse(
        url=url,
        body=body,
        content_type=content_type,
        charset=charset,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        not_modified=not_modified,
    )


def _http_error(status: int, reason: str | None) -> FetchError:
    if 300 <= status < 400:  # 300, 305…: nowhere tolk would go
        return FetchError(f"HTTP {status} {reason or ''}".rstrip(), permanent=True)
    # 408 and 429 say "later"; other 4xx say "not here" (404, 410 gone, 403 refused).
    permanent = 400 <= status < 500 and status not in (408, 429)
    return FetchError(f"HTTP {status} {reason or ''}".rstrip(), permanent=permanent)


def _innermost(error: BaseException) -> BaseException:
    """The socket or TLS error inside urllib3's wrappers ("Connection aborted.", error)."""
    for _ in range(5):
        if not isinstance(error, urllib3.exceptions.HTTPError):
            break
        inner = next((a for a in error.args if isinstance(a, BaseException)), None)
        if inner is None:
            break
        error = inner
    return error


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
