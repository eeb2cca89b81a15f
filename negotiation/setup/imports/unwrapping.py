"""Pasted text whose paragraphs come hard-wrapped (copied from a web page or a PDF, each
printed line a line of its own), joined back into paragraphs before they are recognised.

A line joins the one before it when that one does not end a sentence (no final ".", ";",
":", ",", "!" or "?", nor "; and") and this one does not open a paragraph of its own: a number or a
letter, a participle, a "That ..." item, a formula, a thematic area or the document's
metadata. A blank line always ends a paragraph.
"""

from __future__ import annotations

import re

from negotiation.setup.imports.classifying import (
    METADATA_NOTE,
    classify,
    ends_like_a_paragraph,
    lettered,
    numbered,
)
from negotiation.setup.imports.reading import SourceLine
from negotiation.text.footnotes import shifted

_ENDS_A_SENTENCE = ("!", "?")
# A line in capitals (a title, an organ) is joined only to a line in capitals, and only
# when it is as long as a wrapped line is: two short headings stay two.
_CAPITALS = re.compile(r"^[^a-zà-ÿ]*$")
_WRAPPED_LENGTH = 50


def unwrapped(lines: list[SourceLine]) -> list[SourceLine]:
    """The lines with each hard-wrapped paragraph joined back into one line."""
    out: list[SourceLine] = []
    for line in lines:
        before = out[-1] if out else None
        if before is not None and not before.blank_after and _continues(before, line):
            out[-1] = SourceLine(f"{before.text} {line.text}", before.style, before.list_level,
                                 before.bold, before.footnotes + line.footnotes,
                                 blank_after=line.blank_after, notes=before.notes + shifted(
                                     line.notes, len(before.text) + 1))
        else:
            out.append(line)
    return out


def _continues(before: SourceLine, line: SourceLine) -> bool:
    if before.text.rstrip().endswith(_ENDS_A_SENTENCE) or ends_like_a_paragraph(before.text):
        return False
    (previous,) = classify([before])
    if previous.note.startswith(METADATA_NOTE) or previous.kind == "left_out":
        return False
    if numbered(line.text) or lettered(line.text):
        return False
    if _CAPITALS.match(before.text) or _CAPITALS.match(line.text):
        (alone,) = classify([line])
        return bool(_CAPITALS.match(before.text) and _CAPITALS.match(line.text)
                    and len(before.text) >= _WRAPPED_LENGTH and alone.kind != "left_out"
                    and not alone.note.startswith(METADATA_NOTE))
    if re.match(r"^\d{1,3}[.)]\s", line.text):
        return False
    (alone,) = classify([line])
    # (Alone, any short line would be read as the document's title: that says nothing.)
    opens = alone.kind in ("preambular", "left_out", "area") or \
        alone.note.startswith(METADATA_NOTE)
    # A line beginning in lower case continues a sentence whatever it looks like.
    return not opens or line.text[:1].islower()
