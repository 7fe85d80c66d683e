"""What tolk's SQLite files share: migrations and transactions, the cache database."""
