"""What leaves the reader for the user's own machine: text copied to their clipboard through the
terminal, the article's source page opened in their browser."""
