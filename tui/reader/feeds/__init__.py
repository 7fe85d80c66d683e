"""Feeds in the reader: fetching (key F), its progress and outcome, new articles into the list;
adding one article by its URL (key +)."""
