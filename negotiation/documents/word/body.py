"""The Word form of the documents.

The frame of the document is made with python-docx (:mod:`negotiation.documents.word.frame`);
the body, thousands of paragraphs and tens of thousands of runs at a big committee's size, is
written here directly as WordprocessingML text and put in place of a marker paragraph.
python-docx builds an lxml element per run and looks a named run style up by scanning every
style, which made a 10x comparison text take 40 s; the XML written here is the same markup
python-docx writes for those runs, characters beyond ASCII written as character references
(read back with python-docx in the tests).

Insertions and deletions are real run formatting (bold + underline, strike-through), each
also carrying a named character style ("Insertion", "Deletion") so a reader or a macro can
find them; delegation names are runs of their own in the "Delegation" style. Named
module ``word`` rather than ``docx`` so it never shadows the python-docx package.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from docx.shared import Cm, Pt, RGBColor

from negotiation.documents.parts import ComparisonText
from negotiation.documents.printable import printable
from negotiation.documents.revision_comparison import RevisionComparison
from negotiation.documents.tabled import ProposalView
from negotiation.documents.word.frame import (
    DELEGATION,
    DELETE_COLOUR,
    DELETION,
    INSERT_COLOUR,
    INSERTION,
    docx_package,
)
from negotiation.documents.word.notes import reference_run, with_footnotes
from negotiation.documents.wording import Words, older_base_note, words_in
from negotiation.enums import AmendmentKind, ParagraphState
from negotiation.text.diffs import DELETE, EQUAL, INSERT, Change
from negotiation.text.footnotes import Footnote, marked_changes, pieces
from negotiation.text.languages import N_, translate

ROMAN = ("", "I", "II", "III", "IV", "V")
TEXT_INDENT = Cm(1.5)
SUBPARAGRAPH_INDENT = Cm(3.0)


class Body:
    """The body of a document as WordprocessingML, paragraph by paragraph."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def paragraph(self, runs: str, properties: str = "") -> None:
        self.parts.append(f"<w:p>{properties}{runs}</w:p>")

    def heading(self, text: str, level: int) -> None:
        self.paragraph(run(text), f'<w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>')

    def xml(self) -> str:
        return "".join(self.parts)


def _xml_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # As python-docx writes them: a tab is a <w:tab/>, a line break a <w:br/>.
    if "\t" in text:
        text = text.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    if "\n" in text:
        text = text.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    # Beyond ASCII as character references: one such character (the dash of every
    # proposal's line, a typographic quote) made the whole body a string of two bytes a
    # character, which joining the body and encoding it then paid for over megabytes.
    if not text.isascii():
        text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return text


# A comparison text repeats three runs in four (labels, "Proposal N: ", delegations' names,
# kinds of proposal, the words kept around each change): each is escaped once.
@lru_cache(maxsize=8192)
def run(text: str, properties: str = "") -> str:
    """One run of text (made printable) with its run properties."""
    return (f'<w:r>{properties}<w:t xml:space="preserve">{_xml_text(printable(text))}'
            "</w:t></w:r>")


def _hex(colour: RGBColor) -> str:
    return str(colour)


BOLD = "<w:rPr><w:b/></w:rPr>"
ITALIC = "<w:rPr><w:i/></w:rPr>"
INSERTED = (f'<w:rPr><w:rStyle w:val="{INSERTION}"/><w:b/><w:color w:val="{_hex(INSERT_COLOUR)}"/>'
            '<w:u w:val="single"/></w:rPr>')
DELETED = (f'<w:rPr><w:rStyle w:val="{DELETION}"/><w:strike/>'
           f'<w:color w:val="{_hex(DELETE_COLOUR)}"/></w:rPr>')
DELEGATION_RUN = f'<w:rPr><w:rStyle w:val="{DELEGATION}"/><w:b/></w:rPr>'
LABEL_RUN = '<w:rPr><w:rStyle w:val="Paragraphlabel"/><w:b/></w:rPr>'
FLAG = f'<w:rPr><w:i/><w:color w:val="{_hex(DELETE_COLOUR)}"/></w:rPr>'
TAB = "<w:r><w:tab/></w:r>"


def _labelled_properties(indent: Cm) -> str:
    return (f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="{indent.twips}"/></w:tabs>'
            f'<w:ind w:left="{indent.twips}" w:hanging="{TEXT_INDENT.twips}"/></w:pPr>')


def _indented_properties(indent: Cm) -> str:
    return (f'<w:pPr><w:spacing w:after="{Pt(2).twips}"/><w:ind w:left="{indent.twips}"/>'
            "</w:pPr>")


# Paragraph properties by "is a subparagraph".
LABELLED = {False: _labelled_properties(TEXT_INDENT),
            True: _labelled_properties(SUBPARAGRAPH_INDENT)}
INDENTED = {False: _indented_properties(TEXT_INDENT),
            True: _indented_properties(SUBPARAGRAPH_INDENT)}
_CHANGE_RUN = {EQUAL: "", INSERT: INSERTED, DELETE: DELETED}


def changes_xml(changes: list[Change]) -> str:
    """Tracked changes as runs, one per kept, inserted or deleted piece."""
    return "".join([run(text, _CHANGE_RUN[op]) for op, text in changes])


def _label(label: str) -> str:
    return run(label, LABEL_RUN) + TAB


# Stand-ins for runs of their own within a translated sentence (no text holds them).
_SLOT = "\x00{}\x00"
_SLOTS = re.compile("\x00([a-z]+)\x00")


def _sentence(message: str, language: str, properties: str, **params: str) -> str:
    """A sentence of the document's wording as runs in ``properties``, each of its
    parameters' ``params`` (ready-made runs) in place: translated as one sentence, since
    each language puts the parts in its own order."""
    text = translate(message, language, **{name: _SLOT.format(name) for name in params})
    pieces = _SLOTS.split(text)
    # split() alternates the sentence's own text and the names of the slots between.
    return "".join(run(piece, properties) if index % 2 == 0 else params[piece]
                   for index, piece in enumerate(pieces) if piece)


def _legend(body: Body, message: str, language: str, **params: str) -> None:
    inserted = changes_xml([Change(INSERT, translate(N_("bold and underlined"), language))])
    deleted = changes_xml([Change(DELETE, translate(N_("struck through"), language))])
    plain = {name: run(value, ITALIC) for name, value in params.items()}
    body.paragraph(_sentence(message, language, ITALIC, inserted=inserted, deleted=deleted,
                             **plain))


Progress = Callable[[float], None]  # told the share of the body written so far


def _no_progress(_share: float) -> None:
    return None


def comparison_docx(text: ComparisonText, progress: Progress = _no_progress) -> bytes:
    """The consolidated comparison text as a .docx file; ``progress`` is told the share of
    paragraphs written so far (0 to 1) as the body grows."""
    run.cache_clear()  # runs are shared within one document, not kept across documents
    language = text.header.language
    body = Body()
    _legend(body, N_("Proposed insertions are shown %(inserted)s, deletions %(deleted)s."),
            language)
    total = max(1, len(text.paragraphs()))
    done = 0
    words = words_in(language)
    notes: list[str] = []  # every footnote, in the order the text refers to them
    kind_lines = _kind_lines(words)
    for number, group in enumerate(text.groups, start=1):
        body.heading(translate(N_("%(number)s. %(title)s"), language, number=ROMAN[number],
                               title=group.title), 1)
        if not group.sections:
            body.paragraph(run(translate(N_("None."), language)))
        for section in group.sections:
            title = section.title + (f" ({section.cap_summary})" if section.cap_summary else "")
            body.heading(title, 2)
            for breach in section.breaches:
                body.paragraph(run(translate(N_("Over the cap: %(breach)s"), language,
                                             breach=breach), ITALIC))
            for view in section.paragraphs:
                new = next((p for p in view.proposals if p.kind.value == "new"), None)
                # A new paragraph still proposed reads as its proposal's insertion; once
                # approved, as the text approved (as in the HTML text).
                shown = changes_xml(new.changes) + _references(view.all_notes, notes) \
                    if view.state is ParagraphState.NEW and new is not None \
                    else noted_runs(view.text, view.all_notes, notes)
                # The state as a secretariat marks it in print, as in the HTML text.
                body.paragraph(_label(view.label) + run(f"[{words.states[view.state]}] ", ITALIC)
                               + shown, LABELLED[view.is_subparagraph])
                if view.proposed_by:
                    body.paragraph(run(words.proposed_by(view.proposed_by), ITALIC),
                                   INDENTED[view.is_subparagraph])
                for proposal in view.proposals:
                    _write_proposal(body, proposal, INDENTED[view.is_subparagraph], words,
                                    kind_lines)
                done += 1
                if done % 100 == 0:
                    progress(done / total)
    return with_footnotes(docx_package(text.header, body.xml()), notes)


def noted_runs(text: str, footnotes: Sequence[Footnote], notes: list[str]) -> str:
    """The text's runs with a real Word footnote at each marker; each note is added to
    ``notes``, which numbers them through the document (Word numbers them the same way)."""
    if not footnotes:
        return run(text)
    out = []
    for words, note in pieces(text, footnotes):
        out.append(run(words) if note is None else _references((note,), notes))
    return "".join(out)


def _references(footnotes: Sequence[Footnote], notes: list[str]) -> str:
    out = []
    for note in footnotes:
        notes.append(note.text)
        out.append(reference_run(len(notes)))
    return "".join(out)


def _kind_lines(words: Words) -> dict[tuple[AmendmentKind, bool], str]:
    """What follows a proposal's proposers, by kind and by "accepted late"."""
    return {(kind, late): f" — {words.kinds[kind]}" + (f" {words.late}" if late else "")
            for kind in AmendmentKind for late in (False, True)}


def _write_proposal(body: Body, proposal: ProposalView, indented: str, words: Words,
                    kind_lines: dict[tuple[AmendmentKind, bool], str]) -> None:
    paragraph, language = body.paragraph, words.language
    who = "".join(run(text, DELEGATION_RUN) if name else run(text)
                  for text, name in words.sponsors(proposal.delegation, proposal.supporters))
    fate = f" [{words.fate(proposal)}]" if proposal.fate_label else ""
    paragraph(run(words.proposal(proposal.number) + " ") + who
              + run(kind_lines[proposal.kind, proposal.late] + fate, ITALIC), indented)
    if proposal.set_aside_reason:
        paragraph(run(translate(N_("Reason: %(reason)s"), language,
                                reason=proposal.set_aside_reason), ITALIC), indented)
    if note := older_base_note(proposal, language):
        paragraph(run(note, FLAG), indented)
    kind = proposal.kind
    if kind is AmendmentKind.MODIFY:
        paragraph(changes_xml(proposal.changes), indented)
    elif kind is AmendmentKind.DELETE:
        paragraph(run(words.deletion_asked, BOLD), indented)
    elif kind is AmendmentKind.SUPPORT:
        paragraph(run(words.supported), indented)
    if proposal.comment:
        paragraph(run(words.comment(proposal.comment), ITALIC), indented)


def revisions_docx(comparison: RevisionComparison, progress: Progress = _no_progress) -> bytes:
    """The comparison of two revisions as a .docx file."""
    body = Body()
    _legend(body, N_("%(later)s compared with %(earlier)s: text added is %(inserted)s, text "
                     "removed %(deleted)s."), comparison.header.language,
            later=comparison.symbol_to, earlier=comparison.symbol_from)
    section_title = None
    footnotes: list[str] = []  # every footnote of the newer text, in order
    total = max(1, len(comparison.paragraphs))
    for done, change in enumerate(comparison.paragraphs, start=1):
        if change.section_title != section_title:
            section_title = change.section_title
            body.heading(section_title, 2)
        notes = run(f"[{'; '.join(change.notes)}] ", ITALIC) if change.notes else ""
        marked = "".join(_references((item,), footnotes) if isinstance(item, Footnote)
                         else changes_xml([item])
                         for item in marked_changes(change.changes, change.footnotes))
        body.paragraph(_label(change.label) + notes + marked, LABELLED[" (" in change.label])
        if done % 100 == 0:
            progress(done / total)
    return with_footnotes(docx_package(comparison.header, body.xml()), footnotes)
