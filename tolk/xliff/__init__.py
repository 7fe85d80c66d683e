"""XLIFF 1.2 both ways: the review as a bilingual document CAT tools open (`writing`), and what
a CAT tool changed in it, read back (`reading`) into corrections and review marks (`applying`)."""
