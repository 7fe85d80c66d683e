"""Whether a page can be opened in the user's browser from here, and opening it without holding
up the screen.

Over SSH there is no display to open a browser on: Python's `webbrowser` would then find none,
or start a text browser (lynx, w3m) on the very terminal the reader draws on. So in a terminal,
a browser is opened only where one can show: a graphical session (DISPLAY, WAYLAND_DISPLAY),
macOS or Windows, or a browser the user named in $BROWSER. Served in a web page (`tolk serve`),
the page opens in the user's own browser, wherever it runs.
"""

from __future__ import annotations

import sys
import threading
import webbrowser
from collections.abc import Mapping

from textual.app import App

# Browser processes, each a short-lived thread: `webbrowser` waits for some commands to end.
_OPENING = "open-in-browser"


def browser_here(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether a browser can show a page to the user of this terminal."""
    if environ.get("BROWSER"):
        return True
    if platform == "darwin" or platform.startswith("win"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def open_in_browser(app: App[object], url: str, environ: Mapping[str, str]) -> bool:
    """Open `url` in the user's browser; False (and nothing done) where none can show it."""
    if app.is_web:
        app.open_url(url)  # the web page opens it, in the browser it runs in
        return True
    if not browser_here(environ):
        return False
    threading.Thread(target=webbrowser.open, args=(url,), name=_OPENING, daemon=True).start()
    return True
