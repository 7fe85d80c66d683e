"""Full-text search over the library: the index, queries, snippets."""
