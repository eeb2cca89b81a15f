"""The Akoma Ntoso writer as it was first written, element by element with lxml: the
reference the product's text writer (:mod:`negotiation.documents.akn.statement`) is checked against,
its output parsed and canonicalised, so writing the file as text changed no byte of its
meaning."""

from __future__ import annotations

from datetime import date

from lxml import etree

from negotiation.documents.akn.statement import (
    AREA_CONTAINER,
    COUNTRY,
    DOCUMENT_NAME,
    LANGUAGE_CODES,
    MEDIA_TYPE,
    NAMESPACE,
    ROMAN,
    AknDraft,
    delegation_eid,
    eid_of,
    eid_token,
    section_eid,
    symbol_slug,
)
from negotiation.documents.comparison import LANGUAGE_NAMES
from negotiation.documents.tabled import ProposalView
from negotiation.draft.draftrows import DraftRow
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.models import Section
from negotiation.text.diffs import DELETE, INSERT

_N = "{" + NAMESPACE + "}"


class _Writer:
    """Builds the tree; one element factory per tag, made once."""

    def __init__(self, draft: AknDraft) -> None:
        self.draft = draft
        self.work = f"/akn/{COUNTRY}/statement/{DOCUMENT_NAME}/{draft.work_date.isoformat()}/" \
                    f"{symbol_slug(draft.work_symbol)}"
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
                       issued: date, language: str | None = None) -> None:
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
                self.el(holder, "FRBRlanguage", language=language or self.language)
            else:
                self.el(holder, "FRBRformat", value=MEDIA_TYPE)
        if parent.tag == _N + "statement":
            references = self.el(meta, "references", source="#secretariat")
            self.el(references, "TLCOrganization", eId="committee",
                    href=f"/ontology/organization/{COUNTRY}/{symbol_slug(self.draft.committee)}",
                    showAs=self.draft.committee)
            self.el(references, "TLCOrganization", eId="secretariat",
                    href=f"/ontology/organization/{COUNTRY}/secretariat",
                    showAs="Secretariat")
            for code, name in self.draft.delegations:
                self.el(references, "TLCOrganization", eId=delegation_eid(code),
                        href=f"/ontology/organization/{COUNTRY}/{eid_token(code)}", showAs=name)
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
               f"{symbol_slug(self.draft.work_symbol)}-proposal-{number}"
        language = LANGUAGE_CODES.get(proposal.language, self.language)
        self.identification(amendment, work, f"{work}/{language}@", self.draft.issued,
                            language)
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


def reference_tree(draft: AknDraft) -> etree._Element:
    """The draft's Akoma Ntoso document as an element tree."""
    return _Writer(draft).statement()


def serialized(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def reference_akoma_ntoso(draft: AknDraft) -> bytes:
    """The draft's Akoma Ntoso document as the first writer made it."""
    return serialized(reference_tree(draft))

