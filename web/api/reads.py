"""What a token reads: the same as its owner's pages show them, by the same predicates."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from negotiation.draft.capcheck import cap_reports
from negotiation.draft.circulation import revisions_of
from negotiation.draft.drafting import label_of, sections_of
from negotiation.draft.draftrows import live_rows
from negotiation.models import Amendment, AmendmentSupport, Milestone, RecordEntry
from negotiation.people.appointments import negotiations_of
from negotiation.people.permissions import can_read_record, require
from negotiation.text.languages import N_
from web.api.blueprint import api, holder
from web.api.errors import ApiRefusal
from web.api.schemas import (
    CalendarOut,
    CapOut,
    CapsOut,
    DraftOut,
    MilestoneOut,
    NegotiationsOut,
    ParagraphDetailOut,
    ParagraphOut,
    ProposalOut,
    ProposalsOut,
    RecordOut,
    RevisionOut,
    RevisionsOut,
    SectionOut,
)
from web.api.shapes import (
    negotiation_out,
    paragraph_out,
    proposal_out,
    record_entry_out,
    row_out,
    version_out,
)
from web.draft.paragraphpage import paragraph_for_page
from web.plumbing.access import actor, negotiation, now
from web.plumbing.dbsession import db
from web.words.languages import current_language

#: The record's entries an answer holds at most, newest first (the record page's own).
RECORD_LIMIT = 200


@api.operation("GET", "/negotiations", summary="The negotiations the token's owner takes "
               "part in, and the one the token opens", answers={200: NegotiationsOut},
               tag="read")
def negotiations() -> NegotiationsOut:
    found = holder()
    return NegotiationsOut(
        token_negotiation=negotiation_out(found.negotiation), role=found.actor.role,
        negotiations=[negotiation_out(n) for n in negotiations_of(db(), found.account)])


@api.operation("GET", "/calendar", summary="The calendar: deadlines and meetings",
               answers={200: CalendarOut}, tag="read")
def calendar() -> CalendarOut:
    milestones = db().scalars(
        select(Milestone).where(Milestone.negotiation_id == negotiation().id)
        .options(joinedload(Milestone.section)).order_by(Milestone.at, Milestone.id))
    return CalendarOut(milestones=[
        MilestoneOut(id=m.id, kind=m.kind, title=m.title, at=m.at,
                     section_code=m.section.code if m.section else None)
        for m in milestones])


@api.operation("GET", "/draft", summary="The draft as it stands: sections, paragraphs with "
               "their labels, states and current versions", answers={200: DraftOut},
               tag="read")
def draft() -> DraftOut:
    session, current = db(), negotiation()
    sections = {s.id: s for s in sections_of(session, current)}
    paragraphs: dict[int, list[ParagraphOut]] = {section_id: [] for section_id in sections}
    for row in live_rows(session, current, sections):
        paragraphs[row.section.id].append(row_out(row))
    return DraftOut(negotiation=negotiation_out(current), sections=[
        SectionOut(id=s.id, code=s.code, title=s.title, paragraphs=paragraphs[s.id])
        for s in sections.values()])


@api.operation("GET", "/paragraphs/<int:paragraph_id>", summary="One paragraph: every "
               "version and every proposal on it", answers={200: ParagraphDetailOut},
               tag="read")
def paragraph(paragraph_id: int) -> ParagraphDetailOut:
    session = db()
    found = paragraph_for_page(session, paragraph_id)
    if found is None or found.negotiation_id != negotiation().id:
        raise ApiRefusal(404, "not_found", N_("There is no such paragraph in this negotiation."))
    proposals = _proposals(Amendment.paragraph_id == found.id)
    return ParagraphDetailOut(
        paragraph=paragraph_out(found, label_of(session, found)),
        versions=[version_out(v) for v in found.versions],
        proposals=proposals)


@api.operation("GET", "/proposals", summary="Every proposal, with its diff as insert, "
               "delete and equal runs", answers={200: ProposalsOut}, tag="read")
def proposals() -> ProposalsOut:
    return ProposalsOut(proposals=_proposals(Amendment.negotiation_id == negotiation().id))


@api.operation("GET", "/proposals/<int:proposal_id>", summary="One proposal",
               answers={200: ProposalOut}, tag="read")
def proposal(proposal_id: int) -> ProposalOut:
    found = _proposals(Amendment.id == proposal_id,
                       Amendment.negotiation_id == negotiation().id)
    if not found:
        raise ApiRefusal(404, "not_found", N_("There is no such proposal in this negotiation."))
    return found[0]


@api.operation("GET", "/revisions", summary="The circulated revisions (rev. 0, rev. 1 ...)",
               answers={200: RevisionsOut}, tag="read")
def revisions() -> RevisionsOut:
    return RevisionsOut(revisions=[
        RevisionOut(number=r.number, symbol=r.symbol, circulated_at=r.circulated_at,
                    note=r.note) for r in revisions_of(db(), negotiation())])


@api.operation("GET", "/caps", summary="Each section counted against the caps in force "
               "today", answers={200: CapsOut}, tag="read")
def caps() -> CapsOut:
    return CapsOut(sections=[
        CapOut(section_code=r.code, title=r.title, preambular=r.preambular,
               operative=r.operative, mandates=r.mandates, breaches=r.breaches)
        for r in cap_reports(db(), negotiation(), now())])


@api.operation("GET", "/record", summary=f"The record, newest first (at most {RECORD_LIMIT} "
               "entries; the chair and the secretariat)", answers={200: RecordOut},
               tag="read")
def record() -> RecordOut:
    """Each entry reads in the language the request asks for (`Accept-Language`), else in
    the token owner's, else in English (`text`, `reason_text`, `language`); `summary` and
    `reason` stay as the record keeps them."""
    require(can_read_record(actor()), N_("Only the chair and the secretariat read the record."))
    entries = db().scalars(
        select(RecordEntry).where(RecordEntry.negotiation_id == negotiation().id)
        .order_by(RecordEntry.id.desc()).limit(RECORD_LIMIT))
    return RecordOut(entries=[record_entry_out(e, current_language()) for e in entries])


def _proposals(*where: object) -> list[ProposalOut]:
    """Proposals with their delegations and co-sponsors, in one query, oldest first."""
    found = db().scalars(
        select(Amendment).where(*where)  # type: ignore[arg-type]
        .options(joinedload(Amendment.delegation),
                 joinedload(Amendment.supports).joinedload(AmendmentSupport.delegation))
        .order_by(Amendment.submitted_at, Amendment.id)).unique()
    return [proposal_out(a) for a in found]
