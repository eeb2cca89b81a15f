"""The draft as Akoma Ntoso 3.0 (OASIS LegalDocML), the XML that a secretariat's documents
system or another body's drafting tool (LEOS, the UN's AKN4UN tool chain) reads.

A draft resolution is a ``statement`` named "draftResolution", as AKN4UN models one: FRBR
metadata (the work is the draft, the expression one revision in its original language), a
preface with the symbol, date, "Original:" line and title, the preamble's recitals and the
main body's operative paragraphs, both grouped by the draft's sections (thematic areas,
items, entities, instruments as ``hcontainer``\\ s, named for their kind).

Every ``eId`` is made from the paragraph's number as circulated (:mod:`negotiation.draft.
numbering`), which stays put from one revision to the next ("7 bis" is ``para_7bis``), never
from its position on the page: an amendment written against rev. 0's ``para_7`` still points
at the same paragraph in rev. 1.

The proposals on the table are ``amendment`` documents in the statement's ``attachments``:
the schema accepts a whole document type there, with its own FRBR metadata, and an
amendment's body holds exactly what a proposal is (a heading naming the paragraph by its
eId, the proposed text as tracked changes, the delegation's comment as its
justification). The other candidate, an ``amendmentList``, is a collection whose body holds
only documents, so the draft itself would have to become one of its items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree
from sqlalchemy.orm import Session

from negotiation.documents.comparison import LANGUAGE_NAMES, local_date
from negotiation.documents.tabled import (
    ProposalView,
    delegation_names,
    open_proposals,
    proposal_view,
)
from negotiation.draft.circulation import last_symbol, revisions_of
from negotiation.draft.drafting import sections_of
from negotiation.draft.draftrows import DraftRow, live_rows, revision_rows
from negotiation.enums import LIVE_STATES, AmendmentKind, ParagraphKind
from negotiation.errors import InvalidSubmission
from negotiation.models import Negotiation, Revision, Section
from negotiation.text.diffs import DELETE, INSERT

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MEDIA_TYPE = "application/akn+xml"
#: The statement's name, as AKN4UN names a resolution's draft.
DOCUMENT_NAME = "draftResolution"
#: The country part of AKN's IRIs; an international organization names itself.
COUNTRY = "oas"
#: ISO 639-2 codes, as FRBRlanguage carries them.
LANGUAGE_CODES = {"en": "eng", "es": "spa", "fr": "fra", "pt": "por"}
#: An hcontainer's name for each kind of section, and for the thematic area around items.
AREA_CONTAINER = "thematicArea"
ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

_N = "{" + NAMESPACE + "}"


@dataclass(frozen=True)
class AknDraft:
    """What the Akoma Ntoso file of one text of the draft says, read from the database."""

    negotiation_title: str
    council: str
    committee: str
    symbol: str
    #: The symbol without " rev. N": the work every revision is an expression of.
    work_symbol: str
    work_date: date
    issued: date
    issued_label: str
    language: str
    rows: list[DraftRow]
    proposals: dict[int, list[ProposalView]]
    #: Delegations named by a proposal: (code, name).
    delegations: list[tuple[str, str]]
    revision_number: int | None


def akn_draft(session: Session, negotiation: Negotiation, now: datetime,
              revision: Revision | None) -> AknDraft:
    """The draft as ``revision`` froze it with the proposals open then, or as it stands
    with those open now."""
    if revision is not None and revision.negotiation_id != negotiation.id:
        raise InvalidSubmission("That revision belongs to another negotiation.")
    if revision is not None:
        rows = revision_rows(session, revision)
    else:
        rows = live_rows(session, negotiation,
                         {s.id: s for s in sections_of(session, negotiation)})
    rows = [r for r in rows if r.state in LIVE_STATES]
    circulated = revisions_of(session, negotiation)
    moment = revision.circulated_at if revision is not None else now
    names = delegation_names(session)
    tabled = open_proposals(session, negotiation,
                            revision.circulated_at if revision is not None else None)
    proposals: dict[int, list[ProposalView]] = {}
    named: dict[str, str] = {}
    code_of = {n.name: n.code for n in names.values()}
    for row in rows:
        views = [proposal_view(p, row.version_id, names) for p in tabled.get(row.paragraph_id, [])]
        if views:
            proposals[row.paragraph_id] = views
        for view in views:
            named[view.delegation_code] = view.delegation
            for supporter in view.supporters:
                named[code_of.get(supporter, supporter)] = supporter
    symbol = revision.symbol if revision is not None else last_symbol(session, negotiation)
    first = circulated[0].circulated_at if circulated else moment
    zone = negotiation.zone
    return AknDraft(
        negotiation_title=negotiation.title, council=negotiation.council,
        committee=negotiation.committee_name, symbol=symbol,
        work_symbol=re.sub(r"\s*rev\.\s*\d+\s*$", "", symbol),
        work_date=first.astimezone(zone).date(), issued=moment.astimezone(zone).date(),
        issued_label=local_date(negotiation, moment), language=negotiation.original_language,
        rows=rows, proposals=proposals, delegations=sorted(named.items()),
        revision_number=revision.number if revision is not None else None,
    )


def _token(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "", text).lower() or "0"


def eid_of(label: str, kind: ParagraphKind) -> str:
    """A paragraph's eId from its number: "PP3" is ``recital_3``, "7 bis" ``para_7bis``,
    "7 (b)" ``para_7__point_b``."""
    if kind is ParagraphKind.SUBPARAGRAPH and label.endswith(")") and "(" in label:
        base, _, letter = label[:-1].rpartition("(")
        return f"{eid_of(base.strip(), ParagraphKind.OPERATIVE)}__point_{_token(letter)}"
    if kind is ParagraphKind.PREAMBULAR:
        return f"recital_{_token(label.removeprefix('PP'))}"
    return f"para_{_token(label)}"


def section_eid(section: Section) -> str:
    return "sec_" + (re.sub(r"[^0-9A-Za-z-]+", "", section.code).lower() or "0")


def delegation_eid(code: str) -> str:
    return f"delegation_{_token(code)}"


def _slug(symbol: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", symbol.lower()).strip("-")


class _Writer:
    """Builds the tree; one element factory per tag, made once."""

    def __init__(self, draft: AknDraft) -> None:
        self.draft = draft
        self.work = f"/akn/{COUNTRY}/statement/{DOCUMENT_NAME}/{draft.work_date.isoformat()}/" \
                    f"{_slug(draft.work_symbol)}"
        self.language = LANGUAGE_CODES.get(draft.language, "und")
        self.expression = f"{self.work}/{self.language}@{draft.issued.isoformat()}"
        if draft.revision_number is None:
            # Today's text is not circulated: its own expression, not rev. N's.
            self.expression += "-working"
        self.code_of = {name: code for code, name in draft.delegations}

    def el(self, parent: etree._Element, tag: str, text: str | None = None,
           **attributes: str) -> etree._Element:
        made = etree.SubElement(parent, _N + tag, attributes)
        if text is not None:
            made.text = text
        return made

    def identification(self, parent: etree._Element, work: str, expression: str,
                       issued: date) -> None:
        meta = self.el(parent, "meta")
        ident = self.el(meta, "identification", source="#secretariat")
        for level, this, uri, when in (
            ("FRBRWork", f"{work}/!main", work, self.draft.work_date),
            ("FRBRExpression", f"{expression}/!main", expression, issued),
            ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", issued),
        ):
            holder = self.el(ident, level)
            self.el(holder, "FRBRthis", value=this)
            self.el(holder, "FRBRuri", value=uri)
            self.el(holder, "FRBRdate", date=when.isoformat(),
                    name="circulation" if level == "FRBRWork" else "version")
            self.el(holder, "FRBRauthor", href="#committee", **{"as": "#author"})
            if level == "FRBRWork":
                self.el(holder, "FRBRcountry", value=COUNTRY)
                self.el(holder, "FRBRname", value=DOCUMENT_NAME)
            elif level == "FRBRExpression":
                if self.draft.revision_number is not None:
                    self.el(holder, "FRBRversionNumber", value=str(self.draft.revision_number))
                self.el(holder, "FRBRlanguage", language=self.language)
            else:
                self.el(holder, "FRBRformat", value=MEDIA_TYPE)
        if parent.tag == _N + "statement":
            references = self.el(meta, "references", source="#secretariat")
            self.el(references, "TLCOrganization", eId="committee",
                    href=f"/ontology/organization/{COUNTRY}/{_slug(self.draft.committee)}",
                    showAs=self.draft.committee)
            self.el(references, "TLCOrganization", eId="secretariat",
                    href=f"/ontology/organization/{COUNTRY}/secretariat",
                    showAs="Secretariat")
            for code, name in self.draft.delegations:
                self.el(references, "TLCOrganization", eId=delegation_eid(code),
                        href=f"/ontology/organization/{COUNTRY}/{_token(code)}", showAs=name)
            self.el(references, "TLCRole", eId="author", href="/ontology/role/akn/author",
                    showAs="Author")

    def statement(self) -> etree._Element:
        draft = self.draft
        root = etree.Element(_N + "akomaNtoso", nsmap={None: NAMESPACE})
        statement = self.el(root, "statement", name=DOCUMENT_NAME)
        self.identification(statement, self.work, self.expression, draft.issued)
        preface = self.el(statement, "preface")
        if draft.council:
            self.el(preface, "p", draft.council, **{"class": "council"})
        self.el(preface, "p", draft.committee, **{"class": "committee"})
        self.el(self.el(preface, "p"), "docNumber", draft.symbol)
        self.el(self.el(preface, "p"), "docDate", draft.issued_label,
                date=draft.issued.isoformat())
        language = LANGUAGE_NAMES.get(draft.language, draft.language)
        self.el(preface, "p", f"Original: {language}", **{"class": "original"})
        self.el(self.el(self.el(preface, "longTitle"), "p"), "docTitle",
                draft.negotiation_title)

        sections: list[Section] = []
        by_section: dict[int, list[DraftRow]] = {}
        for row in draft.rows:
            if row.section.id not in by_section:
                sections.append(row.section)
            by_section.setdefault(row.section.id, []).append(row)
        self._preamble(statement, sections, by_section)
        self._body(statement, sections, by_section)
        self._amendments(statement)
        return root

    def _preamble(self, statement: etree._Element, sections: list[Section],
                  by_section: dict[int, list[DraftRow]]) -> None:
        preamble = None
        for section in sections:
            recitals = [r for r in by_section[section.id] if r.kind is ParagraphKind.PREAMBULAR]
            if not recitals:
                continue
            if preamble is None:
                preamble = self.el(statement, "preamble")
            group = self.el(preamble, "recitals", eId=f"{section_eid(section)}__recitals",
                            refersTo=f"#{section_eid(section)}")
            self.el(group, "heading", section.title)
            for row in recitals:
                recital = self.el(group, "recital", eId=eid_of(row.label, row.kind))
                self.el(recital, "p", row.text)

    def _body(self, statement: etree._Element, sections: list[Section],
              by_section: dict[int, list[DraftRow]]) -> None:
        body = self.el(statement, "mainBody")
        area_holder: tuple[int | None, etree._Element] | None = None
        for section in sections:
            parent = body
            if section.kind.value == "item" and section.area is not None:
                if area_holder is None or area_holder[0] != section.area:
                    holder = self.el(body, "hcontainer", name=AREA_CONTAINER,
                                     eId=f"area_{section.area}")
                    self.el(holder, "num", ROMAN[section.area] if section.area < len(ROMAN)
                            else str(section.area))
                    area_holder = (section.area, holder)
                parent = area_holder[1]
            else:
                area_holder = None
            container = self.el(parent, "hcontainer", name=section.kind.value,
                                eId=section_eid(section))
            self.el(container, "heading", section.title)
            chapeau: etree._Element | None = None
            for row in by_section[section.id]:
                if row.kind is ParagraphKind.PREAMBULAR:
                    continue
                eid = eid_of(row.label, row.kind)
                if row.kind is ParagraphKind.SUBPARAGRAPH and chapeau is not None:
                    point = self.el(chapeau, "point", eId=eid)
                    self.el(point, "num", "(" + row.label.rpartition("(")[2])
                    self.el(self.el(point, "content"), "p", row.text)
                    continue
                paragraph = self.el(container, "paragraph", eId=eid)
                self.el(paragraph, "num", f"{row.label}.")
                if row.is_mandates:
                    # The chapeau introduces the lettered mandates that follow it.
                    paragraph.set("class", "mandates")
                    self.el(self.el(paragraph, "intro"), "p", row.text)
                    chapeau = paragraph
                else:
                    self.el(self.el(paragraph, "content"), "p", row.text)
                    chapeau = None

    def _amendments(self, statement: etree._Element) -> None:
        draft = self.draft
        if not draft.proposals:
            return
        attachments = self.el(statement, "attachments")
        for row in draft.rows:
            for proposal in draft.proposals.get(row.paragraph_id, []):
                self._amendment(attachments, row, proposal)

    def _amendment(self, attachments: etree._Element, row: DraftRow,
                   proposal: ProposalView) -> None:
        number = proposal.number
        attachment = self.el(attachments, "attachment", eId=f"att_{number}")
        amendment = self.el(attachment, "amendment", name="proposal",
                            contains="originalVersion")
        work = f"/akn/{COUNTRY}/amendment/{DOCUMENT_NAME}/{self.draft.work_date.isoformat()}/" \
               f"{_slug(self.draft.work_symbol)}-proposal-{number}"
        self.identification(amendment, work, f"{work}/{self.language}@", self.draft.issued)
        # The expression's IRI above ends in "@" (its original version) for a proposal.
        preface = self.el(amendment, "preface")
        proponents = self.el(preface, "p")
        self.el(proponents, "docProponent", proposal.delegation,
                refersTo=f"#{delegation_eid(proposal.delegation_code)}", **{"as": "#author"})
        for supporter in proposal.supporters:
            code = self.code_of.get(supporter, supporter)
            self.el(proponents, "docProponent", supporter,
                    refersTo=f"#{delegation_eid(code)}", **{"class": "supporter"})
        body = self.el(amendment, "amendmentBody")
        heading = self.el(self.el(body, "amendmentHeading"), "p",
                          f"Proposal {number}, {proposal.kind.label.lower()}, on ")
        what = "preambular paragraph" if row.kind is ParagraphKind.PREAMBULAR else "paragraph"
        self.el(heading, "ref", f"{what} {row.label}", href=f"#{eid_of(row.label, row.kind)}")
        content = self.el(body, "amendmentContent")
        text = self.el(content, "p")
        if proposal.kind is AmendmentKind.DELETE:
            self.el(text, "del", row.text)
        elif proposal.changes:
            last: etree._Element | None = None
            for op, part in proposal.changes:
                if op in (INSERT, DELETE):
                    last = self.el(text, "ins" if op == INSERT else "del", part)
                elif last is None:
                    text.text = (text.text or "") + part
                else:
                    last.tail = (last.tail or "") + part
        else:
            text.text = row.text
        if proposal.comment:
            self.el(self.el(body, "amendmentJustification"), "p", proposal.comment)


def akn_tree(draft: AknDraft) -> etree._Element:
    """The draft's Akoma Ntoso document as an element tree."""
    return _Writer(draft).statement()


def serialized(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def akoma_ntoso(draft: AknDraft) -> bytes:
    """The draft's Akoma Ntoso document as a UTF-8 XML file."""
    return serialized(akn_tree(draft))

