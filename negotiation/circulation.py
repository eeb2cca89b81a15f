"""Circulating revisions of the draft: frozen snapshots, and the procedure's grouping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.drafting import labels, paragraphs_of
from negotiation.enums import LIVE_STATES, ParagraphState
from negotiation.errors import RefusedTransition
from negotiation.journal import record
from negotiation.models import Negotiation, Paragraph, Revision, RevisionEntry
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


def circulate_revision(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    now: datetime,
    note: str = "",
    *,
    expected_number: int | None = None,
) -> Revision:
    """Freeze the draft as it stands into the next revision (rev. 0 is the first draft).

    ``expected_number`` is the revision the chair meant to circulate: when another was
    circulated meanwhile, the act is refused rather than circulating the same draft twice.
    """
    require_chair(actor, "circulate a revision")
    # Circulations of one negotiation queue on its row (PostgreSQL; SQLite's writers
    # already run one at a time), so the next number is read after the previous commit.
    session.execute(
        select(Negotiation.id).where(Negotiation.id == negotiation.id).with_for_update()
    )
    last = session.scalars(
        select(Revision).where(Revision.negotiation_id == negotiation.id)
        .order_by(Revision.number.desc()).limit(1)
    ).first()
    number = 0 if last is None else last.number + 1
    if expected_number is not None and last is not None and expected_number != number:
        raise RefusedTransition(
            f"{last.symbol} was circulated by {last.circulated_by} while you were preparing "
            f"{revision_symbol(negotiation, expected_number)}; nothing more was circulated. "
            "Look at the revisions again before circulating the next one."
        )
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
