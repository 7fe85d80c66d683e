"""The library in the reader: the scan, reading the article opened, the sidebar's ⚑ counts."""
