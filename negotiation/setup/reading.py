"""Reading the chair's draft out of a Word file (.docx) or pasted text, into lines.

Everything a file can do wrong is refused here, before anything is classified or saved,
with a message the chair can act on: not a Word file, an old .doc, a password-protected
document, an empty one, one too large or too costly to read (negotiation.setup.wordbudget),
or text with characters that are not text.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from negotiation.errors import InvalidSubmission
from negotiation.setup.wordbudget import check_word_budget

#: A whole omnibus resolution in Word is well under 1 MB; 5 MB leaves room for a logo.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARACTERS = 400_000
MAX_LINES = 3000

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, or an encrypted .docx
# Invisible characters Word leaves behind; they are dropped, not refused.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


@dataclass(frozen=True)
class SourceLine:
    """One paragraph as read: its text, its Word style, and its list level when Word
    numbers it itself (automatic numbering is not part of the text)."""

    text: str
    style: str = ""
    list_level: int | None = None


def read_docx(data: bytes, name: str = "the file") -> list[SourceLine]:
    """The paragraphs of a .docx file, in order, or a refusal saying what is wrong."""
    if not data:
        raise InvalidSubmission(f"{name} is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise InvalidSubmission(
            f"{name} is {len(data) // (1024 * 1024)} MB; a draft is imported from a file of "
            f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InvalidSubmission(
                f"{name} is protected by a password. Save a copy without the password "
                "(File > Info > Protect Document) and import that copy.")
        raise InvalidSubmission(
            f"{name} is an old Word document (.doc). Save it as a Word document (.docx) "
            "and import that.")
    if not data.startswith(_ZIP):
        raise InvalidSubmission(f"{name} is not a Word document (.docx).")
    # What the file really holds, inflated and parsed as streams under hard caps, before
    # python-docx builds a tree of it: its headers may lie.
    check_word_budget(data, name)
    try:
        document = Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError,
            zipfile.BadZipFile) as exc:
        raise InvalidSubmission(f"{name} is damaged: it cannot be read as a .docx.") from exc
    lines = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        lines.append(SourceLine(paragraph.text, style or "", _list_level(paragraph)))
    return _checked(lines, name)


def _list_level(paragraph: object) -> int | None:
    """The level of Word's own numbering (0: "1.", 1: "a)"), set on the paragraph or by a
    list style ("List Number", "List Number 2")."""
    properties = paragraph._p.pPr  # type: ignore[attr-defined]
    numbering = properties.numPr if properties is not None else None
    if numbering is not None and numbering.numId is not None:
        level = numbering.ilvl
        return int(level.val) if level is not None else 0
    style = paragraph.style.name if paragraph.style is not None else ""  # type: ignore[attr-defined]
    if style.startswith("List Number"):
        return 0 if style == "List Number" else 1
    return None


def read_text(text: str) -> list[SourceLine]:
    """The lines of pasted text, or a refusal saying what is wrong."""
    if len(text or "") > MAX_TEXT_CHARACTERS:
        raise InvalidSubmission(f"The pasted text is longer than {MAX_TEXT_CHARACTERS} "
                                "characters; import the Word file instead.")
    return _checked([SourceLine(line) for line in (text or "").splitlines()], "The pasted text")


def _checked(lines: list[SourceLine], name: str) -> list[SourceLine]:
    """Lines cleaned of invisible marks and blank lines; odd characters refused by line."""
    kept: list[SourceLine] = []
    for number, line in enumerate(lines, start=1):
        text = unicodedata.normalize("NFC", line.text)
        text = "".join(c for c in text if c not in _INVISIBLE)
        # Word's soft line breaks and tabs inside a paragraph read as spaces.
        text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
        odd = sorted({c for c in text if _odd(c)})
        if odd:
            shown = ", ".join(f"U+{ord(c):04X}" for c in odd[:5])
            raise InvalidSubmission(
                f"{name}: paragraph {number} contains characters that are not text ({shown}). "
                "Remove them (or paste the text into a new document) and import again.")
        text = " ".join(text.split())
        if text:
            kept.append(SourceLine(text, line.style, line.list_level))
    if not kept:
        raise InvalidSubmission(f"{name} has no text to import.")
    if len(kept) > MAX_LINES:
        raise InvalidSubmission(f"{name} has {len(kept)} paragraphs; a draft is imported "
                                f"with at most {MAX_LINES}.")
    return kept


def _odd(character: str) -> bool:
    category = unicodedata.category(character)
    # Control characters, unpaired surrogates, private-use glyphs (symbol fonts) and
    # non-characters have no place in a resolution.
    return category in ("Cc", "Cs", "Co", "Cn")
