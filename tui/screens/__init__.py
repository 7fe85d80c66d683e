"""tolk's screens."""
