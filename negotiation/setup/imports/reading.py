"""Reading the chair's draft out of a Word file (.docx) or pasted text, into lines.

Everything a file can do wrong is refused here, before anything is classified or saved,
with a message the chair can act on: not a Word file, an old .doc, a password-protected
document, an empty one, one too large or too costly to read (negotiation.setup.imports.wordbudget),
or text with characters that are not text.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from negotiation.errors import InvalidSubmission, Term
from negotiation.setup.imports.wordbudget import check_word_budget, read_word_footnotes
from negotiation.text.footnotes import MAX_NOTE_LENGTH, Footnote
from negotiation.text.languages import N_

#: A whole omnibus resolution in Word is well under 1 MB; 5 MB leaves room for a logo.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARACTERS = 400_000
MAX_LINES = 3000

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, or an encrypted .docx
# Invisible characters Word leaves behind; they are dropped, not refused.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# A footnote marker: a number, or the asterisks and daggers some texts use.
_FOOTNOTE_MARK = re.compile(r"\d{1,3}|[*\u2020\u2021]{1,3}")
# Superscript digits as text (pasted from a web page or a PDF): "2015-2030³".
_SUPERSCRIPTS = re.compile(r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
# Where a marker was: a space between two words, nothing before punctuation.
GAP = "\u0000"
# A marker's place in a line: a gap a Word run left, or superscript digits typed.
_MARKS = re.compile(f"{GAP}|{_SUPERSCRIPTS.pattern}")
_DIGITS = str.maketrans("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079",
                        "1230456789")
# A note of the list at the end of pasted text: "¹ See A/RES/70/1."
_NOTE_LINE = re.compile(r"^\s*([\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|[*\u2020\u2021]{1,3})"
                        r"\s*(\S.*)$")


@dataclass(frozen=True)
class Marker:
    """A footnote marker found in a line: its label ("1", "*"), and the note's text when
    Word holds it (a real footnote); a typed marker finds its note in the list at the end."""

    label: str
    text: str | None = None


@dataclass(frozen=True)
class SourceLine:
    """One paragraph as read: its text, its Word style, and its list level when Word
    numbers it itself (automatic numbering is not part of the text)."""

    text: str
    style: str = ""
    list_level: int | None = None
    #: Every run in bold: a title typed in the normal style.
    bold: bool = False
    #: Superscript footnote markers set aside from the text (a footnote is no paragraph).
    footnotes: int = 0
    #: A blank line follows it in pasted text: its paragraph ends there.
    blank_after: bool = False
    #: The footnotes found for its markers (the marker's place in the text and the note).
    notes: tuple[Footnote, ...] = ()
    #: While reading: the markers in order (each a gap in the text until placed).
    markers: tuple[Marker, ...] = ()
    #: While reading: the label of the note this line is ("¹ See A/RES/70/1."), or "".
    note_label: str = ""


def refuse_empty_or_too_big(data: bytes, name: str) -> None:
    """Refuse an empty upload, or one larger than any draft's file, before it is opened."""
    if not data:
        raise InvalidSubmission("%(name)s is empty.", name=name)
    if len(data) > MAX_FILE_BYTES:
        raise InvalidSubmission(
            "%(name)s is %(megabytes)s MB; a draft is imported from a file of at most "
            "%(largest)s MB.", name=name, megabytes=len(data) // (1024 * 1024),
            largest=MAX_FILE_BYTES // (1024 * 1024))


#: What a refusal calls a file that came without a name (translated with it).
THE_FILE = Term(N_("the file"))


def read_docx(data: bytes, name: str = THE_FILE) -> list[SourceLine]:
    """The paragraphs of a .docx file, in order, or a refusal saying what is wrong."""
    refuse_empty_or_too_big(data, name)
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InvalidSubmission(
                "%(name)s is protected by a password. Save a copy without the password "
                "(File > Info > Protect Document) and import that copy.", name=name)
        raise InvalidSubmission(
            "%(name)s is an old Word document (.doc). Save it as a Word document (.docx) and "
            "import that.", name=name)
    if not data.startswith(_ZIP):
        raise InvalidSubmission("%(name)s is not a Word document (.docx).", name=name)
    # What the file really holds, inflated and parsed as streams under hard caps, before
    # python-docx builds a tree of it: its headers may lie.
    check_word_budget(data, name)
    try:
        document = Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError,
            zipfile.BadZipFile) as exc:
        raise InvalidSubmission("%(name)s is damaged: it cannot be read as a .docx.",
                                name=name) from exc
    # Word's own footnotes, read under the same hard budgets as the body.
    notes = read_word_footnotes(data, name)
    lines = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        text, bold, markers, label = _runs(paragraph._p, notes)
        lines.append(SourceLine(text, style or "", _list_level(paragraph), bold,
                                len(markers), markers=markers, note_label=label))
    return _checked(lines, name)


def _runs(p: object, notes: dict[str, str]
          ) -> tuple[str, bool, tuple[Marker, ...], str]:
    """A paragraph's text with a gap for each footnote marker ("of 1961¹" is "of 1961", not
    "of 19611"), whether all its text is bold, the markers (Word's footnote references with
    their notes, superscript numbers typed), and the label when the paragraph is a note of a
    typed list ("¹ See ..."). Runs inside hyperlinks and fields count as python-docx's own
    text does."""
    parts: list[str] = []
    markers: list[Marker] = []
    bold, label = True, ""
    for run in p.iter(qn("w:r")):  # type: ignore[attr-defined]
        reference = run.find(qn("w:footnoteReference"))
        if reference is not None:
            note = notes.get(reference.get(qn("w:id"), ""), "")
            markers.append(Marker(str(len(markers) + 1), note))
            parts.append(GAP)
            continue
        text = run.text or ""
        if not text:
            continue
        properties = run.rPr
        align = properties.find(qn("w:vertAlign")) if properties is not None else None
        if align is not None and align.get(qn("w:val")) == "superscript" and \
                _FOOTNOTE_MARK.fullmatch(text.strip()):
            if not "".join(parts).strip() and not markers:
                label = text.strip()  # the paragraph opens with it: a note of the list
                continue
            markers.append(Marker(text.strip()))
            parts.append(GAP)  # never glued to the words around it
            continue
        if text.strip():
            weight = properties.find(qn("w:b")) if properties is not None else None
            bold = bold and weight is not None and weight.get(qn("w:val"), "true") not in (
                "0", "false")
        parts.append(text)
    joined = "".join(parts)
    return joined, bold and bool(joined.replace(GAP, "").strip()), tuple(markers), label


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
        raise InvalidSubmission("The pasted text is longer than %(count)s characters; import "
                                "the Word file instead.", count=MAX_TEXT_CHARACTERS)
    raw = (text or "").splitlines()
    return _checked([SourceLine(line, blank_after=index + 1 < len(raw)
                                and not raw[index + 1].strip())
                     for index, line in enumerate(raw)], Term(N_("The pasted text")))


def placed_markers(text: str) -> tuple[str, list[int]]:
    """The text with each marker's gap closed up, and where each marker stands: right after
    the word it follows; a space between two words ("resolution¹ and"), nothing where
    punctuation or a space follows ("2015-2030³,"). Linear in the text's length, whatever
    the number of markers."""
    out: list[str] = []
    places: list[int] = []
    length = last_word = 0  # characters written, and the end of the last non-space one
    end = len(text)
    for index, character in enumerate(text):
        if character != GAP:
            out.append(character)
            length += 1
            if not character.isspace():
                last_word = length
            continue
        places.append(last_word)
        following = index + 1
        while following < end and text[following] == GAP:
            following += 1
        after = text[following] if following < end else ""
        if out and out[-1].isalnum() and after.isalnum():
            out.append(" ")
            length += 1
    joined = "".join(out)
    collapsed = " ".join(joined.split())
    if collapsed != joined:  # spaces closed up: each place counted in the collapsed text
        boundary, count, pending = [0], 0, False
        for character in joined:
            if character.isspace():
                pending = True
            else:
                count += 1 + (1 if pending and count else 0)
                pending = False
            boundary.append(count)
        places = [boundary[at] for at in places]
    return collapsed, places


def _set_aside(text: str, read: tuple[Marker, ...]) -> tuple[str, tuple[Marker, ...]]:
    """Superscript digits typed as characters, each a gap in the text and a marker, among
    the markers already read from Word's runs (each already a gap): all of them in the
    order they stand in the text, which is the order their places are found in."""
    if not _SUPERSCRIPTS.search(text):
        return text, read
    from_runs = iter(read)
    markers: list[Marker] = []
    for found in _MARKS.finditer(text):
        markers.append(next(from_runs) if found.group() == GAP
                       else Marker(found.group().translate(_DIGITS)))
    markers.extend(from_runs)  # none left over: each run's marker is one gap
    return _SUPERSCRIPTS.sub(GAP, text), tuple(markers)


def _with_notes(lines: list[SourceLine]) -> list[SourceLine]:
    """The lines without the notes list, each marker given its note: Word's own, or the
    note of the list whose label it bears (the first unused one). A marker whose note is
    nowhere stays set aside, as before footnotes were kept."""
    listed: dict[str, list[str]] = {}
    for line in lines:
        if line.note_label:
            listed.setdefault(line.note_label.translate(_DIGITS), []).append(
                line.text[:MAX_NOTE_LENGTH])
    out: list[SourceLine] = []
    for line in lines:
        if line.note_label:
            continue
        notes = []
        for marker, at in zip(line.markers, _marker_places(line), strict=False):
            text = marker.text if marker.text is not None else (
                listed[marker.label].pop(0) if listed.get(marker.label) else "")
            text = " ".join(text.split())[:MAX_NOTE_LENGTH]
            if text:
                notes.append(Footnote(at, text))
        out.append(SourceLine(line.text, line.style, line.list_level, line.bold,
                              line.footnotes, line.blank_after, tuple(notes)))
    return out


def _marker_places(line: SourceLine) -> list[int]:
    return [n.at for n in line.notes]


def _checked(lines: list[SourceLine], name: str) -> list[SourceLine]:
    """Lines cleaned of invisible marks and blank lines; odd characters refused by line."""
    kept: list[SourceLine] = []
    for number, line in enumerate(lines, start=1):
        text = unicodedata.normalize("NFC", line.text)
        text = "".join(c for c in text if c not in _INVISIBLE)
        # Word's soft line breaks and tabs inside a paragraph read as spaces.
        text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
        odd = sorted({c for c in text if _odd(c) and not (c == GAP and line.markers)})
        if odd:
            shown = ", ".join(f"U+{ord(c):04X}" for c in odd[:5])
            raise InvalidSubmission(
                "%(name)s: paragraph %(number)s contains characters that are not text "
                "(%(shown)s). Remove them (or paste the text into a new document) and import "
                "again.", name=name, number=number, shown=shown)
        label = line.note_label
        listed = _NOTE_LINE.match(text) if not line.markers else None
        if listed:  # "¹ See A/RES/70/1.": a note of the list at the end
            label, text = listed.group(1), listed.group(2)
        text, markers = _set_aside(text, line.markers) if not label else (text, line.markers)
        text, places = placed_markers(" ".join(text.split()) if not markers else text)
        if text:
            kept.append(SourceLine(
                text, line.style, line.list_level, line.bold, len(markers), line.blank_after,
                tuple(Footnote(at, "") for at in places), markers, label))
    kept = _with_notes(kept)
    if not kept:
        raise InvalidSubmission("%(name)s has no text to import.", name=name)
    if len(kept) > MAX_LINES:
        raise InvalidSubmission("%(name)s has %(count)s paragraphs; a draft is imported with "
                                "at most %(largest)s.", name=name, count=len(kept),
                                largest=MAX_LINES)

    return kept


def _odd(character: str) -> bool:
    category = unicodedata.category(character)
    # Control characters, unpaired surrogates, private-use glyphs (symbol fonts) and
    # non-characters have no place in a resolution.
    return category in ("Cc", "Cs", "Co", "Cn")
