"""The glossary in the reader: the open article's terms, and their marks in the Norwegian."""
