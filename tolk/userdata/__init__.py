"""The user's own data: bookmarks, reading state and review work, in one SQLite store."""
