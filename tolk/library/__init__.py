"""The article library: the article format, finding files, the library index and scan."""
