"""Keywords and search in the reader: highlights, hits across the library, the search index."""
