"""`python -m tui` on a pseudo-terminal, as a user runs it: keys in, the bytes it writes out."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.conftest import SEEDS

STARTUP_LIMIT_S = 60  # catches a hang; startup takes a few seconds


class Terminal:
    """`python -m tui` on a pseudo-terminal of a given size, its output collected."""

    def __init__(self, env: dict[str, str], size: tuple[int, int], library: Path = SEEDS) -> None:
        self.master, slave = pty.openpty()
        self._set_size(slave, size)
        self.output = bytearray()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", str(library)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)

    @staticmethod
    def _set_size(fd: int, size: tuple[int, int]) -> None:
        width, height = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))

    def resize(self, size: tuple[int, int]) -> None:
        self._set_size(self.master, size)
        self.process.send_signal(signal.SIGWINCH)

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def read(self, seconds: float) -> int:
        """Collect output for `seconds`; how many bytes came."""
        start = len(self.output)
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            # poll, not select: past 1,024 open files (a long test run) select cannot wait.
            poller = select.poll()
            poller.register(self.master, select.POLLIN)
            ready = poller.poll(min(left, 0.05) * 1000)
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:  # the process has gone, and the pty with it
                    break
                if not data:
                    break
                self.output.extend(data)
        return len(self.output) - start

    def read_until(self, wanted: bytes, limit: float = STARTUP_LIMIT_S) -> None:
        end = time.monotonic() + limit
        while wanted not in self.output:
            assert self.process.poll() is None, self.tail()
            assert time.monotonic() < end, f"{wanted!r} never came: {self.tail()}"
            self.read(0.1)

    def settle(self, quiet: float, limit: float = 30) -> None:
        """Read until the app has written nothing for `quiet` seconds."""
        end = time.monotonic() + limit
        while self.read(quiet):
            assert time.monotonic() < end, "the app never went quiet"

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self) -> int:
        self.send(b"q")
        end = time.monotonic() + 30
        while self.process.poll() is None and time.monotonic() < end:
            self.read(0.1)
        self.read(0.2)
        return self.process.wait(timeout=5)

    def tail(self) -> str:
        return bytes(self.output[-2000:]).decode("utf-8", "replace")

    def hang_up(self) -> None:
        """Close the terminal under the app, as a terminal window closing or an SSH connection
        dropping does (the app has no controlling terminal here, so no SIGHUP comes: as under
        `nohup`)."""
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.master >= 0:
            os.close(self.master)
