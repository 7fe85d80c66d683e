"""The dictionary at the word cursor: `d` explains the Norwegian word under it."""
