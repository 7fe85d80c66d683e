"""The glossary in the reader: the open article's terms, marked in the Norwegian."""
