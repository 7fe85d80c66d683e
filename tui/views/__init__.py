"""Plain data the screen hands down to widgets (what a paragraph or a list row shows)."""
