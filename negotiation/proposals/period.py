"""Whether a negotiation takes proposals now: its first draft circulated, and its submission
deadlines. Every submission asks both, so one query reads them together."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from negotiation.enums import MilestoneKind
from negotiation.models import Milestone, Negotiation, Revision


@dataclass(frozen=True)
class ProposalsOpen:
    """Whether the first draft (rev. 0) went out, and the negotiation's submission
    deadlines, latest first (as :func:`negotiation.calendar.deadlines.applicable_deadline` reads
    them)."""

    circulated: bool
    deadlines: list[Milestone] = field(default_factory=list)


@cache
def _circulation_and_deadlines() -> Select[tuple[bool, Milestone | None]]:
    """One row per submission deadline (or one without a deadline), each with whether a
    revision was circulated. Built once: building a query costs more than running it."""
    circulated = select(Revision.id).where(Revision.negotiation_id == Negotiation.id).exists()
    return (
        select(circulated, Milestone).select_from(Negotiation)
        .outerjoin(Milestone, (Milestone.negotiation_id == Negotiation.id)
                   & (Milestone.kind == MilestoneKind.SUBMISSION_DEADLINE)
                   & Milestone.removed_at.is_(None))
        .where(Negotiation.id == bindparam("negotiation_id"))
        .order_by(Milestone.at.desc())
    )


def proposals_open(session: Session, negotiation: Negotiation) -> ProposalsOpen:
    """Whether the negotiation's first draft is circulated, with its submission deadlines."""
    rows = session.execute(_circulation_and_deadlines(),
                           {"negotiation_id": negotiation.id}).all()
    if not rows:
        return ProposalsOpen(False)
    return ProposalsOpen(bool(rows[0][0]), [m for _, m in rows if m is not None])
