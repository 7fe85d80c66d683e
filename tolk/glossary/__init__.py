"""Glossaries: nb→en terms read from OmegaT, tab- or comma-separated and TBX files into their
own SQLite database, for the `terminology` check and the reader's marks."""
