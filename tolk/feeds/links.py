"""Which URLs tolk asks for: http(s) with a host, a port that is a number, no spaces or control
characters. Anything else is said in words, once, without repeating the URL (the line that
reports it names the URL already)."""

from __future__ import annotations

import urllib.parse

__all__ = ["url_problem"]


def url_problem(url: str) -> str | None:
    """Why tolk will not ask for `url`; None when it will."""
    if not url.strip():
        return "no URL"
    if any(char.isspace() or not char.isprintable() for char in url):
        return "not a valid URL (it has spaces or control characters)"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number 0-65535
    except ValueError as error:
        return f"not a valid URL ({error})"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) URL"
    if not parts.hostname:
        return "not a valid URL (it names no host)"
    return None
