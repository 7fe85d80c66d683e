"""QA checks on a sentence pair: numbers, names, terminology, length and more."""
