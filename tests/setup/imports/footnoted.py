"""Word files with real footnotes (the notes in word/footnotes.xml, referred to from the
body), as Word writes them, and typed with superscript markers and a notes list."""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.oxml import parse_xml

from negotiation.documents.word.notes import W_NS, reference_run, with_footnotes

#: A note in a line: "[[See A/RES/70/1.]]" stands where Word's reference is.
_NOTE = re.compile(r"\[\[(.+?)\]\]")


def footnoted_docx(lines: list[tuple[str, str]]) -> bytes:
    """A Word file of (style, text) lines whose "[[note]]" are real Word footnotes."""
    document = Document()
    notes: list[str] = []
    for style, text in lines:
        paragraph = document.add_paragraph(style=style or None)
        start = 0
        for found in _NOTE.finditer(text):
            paragraph.add_run(text[start:found.start()])
            notes.append(found.group(1))
            paragraph._p.append(parse_xml(
                reference_run(len(notes)).replace("<w:r>", f'<w:r xmlns:w="{W_NS}">', 1)))
            start = found.end()
        paragraph.add_run(text[start:])
    out = BytesIO()
    document.save(out)
    return with_footnotes(out.getvalue(), notes)


def typed_docx(lines: list[tuple[str, str]]) -> bytes:
    """The same with each "[[note]]" a superscript number typed in the text, and the notes
    listed at the end, each opening with its superscript number."""
    document = Document()
    notes: list[str] = []
    for style, text in lines:
        paragraph = document.add_paragraph(style=style or None)
        start = 0
        for found in _NOTE.finditer(text):
            paragraph.add_run(text[start:found.start()])
            notes.append(found.group(1))
            paragraph.add_run(str(len(notes))).font.superscript = True
            start = found.end()
        paragraph.add_run(text[start:])
    for number, note in enumerate(notes, start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(str(number)).font.superscript = True
        paragraph.add_run(f" {note}")
    out = BytesIO()
    document.save(out)
    return out.getvalue()
