"""Circulating revisions of the draft: frozen snapshots, and the procedure's grouping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.drafting import labels, paragraphs_of
from negotiation.enums import LIVE_STATES, ParagraphState
from negotiation.journal import record
from negotiation.models import Negotiation, Paragraph, Revision, RevisionEntry
from negotiation.permissions import require_chair
from negotiation.textcheck import checked_text, column_limit

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


def circulate_revision(
    session: Session, negotiation: Negotiation, actor: Actor, now: datetime, note: str = ""
) -> Revision:
    """Freeze the draft as it stands into the next revision (rev. 0 is the first draft)."""
    require_chair(actor, "circulate a revision")
    note = checked_text(note, "The note", limit=column_limit(Revision.note))
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
        f"{revision.symbol} circulated ({len(paragraphs)} paragraphs)",
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
