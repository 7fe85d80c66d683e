"""`python -m tui` runs tolk, same as the `tolk` command."""

from tolk.cli import main

raise SystemExit(main())
