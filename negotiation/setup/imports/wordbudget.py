"""What reading a Word file may cost, checked on what the file actually holds before
python-docx builds anything from it.

A .docx is a zip: its directory declares each part's size, and a hostile file lies (a 1 MB
file declaring 5,000 bytes that inflate to a gigabyte). So every part is inflated here as a
stream, a chunk at a time, counting the bytes that come out and stopping at the cap, whatever
the headers say. Then the body (word/document.xml) is parsed as a stream too, each paragraph
freed once counted, against a paragraph budget, a text budget and a time budget: a small file
within every size limit can still hold millions of empty paragraphs, each of which
python-docx would make into objects.
"""

from __future__ import annotations

import time
import zipfile
from io import BytesIO

from lxml import etree

from negotiation.errors import InvalidSubmission

#: What the file may unpack to, counted as inflated: a zip far larger inside than outside is
#: a zip bomb.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
#: The body alone: a whole omnibus resolution's is one or two megabytes.
MAX_BODY_BYTES = 16 * 1024 * 1024
#: Paragraphs, empty ones included: the longest omnibus resolution has a few hundred.
MAX_PARAGRAPHS = 20_000
#: Characters of text in the whole body (the same cap as pasted text).
MAX_TEXT_CHARACTERS = 400_000
#: Seconds the reading may take, all told.
TIME_BUDGET_SECONDS = 5.0

BODY = "word/document.xml"
_CHUNK = 64 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_word_budget(data: bytes, name: str) -> None:
    """Refuse the file (InvalidSubmission, saying which limit and what it is) when reading it
    would cost more than the budgets allow; return when python-docx may read it."""
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if BODY not in archive.namelist():
                raise InvalidSubmission("%(name)s is not a Word document (.docx).", name=name)
            unpacked = 0
            for info in archive.infolist():
                if info.filename == BODY:
                    continue
                unpacked += _inflated_size(archive, info, MAX_UNPACKED_BYTES - unpacked,
                                           name, deadline)
            with archive.open(BODY) as body:
                _check_body(body, MAX_UNPACKED_BYTES - unpacked, name, deadline)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            OSError) as exc:
        # A wrong CRC (a part longer than declared is cut at the declared size), an unknown
        # compression, a truncated stream: all a damaged file to the chair.
        raise InvalidSubmission("%(name)s is damaged: it cannot be opened as a .docx.",
                                name=name) from exc


def _too_large(name: str) -> InvalidSubmission:
    return InvalidSubmission("%(name)s unpacks to more than %(megabytes)s MB: it is not "
                             "imported.", name=name,
                             megabytes=MAX_UNPACKED_BYTES // (1024 * 1024))


def _too_slow(name: str, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise InvalidSubmission(
            "%(name)s takes too long to read (more than %(seconds)s seconds): it is not "
            "imported. Save the draft alone in a new document and import that.",
            name=name, seconds=format(TIME_BUDGET_SECONDS, "g"))


def _inflated_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, name: str,
                   deadline: float) -> int:
    """The bytes a part really inflates to, read a chunk at a time and never past ``room``."""
    size = 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            size += len(chunk)
            if size > room:
                raise _too_large(name)
            _too_slow(name, deadline)
    return size


def _check_body(body: zipfile.ZipExtFile, room: int, name: str, deadline: float) -> None:
    """Stream the body through a parser, counting its paragraphs and text as they end."""
    parser = etree.XMLPullParser(events=("end",), tag=(f"{_W}p", f"{_W}t"),
                                 resolve_entities=False, no_network=True, huge_tree=False)
    size = paragraphs = characters = 0
    cap = min(room, MAX_BODY_BYTES)
    while chunk := body.read(_CHUNK):
        size += len(chunk)
        if size > cap:
            if cap < MAX_BODY_BYTES:
                raise _too_large(name)
            raise InvalidSubmission(
                "%(name)s's text and layout take more than %(megabytes)s MB: it is not "
                "imported. Save the draft alone in a new document and import that.",
                name=name, megabytes=MAX_BODY_BYTES // (1024 * 1024))
        try:
            parser.feed(chunk)
        except etree.XMLSyntaxError as exc:
            raise InvalidSubmission("%(name)s is damaged: it cannot be read as a .docx.",
                                    name=name) from exc
        for _event, element in parser.read_events():
            if element.tag == f"{_W}t":
                characters += len(element.text or "")
            else:
                paragraphs += 1
                element.clear(keep_tail=False)  # counted: its memory goes back at once
        if paragraphs > MAX_PARAGRAPHS or characters > MAX_TEXT_CHARACTERS:
            raise InvalidSubmission(
                "%(name)s holds more than %(paragraphs)s paragraphs (empty ones included) or "
                "%(characters)s characters of text; a draft is imported from a document within "
                "both limits. It is not imported: save the draft alone in a new document and "
                "import that.", name=name, paragraphs=format(MAX_PARAGRAPHS, ","),
                characters=format(MAX_TEXT_CHARACTERS, ","))

        _too_slow(name, deadline)


FOOTNOTES = "word/footnotes.xml"
#: The footnotes part: a resolution's notes take a few kilobytes.
MAX_FOOTNOTES_BYTES = 2 * 1024 * 1024
#: Notes in one document (the longest UN resolutions have a few hundred).
MAX_FOOTNOTES = 2000
#: Characters of text in all the notes together.
MAX_FOOTNOTE_CHARACTERS = 200_000


def read_word_footnotes(data: bytes, name: str) -> dict[str, str]:
    """Word's own footnotes, ``{id: the note's text}``, read as a stream under hard caps
    (bytes, notes, characters, time); a part that is malformed or too large is refused like
    a bad body. The separators Word keeps among the notes are no notes."""
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    notes: dict[str, str] = {}
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if FOOTNOTES not in archive.namelist():
                return notes
            with archive.open(FOOTNOTES) as part:
                _read_notes(part, notes, name, deadline)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            OSError) as exc:
        raise InvalidSubmission("%(name)s is damaged: it cannot be opened as a .docx.",
                                name=name) from exc
    return notes


def _read_notes(part: zipfile.ZipExtFile, notes: dict[str, str], name: str,
                deadline: float) -> None:
    parser = etree.XMLPullParser(events=("end",), tag=(f"{_W}footnote",),
                                 resolve_entities=False, no_network=True, huge_tree=False)
    size = characters = 0
    while chunk := part.read(_CHUNK):
        size += len(chunk)
        if size > MAX_FOOTNOTES_BYTES:
            raise _footnotes_too_large(name)
        try:
            parser.feed(chunk)
        except etree.XMLSyntaxError as exc:
            raise _footnotes_damaged(name) from exc
        for _event, element in parser.read_events():
            if element.get(f"{_W}type") in (None, "normal"):
                paragraphs = [" ".join("".join(t.text or "" for t in p.iter(f"{_W}t")).split())
                              for p in element.iter(f"{_W}p")]
                text = " ".join(p for p in paragraphs if p)
                characters += len(text)
                notes[element.get(f"{_W}id", "")] = text
            element.clear(keep_tail=False)
        if len(notes) > MAX_FOOTNOTES or characters > MAX_FOOTNOTE_CHARACTERS:
            raise _footnotes_too_large(name)
        _too_slow(name, deadline)
    try:
        parser.close()
    except etree.XMLSyntaxError as exc:
        raise _footnotes_damaged(name) from exc


def _footnotes_damaged(name: str) -> InvalidSubmission:
    return InvalidSubmission("The footnotes of %(name)s are damaged: they cannot be read. "
                             "Save the document again in Word (or copy the draft into a new "
                             "document) and import that.", name=name)


def _footnotes_too_large(name: str) -> InvalidSubmission:
    return InvalidSubmission(
        "The footnotes of %(name)s are too large (more than %(notes)s notes, %(characters)s "
        "characters or %(megabytes)s MB): the document is not imported.", name=name,
        notes=format(MAX_FOOTNOTES, ","), characters=format(MAX_FOOTNOTE_CHARACTERS, ","),
        megabytes=MAX_FOOTNOTES_BYTES // (1024 * 1024))
