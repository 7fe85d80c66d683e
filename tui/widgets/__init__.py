"""tolk's widgets; each owns its styles in a .tcss file beside it."""
