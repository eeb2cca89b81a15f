"""Real Word footnotes: the footnotes part (word/footnotes.xml), its relationship and its
content type, written into a finished .docx; python-docx has no footnote API.

The body refers to a note with a run holding ``<w:footnoteReference w:id="N"/>``
(:func:`reference_run`); Word and LibreOffice number the notes themselves, in the order of
the references, and print each at the foot of the page its reference falls on. Notes -1 and
0 are the separators Word expects before any note of its own.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from io import BytesIO
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_PART = "word/footnotes.xml"
_REL_TYPE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
_CONTENT_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                 "footnotes+xml")
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote>')
_SUPERSCRIPT = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
# Characters XML 1.0 cannot hold (user text is checked on the way in; this is the last guard).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def reference_run(note_id: int) -> str:
    """The body's run that places note ``note_id`` (numbered from 1) where it stands."""
    return f'<w:r>{_SUPERSCRIPT}<w:footnoteReference w:id="{note_id}"/></w:r>'


def note_xml(note_id: int, text: str) -> str:
    """One note: its number as Word prints it, then its text, in a smaller size."""
    words = escape(_NOT_XML.sub("", text))
    return (f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
            f'<w:t xml:space="preserve"> {words}</w:t></w:r></w:p></w:footnote>')


def footnotes_part(notes: Sequence[str]) -> bytes:
    """The whole footnotes part for notes 1..n, in order."""
    body = "".join(note_xml(index, text) for index, text in enumerate(notes, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{W_NS}">{_SEPARATORS}{body}</w:footnotes>').encode()


def with_footnotes(docx: bytes, notes: Sequence[str]) -> bytes:
    """The .docx with its footnotes part (notes 1..n, referred to from the body by
    :func:`reference_run`), its relationship and content type added; unchanged without
    notes."""
    if not notes:
        return docx
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(docx)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == FOOTNOTES_PART:
                continue
            if info.filename == "[Content_Types].xml" and _CONTENT_TYPE.encode() not in data:
                data = data.replace(b"</Types>", (
                    f'<Override PartName="/{FOOTNOTES_PART}" ContentType="{_CONTENT_TYPE}"/>'
                    "</Types>").encode())
            elif info.filename == "word/_rels/document.xml.rels" and \
                    _REL_TYPE.encode() not in data:
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdFootnotes" Type="{_REL_TYPE}" '
                    'Target="footnotes.xml"/></Relationships>').encode())
            target.writestr(info, data)
        target.writestr(FOOTNOTES_PART, footnotes_part(notes))
    return out.getvalue()
