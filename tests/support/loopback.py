"""A loopback HTTP server with an Argos-style package index, for install tests (no network)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_index(archive: Path, folder: Path) -> Iterator[str]:
    """Serve `archive` and an index.json linking to it from `folder`; yields the base URL
    (what ARGOS_PACKAGE_INDEX is set to)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(archive, folder / archive.name)
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    entries = [
        {
            "code": "translate-nb_en",
            "type": "translate",
            "package_version": "1.9",
            "from_code": "nb",
            "from_name": "Norwegian",
            "to_code": "en",
            "to_name": "English",
            "links": [base + archive.name],
        },
        {
            "code": "translate-en_de",
            "package_version": "1.0",
            "from_code": "en",
            "from_name": "English",
            "to_code": "de",
            "to_name": "German",
            "links": [base + "missing.argosmodel"],
        },
        "not an entry",
    ]
    (folder / "index.json").write_text(json.dumps(entries))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_loopback_port() -> int:
    """A loopback port nothing listens on (for the no-network case)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
