"""Text as the documents can carry it, whatever the database holds.

XML 1.0 (so Word's files) has no place for most control characters, for U+FFFE and U+FFFF, nor
for a lone surrogate, and one such character in one comment made every Word and PDF document
of a negotiation fail. The documents show the rest of the text unchanged: a vertical tab or
form feed (what a word processor pastes for a line or page break) as a space, anything else
as U+FFFD, the replacement character, so a reader sees that something was there.
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = frozenset("\x0b\x0c")


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _AS_SPACE else "\ufffd"


def printable(text: str) -> str:
    """``text`` with every character a document cannot carry replaced (see the module)."""
    if text.isprintable():  # most texts, checked at C speed; the rest by the expression
        return text
    return _UNPRINTABLE.sub(_replacement, text)
