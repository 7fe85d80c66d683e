"""Review in the reader: corrections, marks, notes, alternatives, flags, export."""
