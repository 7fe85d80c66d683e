"""The vocabulary: save the word under the cursor, mark it known, the words screen, and the
open article's share of new words (in the header and the list)."""
