"""Modal screens that take what they show and answer with a value; none imports the reader."""
