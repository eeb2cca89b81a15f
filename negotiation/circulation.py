"""Circulating revisions of the draft: frozen snapshots, and the procedure's grouping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.drafting import labels, paragraphs_of
from negotiation.enums import LIVE_STATES, ParagraphState
from negotiation.errors import InvalidSubmission
from negotiation.journal import record
from negotiation.models import Negotiation, Paragraph, Revision, RevisionEntry
from negotiation.permissions import require_chair
from negotiation.setup.numbering import fix_numbers


def lock_negotiation(session: Session, negotiation: Negotiation) -> None:
    """Take the negotiation's row lock (PostgreSQL; SQLite serialises writers anyway), so
    that drafting acts and circulations of one negotiation happen one after the other."""
    session.execute(
        select(Negotiation.id).where(Negotiation.id == negotiation.id).with_for_update()
    )


def is_circulated(session: Session, negotiation: Negotiation) -> bool:
    """Whether the first draft (rev. 0) went out: the draft's structure is then frozen."""
    return session.scalar(
        select(Revision.id).where(Revision.negotiation_id == negotiation.id).limit(1)
    ) is not None

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
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    now: datetime,
    note: str = "",
    *,
    renumber: bool = False,
) -> Revision:
    """Freeze the draft as it stands into the next revision (rev. 0 is the first draft).

    Circulating rev. 0 ends the chair's drafting: the sections and paragraphs are frozen
    and delegations' proposals go through the procedure from then on. Each paragraph keeps
    the number it is circulated under; ``renumber`` numbers the draft in order again.
    """
    require_chair(actor, "circulate a revision")
    lock_negotiation(session, negotiation)
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
    if number == 0 and not paragraphs:
        raise InvalidSubmission("The draft has no paragraph yet: there is nothing to circulate.")
    label_of = labels(paragraphs, renumber=renumber)
    fix_numbers(paragraphs, label_of)
    for position, paragraph in enumerate(paragraphs, start=1):
        revision.entries.append(_entry(paragraph, position, label_of[paragraph.id]))
    session.flush()
    renumbered = ", paragraphs renumbered" if renumber and number else ""
    record(
        session, negotiation.id, actor, now, "revision_circulated",
        f"{revision.symbol} circulated ({len(paragraphs)} paragraphs{renumbered})",
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
