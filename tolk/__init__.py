"""tolk's domain code: articles, the library scan, configuration and paths.

Nothing in this package imports Textual (an import-linter contract checks it); the TUI in `tui/`
and the CLI are glue over it.
"""
