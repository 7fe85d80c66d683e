"""Bookmarks and reading state in the reader: the user store, the position, the bookmark keys."""
