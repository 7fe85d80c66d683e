"""How the reader tells that its terminal has gone away (tui.terminal), on a real
pseudo-terminal."""

from __future__ import annotations

import os
import pty

from tui.terminal import hung_up


def test_a_terminal_is_hung_up_once_its_other_end_closes() -> None:
    master, slave = pty.openpty()
    try:
        assert not hung_up(slave)
        os.write(master, b"q")  # keys waiting to be read are not a hang-up
        assert not hung_up(slave)
        os.close(master)
        assert hung_up(slave)
    finally:
        os.close(slave)
