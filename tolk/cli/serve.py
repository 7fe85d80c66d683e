"""`tolk --serve`: the reader in a browser, over HTTP on localhost (textual-serve), each tab
running its own `tolk`.

The page asks nothing of the outside world: textual-serve's page links a web font from Google's
servers, so tolk serves that page without the link (the terminal falls back to the browser's
monospace font). Only installing a model and fetching feeds use the network.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from tolk import paths

# A <link> to a stylesheet on another host (textual-serve's web font).
_OUTSIDE_LINK = re.compile(r"<link\b[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*>\s*", re.DOTALL)


def serve_reader(roots: list[str], port: int) -> int:
    """Serve the reader on localhost:`port` until interrupted."""
    from textual_serve.server import Server

    command = shlex.join([sys.executable, "-m", "tui", *roots])
    print(f"tolk: serving the reader at http://localhost:{port} (ctrl+c stops)", file=sys.stderr)
    try:
        templates = offline_templates(paths.cache_dir() / "serve-templates")
    except OSError:  # no usable cache dir: a folder of this run's own
        import tempfile

        templates = offline_templates(Path(tempfile.mkdtemp(prefix="tolk-serve-")))
    Server(command, host="localhost", port=port, title="tolk", templates_path=templates).serve()
    return 0


def offline_templates(folder: Path) -> Path:
    """textual-serve's page templates, written to `folder` without links to other hosts (made
    from the installed textual-serve each time, so an upgrade's page is the one served)."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    for template in source.glob("*.html"):
        page = _OUTSIDE_LINK.sub("", template.read_text(encoding="utf-8"))
        (folder / template.name).write_text(page, encoding="utf-8")
    return folder
