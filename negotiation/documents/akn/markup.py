"""The text of an Akoma Ntoso file, escaped and indented as lxml writes it, and the FRBR
metadata every document and amendment in it carries."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from negotiation.documents.akn.statement import COUNTRY, DOCUMENT_NAME, MEDIA_TYPE
from negotiation.documents.printable import is_printable, printable

# The file is written as text, not built as a tree: an element object per node cost about
# 7 µs each, twenty times what serialising the same tree costs, and a big committee's file
# has a hundred thousand of them (most in the amendments' FRBR metadata). The text is what
# lxml's pretty printer writes for that tree, byte for byte (the tests compare the two).

PAD = tuple("\n" + "  " * depth for depth in range(16))
#: The ASCII characters element content carries as they are: the printable ones but for
#: the markup's own, a tab, a line feed (a carriage return is written as a reference).
_AS_IS = bytes(sorted(set(range(0x20, 0x7F)) - set(b"&<>"))) + b"\t\n"


def as_is(value: str) -> bool:
    """Whether element content is written as it is, nothing in it replaced or escaped:
    most texts, which are ASCII, are found so in one pass over their bytes."""
    return value.isascii() and not value.encode().translate(None, _AS_IS)


def escaped(value: str) -> str:
    """Element content escaped as lxml escapes it (a carriage return kept as a reference,
    which a parser would otherwise read as a line feed)."""
    if value.isascii() and not value.encode().translate(None, _AS_IS):  # as_is, inline
        return value
    if not is_printable(value):
        value = printable(value)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


# Names, labels and headings come back on every amendment: each escaped once per file.
@lru_cache(maxsize=4096)
def escaped_name(value: str) -> str:
    return escaped(value)


@lru_cache(maxsize=4096)
def escaped_attribute(value: str) -> str:
    """An attribute's value escaped as lxml escapes it (white space other than the space as
    references, which a parser would otherwise read as spaces)."""
    value = escaped(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    for white, reference in (("\n", "&#10;"), ("\t", "&#9;")):
        if white in value:
            value = value.replace(white, reference)
    return value


def element(depth: int, tag: str, text: str, attributes: str = "") -> str:
    """An element holding only its (escaped) text, on a line of its own; empty, it is still
    written open and closed, as lxml writes an element whose text is set."""
    return f"{PAD[depth]}<{tag}{attributes}>{text}</{tag}>"


def identification(depth: int, work: str, expression: str, work_date: date, issued: date,
                    language: str, revision_number: int | None, translation: str = "") -> str:
    """The FRBR block of a document at ``depth`` (its ``meta``'s), ``meta`` left open;
    ``translation`` is the expression's ``FRBRtranslation``, when it is one."""
    inner, leaf = PAD[depth + 2], PAD[depth + 3]
    parts = [f'{PAD[depth]}<meta>{PAD[depth + 1]}<identification source="#secretariat">']
    for level, this, uri, when in (
        ("FRBRWork", f"{work}/!main", work, work_date),
        ("FRBRExpression", f"{expression}/!main", expression, issued),
        ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", issued),
    ):
        parts.append(
            f'{inner}<{level}>{leaf}<FRBRthis value="{this}"/>{leaf}<FRBRuri value="{uri}"/>'
            f'{leaf}<FRBRdate date="{when.isoformat()}" '
            f'name="{"circulation" if level == "FRBRWork" else "version"}"/>'
            f'{leaf}<FRBRauthor href="#committee" as="#author"/>')
        if level == "FRBRWork":
            parts.append(f'{leaf}<FRBRcountry value="{COUNTRY}"/>'
                         f'{leaf}<FRBRname value="{DOCUMENT_NAME}"/>')
        elif level == "FRBRExpression":
            if revision_number is not None:
                parts.append(f'{leaf}<FRBRversionNumber value="{revision_number}"/>')
            parts.append(f'{leaf}<FRBRlanguage language="{language}"/>{translation}')
        else:
            parts.append(f'{leaf}<FRBRformat value="{MEDIA_TYPE}"/>')
        parts.append(f"{inner}</{level}>")
    parts.append(f"{PAD[depth + 1]}</identification>")
    return "".join(parts)


# Where an amendment's own IRI goes in its metadata, which is otherwise the same for all.
WORK = "\x00"
