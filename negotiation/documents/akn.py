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
from functools import lru_cache

from sqlalchemy.orm import Session

from negotiation.documents.comparison import LANGUAGE_NAMES, local_date
from negotiation.documents.printable import printable
from negotiation.documents.tabled import (
    ProposalView,
    delegation_names,
    open_proposals,
    proposal_view,
)
from negotiation.draft.circulation import revisions_of
from negotiation.draft.drafting import sections_of
from negotiation.draft.draftrows import DraftRow, live_rows, revision_rows
from negotiation.enums import LIVE_STATES, AmendmentKind, ParagraphKind
from negotiation.errors import InvalidSubmission
from negotiation.models import Negotiation, Revision, Section
from negotiation.text.diffs import DELETE, EQUAL, INSERT

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
    if revision is not None:
        symbol = revision.symbol
    else:  # the last circulated, read above, or the draft's own before rev. 0
        symbol = circulated[-1].symbol if circulated else negotiation.symbol
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


# The file is written as text, not built as a tree: an element object per node cost about
# 7 µs each, twenty times what serialising the same tree costs, and a big committee's file
# has a hundred thousand of them (most in the amendments' FRBR metadata). The text is what
# lxml's pretty printer writes for that tree, byte for byte (the tests compare the two).

_PAD = tuple("\n" + "  " * depth for depth in range(16))


def _text(value: str) -> str:
    """Element content escaped as lxml escapes it (a carriage return kept as a reference,
    which a parser would otherwise read as a line feed)."""
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
def _name(value: str) -> str:
    return _text(value)


@lru_cache(maxsize=4096)
def _attribute(value: str) -> str:
    """An attribute's value escaped as lxml escapes it (white space other than the space as
    references, which a parser would otherwise read as spaces)."""
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    for white, reference in (("\n", "&#10;"), ("\t", "&#9;")):
        if white in value:
            value = value.replace(white, reference)
    return value


def _element(depth: int, tag: str, text: str, attributes: str = "") -> str:
    """An element holding only its (escaped) text, on a line of its own; empty, it is still
    written open and closed, as lxml writes an element whose text is set."""
    return f"{_PAD[depth]}<{tag}{attributes}>{text}</{tag}>"


def _identification(depth: int, work: str, expression: str, work_date: date, issued: date,
                    language: str, revision_number: int | None) -> str:
    """The FRBR block of a document at ``depth`` (its ``meta``'s), ``meta`` left open."""
    inner, leaf = _PAD[depth + 2], _PAD[depth + 3]
    parts = [f'{_PAD[depth]}<meta>{_PAD[depth + 1]}<identification source="#secretariat">']
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
            parts.append(f'{leaf}<FRBRlanguage language="{language}"/>')
        else:
            parts.append(f'{leaf}<FRBRformat value="{MEDIA_TYPE}"/>')
        parts.append(f"{inner}</{level}>")
    parts.append(f"{_PAD[depth + 1]}</identification>")
    return "".join(parts)


# Where an amendment's own IRI goes in its metadata, which is otherwise the same for all.
_WORK = "\x00"


class _Writer:
    """Writes the document's text, part by part, joined once at the end."""

    def __init__(self, draft: AknDraft) -> None:
        self.draft = draft
        self.out: list[str] = []
        self.work = f"/akn/{COUNTRY}/statement/{DOCUMENT_NAME}/{draft.work_date.isoformat()}/" \
                    f"{_slug(draft.work_symbol)}"
        self.language = LANGUAGE_CODES.get(draft.language, "und")
        self.expression = f"{self.work}/{self.language}@{draft.issued.isoformat()}"
        if draft.revision_number is None:
            # Today's text is not circulated: its own expression, not rev. N's.
            self.expression += "-working"
        self.code_of = {name: code for code, name in draft.delegations}
        self.eids = {row.paragraph_id: eid_of(row.label, row.kind) for row in draft.rows}

    def statement(self) -> bytes:
        draft, out = self.draft, self.out
        out.append(f"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso xmlns=\"{NAMESPACE}\">"
                   f'{_PAD[1]}<statement name="{DOCUMENT_NAME}">')
        out.append(_identification(2, self.work, self.expression, draft.work_date,
                                   draft.issued, self.language, draft.revision_number))
        self._references()
        out.append(f"{_PAD[2]}</meta>{_PAD[2]}<preface>")
        if draft.council:
            out.append(f'{_PAD[3]}<p class="council">{_text(draft.council)}</p>')
        language = LANGUAGE_NAMES.get(draft.language, draft.language)
        out.append(
            _element(3, "p", _text(draft.committee), ' class="committee"')
            + f"{_PAD[3]}<p>{_element(4, 'docNumber', _text(draft.symbol))}{_PAD[3]}</p>"
            f"{_PAD[3]}<p>"
            + _element(4, "docDate", _text(draft.issued_label),
                       f' date="{draft.issued.isoformat()}"')
            + f"{_PAD[3]}</p>"
            + _element(3, "p", _text(f"Original: {language}"), ' class="original"')
            + f"{_PAD[3]}<longTitle>{_PAD[4]}<p>"
            + _element(5, "docTitle", _text(draft.negotiation_title))
            + f"{_PAD[4]}</p>{_PAD[3]}</longTitle>{_PAD[2]}</preface>")

        sections: list[Section] = []
        by_section: dict[int, list[DraftRow]] = {}
        for row in draft.rows:
            if row.section.id not in by_section:
                sections.append(row.section)
            by_section.setdefault(row.section.id, []).append(row)
        self._preamble(sections, by_section)
        self._body(sections, by_section)
        self._amendments()
        out.append(f"{_PAD[1]}</statement>\n</akomaNtoso>\n")
        return "".join(out).encode()

    def _references(self) -> None:
        draft, pad = self.draft, _PAD[4]
        out = [f'{_PAD[3]}<references source="#secretariat">',
               f'{pad}<TLCOrganization eId="committee" href="/ontology/organization/{COUNTRY}/'
               f'{_attribute(_slug(draft.committee))}" showAs="{_attribute(draft.committee)}"/>',
               f'{pad}<TLCOrganization eId="secretariat" href="/ontology/organization/{COUNTRY}'
               '/secretariat" showAs="Secretariat"/>']
        for code, name in draft.delegations:
            token = _token(code)
            out.append(f'{pad}<TLCOrganization eId="delegation_{token}" href="/ontology/'
                       f'organization/{COUNTRY}/{token}" showAs="{_attribute(name)}"/>')
        out.append(f'{pad}<TLCRole eId="author" href="/ontology/role/akn/author" '
                   f'showAs="Author"/>{_PAD[3]}</references>')
        self.out.append("".join(out))

    def _preamble(self, sections: list[Section], by_section: dict[int, list[DraftRow]]) -> None:
        out, opened = self.out, False
        for section in sections:
            recitals = [r for r in by_section[section.id] if r.kind is ParagraphKind.PREAMBULAR]
            if not recitals:
                continue
            if not opened:
                out.append(f"{_PAD[2]}<preamble>")
                opened = True
            eid = _attribute(section_eid(section))
            out.append(f'{_PAD[3]}<recitals eId="{eid}__recitals" refersTo="#{eid}">'
                       + _element(4, "heading", _name(section.title)))
            for row in recitals:
                out.append(f'{_PAD[4]}<recital eId="{_attribute(self.eids[row.paragraph_id])}">'
                           f'{_element(5, "p", _text(row.text))}{_PAD[4]}</recital>')
            out.append(f"{_PAD[3]}</recitals>")
        if opened:
            out.append(f"{_PAD[2]}</preamble>")

    def _body(self, sections: list[Section], by_section: dict[int, list[DraftRow]]) -> None:
        out = self.out
        if not sections:
            out.append(f"{_PAD[2]}<mainBody/>")
            return
        out.append(f"{_PAD[2]}<mainBody>")
        area: int | None = None  # the thematic area whose container is open
        for section in sections:
            depth = 3
            if section.kind.value == "item" and section.area is not None:
                if area != section.area:
                    if area is not None:
                        out.append(f"{_PAD[3]}</hcontainer>")
                    area = section.area
                    number = ROMAN[area] if area < len(ROMAN) else str(area)
                    out.append(f'{_PAD[3]}<hcontainer name="{AREA_CONTAINER}" eId="area_{area}">'
                               + _element(4, "num", _text(number)))
                depth = 4
            elif area is not None:
                out.append(f"{_PAD[3]}</hcontainer>")
                area = None
            self._section(section, by_section[section.id], depth)
        if area is not None:
            out.append(f"{_PAD[3]}</hcontainer>")
        out.append(f"{_PAD[2]}</mainBody>")

    def _section(self, section: Section, rows: list[DraftRow], depth: int) -> None:
        out = self.out
        pad, inner, leaf = _PAD[depth + 1], _PAD[depth + 2], _PAD[depth + 3]
        out.append(f'{_PAD[depth]}<hcontainer name="{_attribute(section.kind.value)}" '
                   f'eId="{_attribute(section_eid(section))}">'
                   + _element(depth + 1, "heading", _name(section.title)))
        chapeau = False  # a mandates paragraph is open, its lettered points following it
        for row in rows:
            if row.kind is ParagraphKind.PREAMBULAR:
                continue
            eid = _attribute(self.eids[row.paragraph_id])
            if row.kind is ParagraphKind.SUBPARAGRAPH and chapeau:
                text = _element(depth + 4, "p", _text(row.text))
                letter = _text("(" + row.label.rpartition("(")[2])
                out.append(f'{inner}<point eId="{eid}">{_element(depth + 3, "num", letter)}'
                           f"{leaf}<content>{text}{leaf}</content>{inner}</point>")
                continue
            if chapeau:
                out.append(f"{pad}</paragraph>")
            text = _element(depth + 3, "p", _text(row.text))
            number = _element(depth + 2, "num", _name(f"{row.label}."))
            if row.is_mandates:
                # The chapeau introduces the lettered mandates that follow it.
                out.append(f'{pad}<paragraph eId="{eid}" class="mandates">{number}'
                           f"{inner}<intro>{text}{inner}</intro>")
                chapeau = True
            else:
                out.append(f'{pad}<paragraph eId="{eid}">{number}'
                           f"{inner}<content>{text}{inner}</content>{pad}</paragraph>")
                chapeau = False
        if chapeau:
            out.append(f"{pad}</paragraph>")
        out.append(f"{_PAD[depth]}</hcontainer>")

    def _amendments(self) -> None:
        draft = self.draft
        if not draft.proposals:
            return
        work = f"/akn/{COUNTRY}/amendment/{DOCUMENT_NAME}/{draft.work_date.isoformat()}/" \
               f"{_slug(draft.work_symbol)}-proposal-"
        # The expression's IRI ends in "@" (its original version) for a proposal.
        meta = _identification(5, _WORK, f"{_WORK}/{self.language}@", draft.work_date,
                               draft.issued, self.language, draft.revision_number)
        # Every amendment's metadata, but for its IRI: split once where the IRI goes.
        meta_parts = meta.replace(_WORK, work + _WORK).split(_WORK)
        out = self.out
        out.append(f"{_PAD[2]}<attachments>")
        for row in draft.rows:
            proposals = draft.proposals.get(row.paragraph_id)
            if not proposals:
                continue
            what = "preambular paragraph" if row.kind is ParagraphKind.PREAMBULAR \
                else "paragraph"
            target = (f'<ref href="#{_attribute(self.eids[row.paragraph_id])}">'
                      f'{_text(f"{what} {row.label}")}</ref>')
            text = _text(row.text)
            out.extend([self._amendment(proposal, meta_parts, target, text)
                        for proposal in proposals])
        out.append(f"{_PAD[2]}</attachments>")

    def _amendment(self, proposal: ProposalView, meta_parts: list[str], target: str,
                   text: str) -> str:
        """One proposal as an amendment; ``target`` is the reference to its paragraph and
        ``text`` the paragraph's text, both escaped."""
        number = str(proposal.number)
        proponents = _proponent(proposal.delegation, proposal.delegation_code, _AUTHOR)
        if proposal.supporters:
            proponents += "".join([_proponent(name, self.code_of.get(name, name), _SUPPORTER)
                                   for name in proposal.supporters])
        justification = (f"{_PAD[6]}<amendmentJustification>{_PAD[7]}<p>"
                         f"{_text(proposal.comment)}</p>{_PAD[6]}</amendmentJustification>"
                         if proposal.comment else "")
        return (f'{_PAD[3]}<attachment eId="att_{number}">{_PAD[4]}<amendment '
                f'name="proposal" contains="originalVersion">{number.join(meta_parts)}'
                f"{_PAD[5]}</meta>{_PAD[5]}<preface>{_PAD[6]}<p>{proponents}"
                f"{_PAD[6]}</p>{_PAD[5]}</preface>{_PAD[5]}<amendmentBody>"
                f"{_PAD[6]}<amendmentHeading>{_PAD[7]}<p>Proposal {number}, "
                f"{_KIND_LABELS[proposal.kind]}, on {target}</p>{_PAD[6]}</amendmentHeading>"
                f"{_PAD[6]}<amendmentContent>{_content(proposal, text)}"
                f"{_PAD[6]}</amendmentContent>{justification}"
                f"{_PAD[5]}</amendmentBody>{_PAD[4]}</amendment>{_PAD[3]}</attachment>")


_AUTHOR = ' as="#author"'
_SUPPORTER = ' class="supporter"'
_KIND_LABELS = {kind: _text(kind.label.lower()) for kind in AmendmentKind}
_MARK = {INSERT: "ins", DELETE: "del"}
# Each piece of tracked changes between its opening and closing tags (none for kept text).
_OPEN = {EQUAL: "", INSERT: "<ins>", DELETE: "<del>"}
_CLOSE = {EQUAL: "", INSERT: "</ins>", DELETE: "</del>"}
_MARKED_LINE = {INSERT: _PAD[8] + "<ins>", DELETE: _PAD[8] + "<del>"}


def _content(proposal: ProposalView, text: str) -> str:
    """The proposed text as tracked changes, in the amendment's content paragraph;
    ``text`` is the paragraph's own, escaped."""
    changes = proposal.changes
    if proposal.kind is AmendmentKind.DELETE:
        return f"{_PAD[7]}<p>{_PAD[8]}<del>{text}</del>{_PAD[7]}</p>"
    if not changes:
        return f"{_PAD[7]}<p>{text}</p>"
    if all(op in _MARK for op, _ in changes):
        # Only marked pieces, no text around them (not even an empty one): each on a line
        # of its own, as lxml's pretty printer puts a paragraph's elements when it holds
        # no text.
        return (f"{_PAD[7]}<p>"
                + "".join([f"{_MARKED_LINE[op]}{_text(part)}{_CLOSE[op]}"
                           for op, part in changes])
                + f"{_PAD[7]}</p>")
    return (f"{_PAD[7]}<p>"
            + "".join([f"{_OPEN[op]}{_text(part)}{_CLOSE[op]}" for op, part in changes])
            + "</p>")


@lru_cache(maxsize=4096)
def _proponent(name: str, code: str, attribute: str) -> str:
    return _element(7, "docProponent", _name(name),
                    f' refersTo="#{_attribute(delegation_eid(code))}"{attribute}')


def akoma_ntoso(draft: AknDraft) -> bytes:
    """The draft's Akoma Ntoso document as a UTF-8 XML file."""
    return _Writer(draft).statement()
