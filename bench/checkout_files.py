"""Reading a file of a public corpus where it lies: a checkout's folder or its git directory.

The sentence benchmarks' corpora (UD Norwegian Bokmål, NoReC_fine) are never copied into this
repository; a bare git directory (a mirror) is read from its ``HEAD`` without a work tree.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def read_checkout_file(source: Path, name: str) -> str | None:
    """The text of ``name`` in a checkout folder or a git directory; None when absent."""
    if (source / name).is_file():
        return (source / name).read_text(encoding="utf-8")
    if (source / "HEAD").is_file():  # a bare git directory
        done = subprocess.run(
            ["git", f"--git-dir={source}", "show", f"HEAD:{name}"],
            capture_output=True,
            check=False,
        )
        if done.returncode == 0 and done.stdout:
            return done.stdout.decode("utf-8")
    return None
