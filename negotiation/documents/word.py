"""The Word form of the documents, made with python-docx.

Insertions and deletions are real run formatting (bold + underline, strike-through), each
also carrying a named character style ("Insertion", "Deletion") so a reader or a macro can
find them; delegation names are runs of their own in the "Delegation" style. Named
module ``word`` rather than ``docx`` so it never shadows the python-docx package.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from negotiation.comparison import ComparisonText, Header, ProposalView
from negotiation.diffs import DELETE, INSERT, Change
from negotiation.revision_comparison import RevisionComparison

INSERTION = "Insertion"
DELETION = "Deletion"
DELEGATION = "Delegation"
LABEL = "Paragraph label"
# Colour as well as shape: reviewers skim for colour on screen; print keeps bold and strike.
INSERT_COLOUR = RGBColor(0x0B, 0x3D, 0x91)
DELETE_COLOUR = RGBColor(0x9B, 0x1C, 0x1C)
ROMAN = ("", "I", "II", "III", "IV", "V")
TEXT_INDENT = Cm(1.5)
SUBPARAGRAPH_INDENT = Cm(3.0)


def _new_document(header: Header) -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # US letter, as at the OAS
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
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
    properties.language = "en"
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
    right.paragraphs[0].add_run("OEA/Ser.G")
    for line in (header.symbol, header.date, header.original):
        right.add_paragraph(line)
    for text, bold in ((header.document.upper(), True), ("DRAFT RESOLUTION", False),
                       (header.title.upper(), True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    if header.scope:
        scope = document.add_paragraph()
        scope.alignment = WD_ALIGN_PARAGRAPH.CENTER
        scope.add_run(header.scope).italic = True


def add_changes(paragraph: Paragraph, changes: list[Change]) -> None:
    """Append tracked changes to a paragraph, one run per kept, inserted or deleted piece."""
    for change in changes:
        run = paragraph.add_run(change.text)
        if change.op == INSERT:
            run.style = INSERTION
            run.bold = run.underline = True
            run.font.color.rgb = INSERT_COLOUR
        elif change.op == DELETE:
            run.style = DELETION
            run.font.strike = True
            run.font.color.rgb = DELETE_COLOUR


def _delegation_run(paragraph: Paragraph, name: str) -> None:
    run = paragraph.add_run(name)
    run.style = DELEGATION
    run.bold = True


def _labelled(document: DocumentObject, label: str, subparagraph: bool) -> Paragraph:
    """A paragraph with its draft label hanging in the margin and the text after a tab."""
    paragraph = document.add_paragraph()
    indent = SUBPARAGRAPH_INDENT if subparagraph else TEXT_INDENT
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.first_line_indent = -TEXT_INDENT
    paragraph.paragraph_format.tab_stops.add_tab_stop(indent)
    label_run = paragraph.add_run(label)
    label_run.style = LABEL
    label_run.bold = True
    paragraph.add_run("\t")
    return paragraph


def _indented(document: DocumentObject, indent: Cm) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


def _legend(document: DocumentObject, intro: str) -> None:
    legend = document.add_paragraph()
    legend.add_run(intro).italic = True
    add_changes(legend, [Change(INSERT, "bold and underlined")])
    legend.add_run(", deletions ").italic = True
    add_changes(legend, [Change(DELETE, "struck through")])
    legend.add_run(".").italic = True


def comparison_docx(text: ComparisonText) -> bytes:
    """The consolidated comparison text as a .docx file."""
    document = _new_document(text.header)
    _legend(document, "Proposed insertions are shown ")
    for number, group in enumerate(text.groups, start=1):
        document.add_heading(f"{ROMAN[number]}. {group.title}", 1)
        if not group.sections:
            document.add_paragraph("None.")
        for section in group.sections:
            title = section.title + (f" ({section.cap_summary})" if section.cap_summary else "")
            document.add_heading(title, 2)
            for breach in section.breaches:
                document.add_paragraph().add_run(f"Over the cap: {breach}").italic = True
            for view in section.paragraphs:
                body = _labelled(document, view.label, view.is_subparagraph)
                new = next((p for p in view.proposals if p.kind.value == "new"), None)
                if group.key == "new" and new is not None:
                    add_changes(body, new.changes)
                else:
                    body.add_run(view.text)
                indent = SUBPARAGRAPH_INDENT if view.is_subparagraph else TEXT_INDENT
                for proposal in view.proposals:
                    _write_proposal(document, proposal, indent)
    return _saved(document)


def _write_proposal(document: DocumentObject, proposal: ProposalView, indent: Cm) -> None:
    who = _indented(document, indent)
    _delegation_run(who, proposal.delegation)
    for index, name in enumerate(proposal.supporters):
        if index == 0:
            who.add_run(", joined by ")
        else:
            who.add_run(" and " if index == len(proposal.supporters) - 1 else ", ")
        _delegation_run(who, name)
    kind = who.add_run(f" — {proposal.kind_label}" + (" (accepted late)" if proposal.late else ""))
    kind.italic = True
    if proposal.written_on_older_version:
        note = (f"Written on version {proposal.base_version_number} of the paragraph, which "
                "has changed since; shown against its own base.")
        if proposal.conflicts_with_current:
            note += " It could not be re-applied to the current text (conflict)."
        flag = _indented(document, indent).add_run(note)
        flag.italic = True
        flag.font.color.rgb = DELETE_COLOUR
    kind_value = proposal.kind.value
    if kind_value == "modify":
        add_changes(_indented(document, indent), proposal.changes)
    elif kind_value == "delete":
        _indented(document, indent).add_run("Requests the deletion of the paragraph.").bold = True
    elif kind_value == "support":
        _indented(document, indent).add_run("Supports the paragraph as drafted.")
    if proposal.comment:
        _indented(document, indent).add_run(f"Comment: {proposal.comment}").italic = True


def revisions_docx(comparison: RevisionComparison) -> bytes:
    """The comparison of two revisions as a .docx file."""
    document = _new_document(comparison.header)
    _legend(document, f"{comparison.symbol_to} compared with {comparison.symbol_from}: "
                      "text added is ")
    section_title = None
    for change in comparison.paragraphs:
        if change.section_title != section_title:
            section_title = change.section_title
            document.add_heading(section_title, 2)
        body = _labelled(document, change.label, " (" in change.label)
        if change.notes:
            notes = body.add_run(f"[{'; '.join(change.notes)}] ")
            notes.italic = True
        add_changes(body, change.changes)
    return _saved(document)


def _saved(document: DocumentObject) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
