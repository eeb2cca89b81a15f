"""The Akoma Ntoso file is written as text; parsed and canonicalised (C14N), it is the very
document the first writer built element by element (:mod:`tests.documents.akn.akn_reference`):
on the demo cycle, on the synthetic cycle the benchmarks measure, and on texts that XML
must escape or that lxml's pretty printer lays out in its own way."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lxml import etree
from sqlalchemy.orm import Session

from benchmarks.synthetic import NOW, build_cycle
from negotiation.demo.loader import load_cycle
from negotiation.documents.akn.statement import AknDraft, akn_draft
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.documents.tabled import ProposalView
from negotiation.draft.circulation import revisions_of
from negotiation.draft.draftrows import DraftRow
from negotiation.enums import AmendmentKind, ParagraphKind, ParagraphState, SectionKind
from negotiation.models import Negotiation, Section
from negotiation.record.clock import parse_moment
from negotiation.text.diffs import DELETE, EQUAL, INSERT, Change
from tests.documents.akn.akn_reference import reference_akoma_ntoso
from tests.documents.akn.akn_schema import AKN, validated


def _canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def _same_as_the_tree_writer(draft: AknDraft) -> None:
    written = akoma_ntoso(draft)
    assert _canonical(written) == _canonical(reference_akoma_ntoso(draft))


def _every_text(session: Session, negotiation: Negotiation, now: object) -> list[AknDraft]:
    return [akn_draft(session, negotiation, now, revision)  # type: ignore[arg-type]
            for revision in [*revisions_of(session, negotiation), None]]


def test_the_demo_cycle_is_the_same_document_as_the_tree_writer_made(session: Session) -> None:
    negotiation = load_cycle(session)
    drafts = _every_text(session, negotiation, parse_moment("2024-04-20 10:00 America/New_York"))
    assert sum(len(d.proposals) for d in drafts) > 10
    for draft in drafts:
        _same_as_the_tree_writer(draft)


def test_the_synthetic_cycle_is_the_same_document_as_the_tree_writer_made(
    session: Session,
) -> None:
    negotiation = build_cycle(session, 1)
    drafts = _every_text(session, negotiation, NOW)
    assert len(drafts) == 3  # rev. 0, rev. 1 and today's text
    assert sum(len(v) for v in drafts[-1].proposals.values()) > 200
    for draft in drafts:
        _same_as_the_tree_writer(draft)


def _view(number: int, kind: AmendmentKind, changes: list[Change], comment: str = "",
          supporters: tuple[str, ...] = ()) -> ProposalView:
    return ProposalView(number, number, kind, 'Trinidad & "Tobago"', "TTO", list(supporters),
                        changes, comment, 1, False, False, None, False)


def _awkward_draft() -> AknDraft:
    """Markup characters, quotes and white space in text and attributes, accents, empty
    texts, a paragraph of only tracked changes (which the pretty printer lays out on
    lines of their own) and one with an empty piece of kept text (which it does not)."""
    item = Section(id=1, code="item<&>1", kind=SectionKind.ITEM, area=2, title="",
                   position=1)
    entity = Section(id=2, code="JID", kind=SectionKind.ENTITY, area=None,
                     title='Board "JID" & <co>', position=2)

    def row(paragraph_id: int, section: Section, label: str, kind: ParagraphKind, text: str,
            is_mandates: bool = False) -> DraftRow:
        return DraftRow(paragraph_id, section, ParagraphState.AMENDED, "amended", label, kind,
                        is_mandates, None, "Chair", None, paragraph_id, 1, text)

    rows = [
        row(1, item, "PP1", ParagraphKind.PREAMBULAR, "Recalling a < b & c > d,\r\nline\ttab"),
        row(2, item, "1", ParagraphKind.OPERATIVE, ""),
        row(3, item, "2", ParagraphKind.OPERATIVE, "To request the Secretariat to:", True),
        row(4, item, "2 (a)", ParagraphKind.SUBPARAGRAPH, "Café \"à\" l'OEA"),
        row(5, item, "2 (b)", ParagraphKind.SUBPARAGRAPH, "Second mandate"),
        row(6, entity, "3", ParagraphKind.OPERATIVE, "To urge the Board"),
        row(7, entity, "3 bis", ParagraphKind.SUBPARAGRAPH, "Orphan point"),
    ]
    proposals = {
        1: [_view(1, AmendmentKind.DELETE, [], "Why? <because> & \"so\"", ("Perú",))],
        2: [_view(2, AmendmentKind.MODIFY, [Change(INSERT, "new & <b>"),
                                             Change(DELETE, "")])],
        6: [_view(3, AmendmentKind.MODIFY, [Change(EQUAL, ""), Change(INSERT, "more")]),
            _view(4, AmendmentKind.MODIFY, [Change(DELETE, "To urge"), Change(EQUAL, " the "),
                                             Change(INSERT, "Board's"), Change(EQUAL, "\r")]),
            _view(5, AmendmentKind.COMMENT, [], "A\tcomment\nover lines")],
    }
    return AknDraft(
        negotiation_title="Security & <peace> \"now\"", council="", committee='CSH & "co"',
        symbol="CP/CSH-1/24 rev. 2", work_symbol="CP/CSH-1/24", work_date=date(2024, 3, 21),
        issued=date(2024, 4, 26), issued_label="26 April 2024", language="es", rows=rows,
        proposals=proposals,
        delegations=[("PER", "Perú"), ("TTO", 'Trinidad & "Tobago"')], revision_number=2)


def test_text_that_xml_escapes_and_odd_layouts_are_the_same_document() -> None:
    draft = _awkward_draft()
    _same_as_the_tree_writer(draft)
    # And with nothing in it: no preamble, an empty body, no attachments.
    _same_as_the_tree_writer(AknDraft(**{**draft.__dict__, "rows": [], "proposals": {},
                                         "delegations": [], "revision_number": None}))


def test_a_character_xml_cannot_carry_is_replaced_and_the_file_still_downloads() -> None:
    """As in the Word documents: a control character that reached a title is shown as the
    replacement character, where building the tree refused the whole file."""
    draft = replace(_awkward_draft(), negotiation_title="Security\x01 and peace\ufffe")
    root = validated(akoma_ntoso(draft))
    assert root.xpath("//a:docTitle/text()", namespaces=AKN) == [
        "Security\ufffd and peace\ufffd"]
