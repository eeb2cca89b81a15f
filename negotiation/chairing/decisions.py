"""What the chair decides on paragraphs: triage, the events of their machine and the facts
its guards read, and what the record says of each decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.calendar.deadlines import (
    applicable_deadline,
    describe_deadline,
    meetings_for,
    open_before,
    outside_meeting_reason,
)
from negotiation.draft.capcheck import breach_if_approved
from negotiation.draft.drafting import labels, name_in_draft, paragraphs_of
from negotiation.draft.lifecycle import CONSIDERATION_RANK, Facts, fire_paragraph
from negotiation.draft.remarks import note_remarks
from negotiation.enums import AmendmentKind, AmendmentState, ParagraphState, ProposerKind
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import Amendment, Negotiation, Paragraph, RecordEntry, Section
from negotiation.notices.telling import paragraph_decided
from negotiation.people.permissions import require_chair
from negotiation.record.journal import record
from negotiation.record.wording import Wording, phrase, says, written_in_english
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit

#: A reason is kept in the record (and with the proposal it resolves).
REASON_LIMIT = column_limit(RecordEntry.reason)


def proposals_on(session: Session, paragraph: Paragraph) -> list[Amendment]:
    """Every proposal ever made on the paragraph, oldest first."""
    return list(
        session.scalars(
            select(Amendment)
            .where(Amendment.paragraph_id == paragraph.id)
            .order_by(Amendment.submitted_at, Amendment.id)
        )
    )


def paragraph_facts(
    session: Session,
    negotiation: Negotiation,
    paragraph: Paragraph,
    actor: Actor,
    now: datetime,
    *,
    reason: str = "",
    override_reason: str = "",
    for_approval: bool = False,
) -> Facts:
    """Gather what the state machine's guards need to decide on this paragraph."""
    proposals = proposals_on(session, paragraph)
    blocking = [
        a for a in proposals
        if a.is_open and a.kind in (AmendmentKind.MODIFY, AmendmentKind.DELETE)
    ]
    deadline = applicable_deadline(session, negotiation, paragraph.section)
    facts = Facts(
        submissions_closed=not open_before(deadline, now),
        deadline_label=describe_deadline(deadline, negotiation),
        open_proposals=len(blocking),
        has_remarks=any(a.is_open for a in proposals),
        override_reason=override_reason,
        is_proposer=actor.delegation_id is not None
        and actor.delegation_id == paragraph.proposer_delegation_id,
        proposed_by_delegation=paragraph.proposer_kind is ProposerKind.DELEGATION,
        reason=reason,
    )
    if for_approval:
        draft = paragraphs_of(session, negotiation)
        label_of = labels(draft)
        facts.earlier_pending = _earlier_pending(paragraph, draft, label_of)
        facts.cap_breach = breach_if_approved(session, negotiation, paragraph, draft, label_of, now)
        facts.outside_meeting = outside_meeting_reason(
            meetings_for(session, negotiation, paragraph.section), negotiation, now)
    return facts


def _earlier_pending(
    paragraph: Paragraph, everything: list[Paragraph], label_of: dict[int, str]
) -> list[str]:
    rank = CONSIDERATION_RANK.get(paragraph.state)
    if rank is None:
        return []
    return [
        f"{label_of[p.id]} ({p.state.label.lower()})"
        for p in everything
        if p.id != paragraph.id and CONSIDERATION_RANK.get(p.state, rank) < rank
    ]


def decide(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    paragraph: Paragraph,
    event: str,
    now: datetime,
    *,
    reason: str | Wording = "",
    override_reason: str = "",
    seen: ParagraphState | None = None,
    numbering: dict[int, str] | None = None,
) -> list[str]:
    """Fire one of the chair's events on a paragraph, and record it.

    The events are those of :mod:`negotiation.draft.lifecycle`: find_consensus, mark_amended,
    approve, return_to_consultations, resume, reopen and delete_by_agreement. Approval
    belongs to the calendar's meetings; when the calendar has none, it is allowed and the
    returned notices (also in the record) say so. ``seen`` is the state the chair saw when
    deciding: if the paragraph moved since (a vice-chair's act at the same moment), the
    decision is refused, so that a paragraph moves once. ``reason`` is the chair's own
    text, or the app's words when the decision follows another act (a request to delete
    accepted): the record keeps those as words, for each reader's language.
    """
    require_chair(actor, "decide on paragraphs")
    if seen is not None and paragraph.state is not seen:
        raise RefusedTransition(
            "While you were deciding, the paragraph moved from %(seen)s to %(now)s; your "
            "decision was not applied. Look at the paragraph as it stands before deciding "
            "again.",
            seen=Term(seen.label, lower=True), now=Term(paragraph.state.label, lower=True),
        )
    if event == "withdraw":
        raise InvalidSubmission("Only the proposing delegation withdraws its paragraph.")
    said = None if isinstance(reason, str) else reason
    reason = (checked_text(reason, N_("The reason"), limit=REASON_LIMIT) if said is None
              else written_in_english(said))
    override_reason = checked_text(override_reason, N_("The reason for the order"),
                                   limit=REASON_LIMIT)
    before = paragraph.state
    name = name_in_draft(session, paragraph, numbering)  # before it may lose its number
    facts = paragraph_facts(
        session, negotiation, paragraph, actor, now,
        reason=reason, override_reason=override_reason, for_approval=event == "approve",
    )
    fire_paragraph(paragraph, event, facts)
    if event in PARAGRAPH_OUTCOMES:
        _close_with_paragraph(session, paragraph, event, reason, now)
    session.flush()
    overridden = bool(override_reason.strip()) and bool(facts.earlier_pending)
    notices = []
    if event == "approve" and not meetings_for(session, negotiation, paragraph.section):
        notices.append(N_("The calendar has no meetings, so the approval was made outside one."))
    record(
        session, negotiation.id, actor, now, event,
        _decided(name, before, paragraph.state, overridden=overridden,
                 outside_meetings=bool(notices)),
        subject=f"paragraph:{paragraph.id}",
        reason=override_reason if overridden else (said or reason),
    )
    if event in _TOLD:
        paragraph_decided(session, negotiation, name, proposals_on(session, paragraph),
                          _TOLD[event], now)
    return notices


#: The decisions on a paragraph its proposers are told of (triage's sorting is not one).
_TOLD = {"approve": "approved", "return_to_consultations": "deferred to informal consultations"}

#: The chair's events that end a paragraph's negotiation, and what its remarks then read
#: (stored in English, shown as ``{{ _(note) }}``: marked for the catalogs).
PARAGRAPH_OUTCOMES = {
    "approve": N_("The paragraph was approved"),
    "delete_by_agreement": N_("The paragraph was deleted by agreement"),
}


def _close_with_paragraph(
    session: Session, paragraph: Paragraph, event: str, reason: str, now: datetime
) -> None:
    """What stays open on a paragraph that is approved or deleted follows its outcome: a
    delegation's new paragraph is its proposal (accepted, or not retained with the reason),
    and comments and supports are noted."""
    for amendment in proposals_on(session, paragraph):
        if amendment.kind is AmendmentKind.NEW and amendment.is_open:
            approved = event == "approve"
            amendment.state = AmendmentState.ACCEPTED if approved else AmendmentState.NOT_RETAINED
            amendment.resolution_note = "Approved" if approved else reason
            amendment.resolved_at = now
    note_remarks(session, paragraph, PARAGRAPH_OUTCOMES[event], now)


def triage_section(
    session: Session, negotiation: Negotiation, actor: Actor, section: Section, now: datetime
) -> dict[ParagraphState, int]:
    """Sort every proposed paragraph of a section into the procedure's groups.

    No paragraph stays proposed: one with an open modification or request to delete is
    amended (those usually arrive marked already), every other one, including those that
    drew only comments or supports, is in consensus in principle. The comments stay beside
    it, and the chair can still mark it as having modifications.
    """
    require_chair(actor, "triage the draft")
    deadline = applicable_deadline(session, negotiation, section)
    if open_before(deadline, now):
        raise RefusedTransition(
            "Delegations may still send proposals on %(section)s until %(deadline)s; triage "
            "it after that deadline.",
            section=section.title, deadline=describe_deadline(deadline, negotiation),
        )
    moved: dict[ParagraphState, int] = {}
    # The whole draft, then filtered: asking for proposed paragraphs only would drop the
    # mandates of a chapeau that is already amended, and they would stay proposed.
    draft = paragraphs_of(session, negotiation)
    label_of = labels(draft)  # triage moves no paragraph in or out of the numbering
    for paragraph in draft:
        if paragraph.section_id != section.id or paragraph.state is not ParagraphState.PROPOSED:
            continue
        facts = paragraph_facts(session, negotiation, paragraph, actor, now)
        event = "mark_amended" if facts.open_proposals else "find_consensus"
        decide(session, negotiation, actor, paragraph, event, now, numbering=label_of)
        moved[paragraph.state] = moved.get(paragraph.state, 0) + 1
    return moved


def _decided(name: Term, before: ParagraphState, after: ParagraphState, *, overridden: bool,
             outside_meetings: bool) -> Wording:
    """What the record says of a chair's decision on a paragraph ("Operative paragraph 4:
    under consideration → approved"), with what set it apart from the usual."""
    said = says(N_("%(paragraph)s: %(before)s → %(after)s"),
                paragraph=phrase(name, capitalised=True),
                before=Term(before.label, lower=True), after=Term(after.label, lower=True))
    if overridden:
        said = says(N_("%(decision)s (order of consideration overridden)"), decision=said)
    if outside_meetings:
        said = says(N_("%(decision)s (no meeting in the calendar)"), decision=said)
    return said
