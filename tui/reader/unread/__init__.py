"""Read and unread: mark an article read or unread from the list, mark all read, undo that."""
