"""Translation in the reader: the model, the open article's translation, installs."""
