"""Keyword matching (stems, compounds, phrases) and hit counts across the library."""
