"""The reader's features, one collaborator each: translation, keywords and search, bookmarks
and reading state, review. Each holds its feature's state, makes the jobs the screen runs in
workers (results come back as messages) and answers questions the screen asks; none touches a
widget or another feature."""
