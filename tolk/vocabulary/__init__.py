"""The reader's vocabulary: the words a learner saved (with their lemma, sentence and source),
which of them are known, each opened article's share of words not yet known, and exports of
the words for Anki (a text file with Anki's header lines), as CSV and as JSON.

No UI: the reader and `tolk words` both use it. The lemma of a word form comes from a function
the caller passes in (the dictionary's, when it is installed); without one a word's lemma is
the word form itself, lower-cased.
"""
