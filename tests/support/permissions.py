"""Running a command as file modes bind it: what a user who does not own a file meets.

Tests run as root, and root reads and writes any file whatever its mode (the kernel's
CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH). `setpriv` (util-linux) drops both from the bounding
set of the command it starts, so a folder of mode 000 or 0555 refuses that command exactly as
it refuses a user: the real PermissionError, or SQLite's real "readonly database". For anyone
but root, modes bind already and nothing is put in front.
"""

from __future__ import annotations

import os

__all__ = ["AS_A_USER"]

AS_A_USER: list[str] = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
)
