"""Circulating revisions of the draft: frozen snapshots, and the procedure's grouping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.deadlines import submissions_open
from negotiation.drafting import labels, paragraphs_of
from negotiation.enums import LIVE_STATES, ParagraphState
from negotiation.errors import NeedsConfirmation
from negotiation.journal import record
from negotiation.models import Negotiation, Paragraph, Revision, RevisionEntry, Section
from negotiation.permissions import require_chair

#: The three groups of a revised draft, in the order the chair puts them to approval.
GROUPS = (
    ("consensus", "Paragraphs in consensus in principle"),
    ("amended", "Paragraphs with proposed modifications"),
    ("new", "New paragraphs proposed by delegations"),
)


def group_of(state: ParagraphState) -> str:
    """The procedure's group of a paragraph state; decided paragraphs join the consensus."""
    if state is ParagraphState.NEW:
        return "new"
    if state in (ParagraphState.AMENDED, ParagraphState.CONSULTATIONS):
        return "amended"
    return "consensus"


def revision_symbol(negotiation: Negotiation, number: int) -> str:
    return negotiation.symbol if number == 0 else f"{negotiation.symbol} rev. {number}"


def untriaged_sections(
    session: Session, negotiation: Negotiation, now: datetime
) -> list[Section]:
    """Sections whose deadline has passed and that still hold proposed paragraphs."""
    waiting = set(session.scalars(
        select(Paragraph.section_id).where(Paragraph.negotiation_id == negotiation.id,
                                           Paragraph.state == ParagraphState.PROPOSED)
    ))
    return [s for s in negotiation.sections if s.id in waiting
            and not submissions_open(session, negotiation, s, now)]


def circulate_revision(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    now: datetime,
    note: str = "",
    *,
    confirmed: bool = False,
) -> Revision:
    """Freeze the draft as it stands into the next revision (rev. 0 is the first draft).

    A revision circulated after the deadline groups paragraphs as the procedure says; a
    section left untriaged would show its paragraphs as merely proposed, so the chair is
    asked to confirm, with the sections named.
    """
    require_chair(actor, "circulate a revision")
    untriaged = untriaged_sections(session, negotiation, now)
    if untriaged and not confirmed:
        titles = [s.title for s in untriaged]
        raise NeedsConfirmation(
            f"{len(titles)} section(s) are not triaged yet: {'; '.join(titles)}. Their "
            "paragraphs would circulate as merely proposed. Triage them first, or confirm "
            "to circulate the draft as it stands.",
            titles,
        )
    last = session.scalar(
        select(func.max(Revision.number)).where(Revision.negotiation_id == negotiation.id)
    )
    number = 0 if last is None else last + 1
    revision = Revision(
        negotiation_id=negotiation.id,
        number=number,
        symbol=revision_symbol(negotiation, number),
        circulated_at=now,
        circulated_by=actor.name,
        note=note,
    )
    session.add(revision)
    paragraphs = [p for p in paragraphs_of(session, negotiation) if p.state in LIVE_STATES]
    label_of = labels(paragraphs)
    for position, paragraph in enumerate(paragraphs, start=1):
        revision.entries.append(_entry(paragraph, position, label_of[paragraph.id]))
    session.flush()
    record(
        session, negotiation.id, actor, now, "revision_circulated",
        f"{revision.symbol} circulated ({len(paragraphs)} paragraphs)"
        + (f"; confirmed with untriaged sections: {', '.join(s.title for s in untriaged)}"
           if untriaged else ""),
        subject=f"revision:{revision.id}", reason=note,
    )
    return revision


def _entry(paragraph: Paragraph, position: int, label: str) -> RevisionEntry:
    return RevisionEntry(
        paragraph_id=paragraph.id,
        version_id=paragraph.current_version.id,
        section_id=paragraph.section_id,
        parent_id=paragraph.parent_id,
        kind=paragraph.kind,
        is_mandates=paragraph.is_mandates,
        state=paragraph.state,
        position=position,
        label=label,
    )


def revisions_of(session: Session, negotiation: Negotiation) -> list[Revision]:
    return list(
        session.scalars(
            select(Revision)
            .where(Revision.negotiation_id == negotiation.id)
            .order_by(Revision.number)
        )
    )
