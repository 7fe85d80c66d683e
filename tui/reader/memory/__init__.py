"""The translation memory in the reader: the open article's exact matches."""
