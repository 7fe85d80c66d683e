"""Reading a file of a public corpus where it lies: a checkout's folder or its git directory.

The sentence benchmarks' corpora (UD Norwegian Bokmål, NoReC_fine, NoReC) are never copied into
this repository; a bare git directory (a mirror) is read from its ``HEAD`` without a work tree.
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


def read_checkout_folder(source: Path, folder: str, suffix: str = ".txt") -> dict[str, str]:
    """The texts of the files named ``*suffix`` right under ``folder``, by file name.

    From a checkout folder, or from a git directory's ``HEAD`` in one ``git cat-file --batch``
    (tens of thousands of files: one ``git show`` each would take minutes). Empty when absent.
    """
    if (source / folder).is_dir():
        return {
            path.name: path.read_text(encoding="utf-8")
            for path in sorted((source / folder).glob(f"*{suffix}"))
        }
    if not (source / "HEAD").is_file():
        return {}
    git = ["git", f"--git-dir={source}"]
    listing = subprocess.run(
        [*git, "ls-tree", "HEAD", f"{folder.rstrip('/')}/"],
        capture_output=True,
        check=False,
        text=True,
    )
    blobs = []  # (object id, file name)
    for line in listing.stdout.splitlines():
        meta, _, path = line.partition("\t")
        _, kind, oid = meta.split()
        name = path.rsplit("/", 1)[-1]
        if kind == "blob" and name.endswith(suffix):
            blobs.append((oid, name))
    if not blobs:
        return {}
    batch = subprocess.run(
        [*git, "cat-file", "--batch"],
        input="".join(f"{oid}\n" for oid, _ in blobs).encode(),
        capture_output=True,
        check=True,
    ).stdout
    out, pos = {}, 0
    for _, name in blobs:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        out[name] = batch[header_end + 1 : header_end + 1 + size].decode("utf-8")
        pos = header_end + 1 + size + 1  # the content, then a newline
    return out
