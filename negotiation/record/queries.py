"""Read-only queries the pages need: progress, a delegation's proposals, the installation's
own record."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from negotiation.enums import LIVE_STATES, AmendmentState, ParagraphState
from negotiation.models import Amendment, AmendmentSupport, Negotiation, Paragraph, RecordEntry


@dataclass(frozen=True)
class Progress:
    """Live paragraphs by state, and how many are approved."""

    by_state: dict[ParagraphState, int]
    approved: int
    total: int

    @property
    def percent_approved(self) -> int:
        return round(100 * self.approved / self.total) if self.total else 0


def progress(session: Session, negotiation: Negotiation) -> Progress:
    """The draft's progress: live paragraphs counted by state, by the database."""
    counts = dict(session.execute(
        select(Paragraph.state, func.count()).where(
            Paragraph.negotiation_id == negotiation.id,
            Paragraph.state.in_(list(LIVE_STATES)))
        .group_by(Paragraph.state)).all())
    ordered = {state: counts.get(state, 0) for state in ParagraphState if state in LIVE_STATES}
    return Progress(ordered, counts.get(ParagraphState.APPROVED, 0), sum(counts.values()))


def proposals_of_delegation(
    session: Session, negotiation: Negotiation, delegation_id: int
) -> list[Amendment]:
    """A delegation's own proposals, newest first."""
    return list(session.scalars(
        select(Amendment)
        .where(Amendment.negotiation_id == negotiation.id,
               Amendment.delegation_id == delegation_id)
        .options(selectinload(Amendment.paragraph), selectinload(Amendment.supports))
        .order_by(Amendment.submitted_at.desc(), Amendment.id.desc())
    ))


def proposals_joined_by(
    session: Session, negotiation: Negotiation, delegation_id: int
) -> list[Amendment]:
    """Proposals of other delegations that this delegation joined (and did not leave)."""
    return list(session.scalars(
        select(Amendment)
        .join(AmendmentSupport, AmendmentSupport.amendment_id == Amendment.id)
        .where(Amendment.negotiation_id == negotiation.id,
               AmendmentSupport.delegation_id == delegation_id,
               AmendmentSupport.withdrawn_at.is_(None))
        .order_by(Amendment.submitted_at.desc())
    ))


def open_proposal_count(session: Session, paragraph: Paragraph) -> int:
    return session.scalar(
        select(func.count()).select_from(Amendment).where(
            Amendment.paragraph_id == paragraph.id,
            Amendment.state == AmendmentState.SUBMITTED,
        )
    ) or 0


def last_record_id(session: Session, negotiation: Negotiation) -> int:
    """The newest record entry's id: anything that happened moves it."""
    return session.scalar(
        select(func.max(RecordEntry.id)).where(RecordEntry.negotiation_id == negotiation.id)
    ) or 0


def installation_entries(session: Session, limit: int) -> list[RecordEntry]:
    """The newest ``limit`` entries of acts that belong to no negotiation (accounts created,
    suspended or restored, sign-in locks and their lifting, passwords reset, addresses
    changed), newest first."""
    return list(session.scalars(
        select(RecordEntry).where(RecordEntry.negotiation_id.is_(None))
        .order_by(RecordEntry.at.desc(), RecordEntry.id.desc()).limit(limit)))


def open_proposals_on(session: Session, paragraph_ids: list[int]) -> dict[int, list[Amendment]]:
    """The open proposals on these paragraphs, oldest first, with their sponsors, in two
    queries whatever the number of paragraphs."""
    if not paragraph_ids:
        return {}
    found = session.scalars(
        select(Amendment)
        .where(Amendment.paragraph_id.in_(paragraph_ids),
               Amendment.state == AmendmentState.SUBMITTED)
        .options(selectinload(Amendment.supports).selectinload(AmendmentSupport.delegation),
                 selectinload(Amendment.delegation))
        .order_by(Amendment.submitted_at, Amendment.id)
    )
    by_paragraph: dict[int, list[Amendment]] = {}
    for amendment in found:
        by_paragraph.setdefault(amendment.paragraph_id, []).append(amendment)
    return by_paragraph
