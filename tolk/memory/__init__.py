"""The translation memory: units read from TMX/JSON files, and their SQLite database."""
