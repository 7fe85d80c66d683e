"""Why the dictionary cannot be used, in words the user can act on."""

from __future__ import annotations


class DictionaryError(Exception):
    """The dictionary is missing or damaged; the message is one line naming the file and the
    remedy. Everything else in tolk keeps working without lookups."""
