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
#: The ASCII characters a document carries as they are.
_ASCII_KEPT = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _AS_SPACE else "\ufffd"


def is_printable(text: str) -> bool:
    """Whether a document carries ``text`` as it is (:func:`printable` leaves it alone).

    Checked at C speed, not by the expression: an ASCII text as its bytes, with every byte
    a document carries deleted (four times as fast as ``str.isprintable``, which looks up
    every character's Unicode category: a big committee's file checks megabytes); any
    other text by ``str.isprintable``, the expression looking again only where that finds
    a character it would not print (a tab, a line break, a no-break space)."""
    if text.isascii():
        return not text.encode().translate(None, _ASCII_KEPT)
    return text.isprintable() or not _UNPRINTABLE.search(text)


def printable(text: str) -> str:
    """``text`` with every character a document cannot carry replaced (see the module)."""
    if is_printable(text):
        return text
    return _UNPRINTABLE.sub(_replacement, text)
