"""Reading a first draft out of an Akoma Ntoso 3.0 file (a draft resolution from another
body's system, or one this app exported), into the same recognised lines the Word reader's
classification gives, so the preview, the chair's corrections and the confirmation are
the same for both.

An XML file from outside is hostile until read: it is parsed with entities left alone, no
network and no huge trees, a file that declares a DOCTYPE (the way in for "billion laughs"
and external entities) is refused before it is parsed at all, and so is one too large.
"""

from __future__ import annotations

import unicodedata

from lxml import etree

from negotiation.documents.akn.statement import AREA_CONTAINER, NAMESPACE, ROMAN
from negotiation.enums import SectionKind
from negotiation.errors import InvalidSubmission
from negotiation.setup.imports.classifying import Block, section_kind_of
from negotiation.setup.imports.reading import (
    GAP,
    MAX_LINES,
    THE_FILE,
    placed_markers,
    refuse_empty_or_too_big,
)
from negotiation.text.footnotes import MAX_NOTE_LENGTH, Footnote

#: The names a file may end in to be read as Akoma Ntoso.
SUFFIXES = (".xml", ".akn")
_N = "{" + NAMESPACE + "}"
_SECTION_KINDS = {k.value for k in SectionKind}
# Elements of the main body that group paragraphs under a heading, as other systems use them.
_GROUPS = {_N + t for t in ("hcontainer", "section", "chapter", "part", "title", "division",
                            "subsection", "article", "book", "tome", "clause")}
# A footnote is no part of a paragraph's text: it is kept as the paragraph's footnote.
_LEFT_OUT = {_N + "authorialNote", _N + "num", _N + "noteRef"}


def is_akn_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, remove_comments=True,
                           remove_pis=True)


def read_akn(data: bytes, name: str = THE_FILE) -> list[Block]:
    """The draft's lines and what each is, or a refusal saying what is wrong with the file."""
    refuse_empty_or_too_big(data, name)
    # Before parsing: a DOCTYPE is how entity bombs and external entities come in, and an
    # Akoma Ntoso file never needs one.
    head = data.upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise InvalidSubmission(
            "%(name)s declares a DOCTYPE or entities, which an Akoma Ntoso file never does; it "
            "is not imported. Export the draft again without them.", name=name)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidSubmission("%(name)s is not well-formed XML (%(why)s); it is not "
                                "imported.", name=name, why=exc.msg) from exc
    if root.tag != _N + "akomaNtoso" or len(root) == 0:
        raise InvalidSubmission(
            "%(name)s is not an Akoma Ntoso 3.0 document (its root is not <akomaNtoso> in the "
            "namespace %(namespace)s).", name=name, namespace=NAMESPACE)
    document = root[0]
    body = document.find(_N + "mainBody")
    if body is None:
        body = document.find(_N + "body")
    if body is None:
        raise InvalidSubmission("%(name)s has no main body (<mainBody> or <body>) to import.",
                                name=name)
    blocks = _Reader(name).blocks(document, body)
    if len(blocks) > MAX_LINES:
        raise InvalidSubmission("%(name)s has %(count)s paragraphs; a draft is imported with "
                                "at most %(largest)s.", name=name, count=len(blocks),
                                largest=MAX_LINES)
    if not any(b.kind in ("preambular", "operative", "mandates") for b in blocks):
        raise InvalidSubmission("%(name)s has no paragraph to import.", name=name)
    return blocks


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        #: While a paragraph is read: the notes met in it, each a gap in its text.
        self.notes: list[str] | None = None

    def text(self, element: etree._Element) -> str:
        """The element's words, footnotes and numbers left out, cleaned as Word's are."""
        parts: list[str] = []
        self._collect(element, parts)
        text = unicodedata.normalize("NFC", " ".join("".join(parts).split()))
        odd = sorted({c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
                      and not (c == GAP and self.notes)})
        if odd:
            shown = ", ".join(f"U+{ord(c):04X}" for c in odd[:5])
            raise InvalidSubmission("%(name)s: “%(text)s” contains characters that are not "
                                    "text (%(shown)s). Remove them and import again.",
                                    name=self.name, text=text[:60], shown=shown)

        return text

    def _collect(self, element: etree._Element, parts: list[str]) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            if child.tag not in _LEFT_OUT and isinstance(child.tag, str):
                self._collect(child, parts)
            elif child.tag == _N + "authorialNote" and self.notes is not None:
                parts.append(GAP)
                self.notes.append(" ".join("".join(child.itertext()).split()))
            if child.tail:
                parts.append(child.tail)

    def blocks(self, document: etree._Element, body: etree._Element) -> list[Block]:
        found: list[Block] = []
        title = document.find(f"{_N}preface//{_N}docTitle")
        if title is None:
            title = document.find(f"{_N}preface/{_N}longTitle")
        if title is not None and self.text(title):
            found.append(Block("title", self.text(title), self.text(title)))
        # Each section's recitals, found by the section they refer to or by its heading.
        recitals: dict[str, list[Block]] = {}
        loose: list[Block] = []
        for group in document.iterfind(f"{_N}preamble//{_N}recitals"):
            lines = [self._paragraph("preambular", r) for r in group.iterfind(_N + "recital")]
            heading = group.find(_N + "heading")
            key = (group.get("refersTo") or "").lstrip("#") or (
                self.text(heading) if heading is not None else "")
            if key:
                recitals.setdefault(key, []).extend(lines)
            else:
                loose.extend(lines)
        found.extend(loose)
        met: set[etree._Element] = set()
        for paragraph, section in self._paragraphs(body):
            if section is not None and section not in met:
                met.add(section)
                found.append(self._section(section))
                eid = section.get("eId") or ""
                heading = found[-1].text
                found.extend(recitals.pop(eid, []) or recitals.pop(heading, []))
            found.extend(self._operative(paragraph))
        # Recitals of a section with no operative paragraph, each under its heading.
        for key, lines in recitals.items():
            found.append(Block("section", key, key, section_kind=section_kind_of(key)))
            found.extend(lines)
        return found

    def _paragraphs(self, body: etree._Element
                    ) -> list[tuple[etree._Element, etree._Element | None]]:
        """The body's paragraphs in order, each with the section heading it."""
        result = []
        for paragraph in body.iter(_N + "paragraph"):
            if paragraph.getparent() is not None and paragraph.getparent().tag == _N + "paragraph":
                continue
            section = None
            for ancestor in paragraph.iterancestors():
                if ancestor is body:
                    break
                if ancestor.tag in _GROUPS and ancestor.get("name") != AREA_CONTAINER \
                        and ancestor.find(_N + "heading") is not None:
                    section = ancestor
                    break
            result.append((paragraph, section))
        return result

    def _section(self, section: etree._Element) -> Block:
        heading = self.text(section.find(_N + "heading"))
        name = section.get("name", "")
        kind = name if name in _SECTION_KINDS else section_kind_of(heading)
        area = None
        for ancestor in section.iterancestors():
            if ancestor.get("name") == AREA_CONTAINER:
                area = _area_number(self.text_of_num(ancestor))
                break
        return Block("section", heading, heading, section_kind=kind,
                     area=area if kind == "item" else None)

    def text_of_num(self, element: etree._Element) -> str:
        num = element.find(_N + "num")
        return "".join(num.itertext()).strip() if num is not None else ""

    def _paragraph(self, kind: str, element: etree._Element) -> Block:
        self.notes = []
        try:
            text, places = placed_markers(self.text(element))
        finally:
            notes, self.notes = self.notes, None
        number = self.text_of_num(element)
        return Block(kind, text, f"{number} {text}".strip(), number=number.rstrip("."),
                     notes=tuple(Footnote(at, note[:MAX_NOTE_LENGTH])
                                 for at, note in zip(places, notes, strict=False) if note))

    def _operative(self, paragraph: etree._Element) -> list[Block]:
        points = paragraph.findall(_N + "point") or paragraph.findall(f"{_N}list/{_N}point")
        intro = paragraph.find(_N + "intro")
        if points or "mandates" in (paragraph.get("class") or "").split():
            chapeau = intro if intro is not None else paragraph.find(_N + "content")
            head = self._paragraph("mandates", chapeau if chapeau is not None else paragraph)
            head.number = self.text_of_num(paragraph).rstrip(".")
            return [head, *(self._paragraph("subparagraph", p) for p in points)]
        return [self._paragraph("operative", paragraph)]


def _area_number(num: str) -> int | None:
    value = num.strip().rstrip(".").upper()
    if value.isdigit():
        return int(value)
    return ROMAN.index(value) if value in ROMAN[1:] else None
