"""News from feeds: HTTP, feed parsing, page extraction, saving items, the feeds database."""
