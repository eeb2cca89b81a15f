"""What a person may send as text: every text the domain stores passes through here first.

Texts end up in the database, on pages, in Word files (XML) and in PDFs. Some characters can
live in none of them, or change what a reader sees without being seen themselves:

- C0 control characters other than tab and line feed (NUL, vertical tab, form feed, escape
  ...), DEL and the C1 controls: XML 1.0 forbids most of them, PostgreSQL refuses NUL, and a
  printed text has nothing to show for any of them;
- noncharacters (U+FDD0..U+FDEF, and U+xFFFE/U+xFFFF in every plane) and lone surrogates:
  they are not text, and XML forbids them;
- the bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069):
  invisible, they make a text *display* differently from what it *says* ("Trojan source"),
  so the chair could read one thing on screen and approve another. The negotiation's four
  languages (English, Spanish, French, Portuguese) are all written left to right and never
  need them. They are refused, not stripped: stripping would change what a delegation sent
  without telling it, and a refusal names the place so the person can remove it knowingly.
  The plain direction marks (U+200E, U+200F, U+061C) reorder nothing and stay allowed.

Each is refused with a message naming its line and column. What changes nothing a reader
can see is normalised instead: line ends become line feeds (CRLF and lone CR), and the text
is put into Unicode NFC (an "é" typed as "e" plus a combining accent becomes one "é").

Lengths are checked against the column that will hold the text (:func:`column_limit`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from negotiation.errors import InvalidSubmission, Term
from negotiation.text.languages import N_

#: A text column without its own length (SQL ``TEXT``) holds at most this many characters:
#: a paragraph of the resolution, a comment or a note is never longer.
LONG_TEXT_LIMIT = 6000

_BIDI_CONTROLS = {
    0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting",
    0x202D: "left-to-right override",
    0x202E: "right-to-left override",
    0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate",
    0x2068: "first strong isolate",
    0x2069: "pop directional isolate",
}
_CONTROL_NAMES = {
    0x00: "null character", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab",
    0x0C: "form feed", 0x1B: "escape", 0x7F: "delete",
}


def _character_class(one_line: bool) -> re.Pattern[str]:
    ranges = [(0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0xFDD0, 0xFDEF),
              (0x202A, 0x202E), (0x2066, 0x2069)]
    ranges += [(plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)]
    if one_line:
        ranges += [(0x09, 0x0A)]
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


_REFUSED = {False: _character_class(False), True: _character_class(True)}


def column_limit(column: Any) -> int:
    """How many characters a mapped column holds (``Model.attribute``): its String length,
    or :data:`LONG_TEXT_LIMIT` for an unbounded text column."""
    length = getattr(column.property.columns[0].type, "length", None)
    return int(length) if length else LONG_TEXT_LIMIT


def refused_character(char: str) -> Term | None:
    """Why this character cannot be in a text (None when it can), as a phrase of the
    catalogs (the characters' Unicode names stay as Unicode gives them)."""
    code = ord(char)
    if (code < 0x20 and char not in "\t\n") or 0x7F <= code <= 0x9F:
        return Term(N_("a control character (%(name)s)"),
                    name=_CONTROL_NAMES.get(code, "invisible"))
    if 0xD800 <= code <= 0xDFFF:
        return Term(N_("a lone surrogate (half of a character)"))
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return Term(N_("a noncharacter"))
    if code in _BIDI_CONTROLS:
        return Term(N_("an invisible direction control (%(name)s)"), name=_BIDI_CONTROLS[code])
    return None


def _where(text: str, index: int) -> Term:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    if "\n" in text:
        return Term(N_("line %(line)s, column %(column)s"), line=line, column=column)
    return Term(N_("character %(index)s"), index=index + 1)


def checked_text(
    value: str | None,
    what: str,
    *,
    limit: int,
    required: bool = False,
    one_line: bool = False,
    refusal: Callable[..., Exception] = InvalidSubmission,
) -> str:
    """The text as it will be stored: line ends unified, trimmed, in NFC.

    Raises :class:`InvalidSubmission` (or what ``refusal`` makes of the message and its
    parameters), naming ``what`` ("The comment", marked ``N_`` by the caller: it is
    translated with the refusal) and the place, for a character no document can hold, a
    line break in a one-line field, an empty required text or one longer than ``limit``
    characters.
    """
    subject = what if isinstance(what, Term) else Term(what)
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    found = _REFUSED[one_line].search(text)
    if found is not None:
        char, index = found.group(), found.start()
        problem = refused_character(char) or (
            Term(N_("a line break (this field is one line)")) if char == "\n"
            else Term(N_("a tab (this field is one line)")))
        raise refusal(
            N_("%(what)s contains %(problem)s, U+%(code)s, at %(where)s. Remove it and send "
               "again."),
            what=subject, problem=problem, code=format(ord(char), "04X"),
            where=_where(text, index),
        )
    text = unicodedata.normalize("NFC", text.strip())
    if required and not text:
        raise refusal(N_("%(what)s is empty."), what=subject)
    if len(text) > limit:
        raise refusal(N_("%(what)s is %(length)s characters long; the limit is %(limit)s."),
                      what=subject, length=format(len(text), ","), limit=format(limit, ","))
    return text
