"""The frame of the Word documents: page size, styles, footer with page numbers, the header
table and title, made with python-docx once per header, and the package that puts a body
(WordprocessingML written by :mod:`negotiation.documents.word.body`) in place of its marker
paragraph."""

from __future__ import annotations

import zipfile
from dataclasses import fields
from functools import lru_cache
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from negotiation.documents.parts import Header
from negotiation.documents.printable import printable
from negotiation.text.languages import N_, translate

# Named character styles, so a reader or a macro can find the runs that carry them.
INSERTION = "Insertion"
DELETION = "Deletion"
DELEGATION = "Delegation"
LABEL = "Paragraph label"
#: The documents' languages as Word names them: Brazil's Portuguese, as at the OAS.
PROOFING_LANGUAGES = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "pt": "pt-BR"}
# Colour as well as shape: reviewers skim for colour on screen; print keeps bold and strike.
INSERT_COLOUR = RGBColor(0x0B, 0x3D, 0x91)
DELETE_COLOUR = RGBColor(0x9B, 0x1C, 0x1C)


def _new_document(header: Header) -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # US letter, as at the OAS
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    # The document's language for proofing and hyphenation, in Word as in LibreOffice's PDF.
    spoken = OxmlElement("w:lang")
    spoken.set(qn("w:val"), PROOFING_LANGUAGES.get(header.language, "en-US"))
    normal.element.get_or_add_rPr().append(spoken)
    for level in (1, 2):
        heading = document.styles[f"Heading {level}"]
        heading.font.name = "Times New Roman"
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.font.size = Pt(13 if level == 1 else 12)
        # The template's headings take their font from the theme, which wins over a name.
        fonts = heading.element.rPr.rFonts
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    styles = document.styles
    insertion = styles.add_style(INSERTION, WD_STYLE_TYPE.CHARACTER)
    insertion.font.bold = insertion.font.underline = True
    insertion.font.color.rgb = INSERT_COLOUR
    deletion = styles.add_style(DELETION, WD_STYLE_TYPE.CHARACTER)
    deletion.font.strike = True
    deletion.font.color.rgb = DELETE_COLOUR
    styles.add_style(DELEGATION, WD_STYLE_TYPE.CHARACTER).font.bold = True
    styles.add_style(LABEL, WD_STYLE_TYPE.CHARACTER).font.bold = True
    properties = document.core_properties
    properties.title = f"{header.document}: {header.title}"
    properties.subject = header.symbol
    properties.author = header.committee_name
    properties.language = header.language
    _page_numbers(document)
    _write_header(document, header)
    return document


def _page_numbers(document: DocumentObject) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _write_header(document: DocumentObject, header: Header) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(header.council.upper()).bold = True
    left.add_paragraph().add_run(header.committee_name.upper()).bold = True
    # The negotiation's header lines, then the symbol, date and original language, as OAS
    # documents print them at the top right.
    for index, line in enumerate((*header.lines_above, header.symbol, header.date,
                                  header.original)):
        if index == 0:
            right.paragraphs[0].add_run(line)
        else:
            right.add_paragraph(line)
    draft_resolution = translate(N_("Draft resolution"), header.language).upper()
    for text, bold in ((header.document.upper(), True), (draft_resolution, False),
                       (header.title.upper(), True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    for line in (header.scope, header.standing):
        if line:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(line).italic = True


MARKER = "BODY-GOES-HERE"
_MARKER_XML = f"<w:p><w:r><w:t>{MARKER}</w:t></w:r></w:p>"


@lru_cache(maxsize=32)
def _frame(header: Header) -> tuple[tuple[tuple[zipfile.ZipInfo, bytes], ...], bytes, bytes]:
    """The parts of the document around its body, made once per header: the package's
    files, and the main part's XML before and after the body."""
    document = _new_document(header)
    document.add_paragraph(MARKER)
    buffer = BytesIO()
    document.save(buffer)
    parts = []
    with zipfile.ZipFile(buffer) as package:
        for info in package.infolist():
            parts.append((info, package.read(info)))
    main = next(data for info, data in parts if info.filename == MAIN_PART)
    before, after = main.split(_MARKER_XML.encode("utf-8"))
    return tuple(parts), before, after


MAIN_PART = "word/document.xml"


def docx_package(header: Header, body_xml: str) -> bytes:
    """The .docx file: the frame made for ``header`` around the body's WordprocessingML."""
    parts, before, after = _frame(_printable_header(header))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            # A ZipInfo of its own per file: writing one fills in offsets and sizes, and the
            # frame's are shared by every document (and thread) that uses the cache.
            own = zipfile.ZipInfo(info.filename, info.date_time)
            own.compress_type = zipfile.ZIP_DEFLATED
            if info.filename == MAIN_PART:
                # In three pieces: a body of megabytes is not copied once more to be framed.
                with package.open(own, "w") as main:
                    main.write(before)
                    main.write(body_xml.encode("utf-8"))
                    main.write(after)
            else:
                package.writestr(own, data)
    return buffer.getvalue()


def _printable_header(header: Header) -> Header:
    return Header(*(printable(getattr(header, f.name)) for f in fields(Header)))
