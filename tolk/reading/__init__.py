"""The open article: what the reader shows of it, what counts as its English, look counts."""
