"""Writing to the negotiation's record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.models import RecordEntry


def record(
    session: Session,
    negotiation_id: int | None,
    actor: Actor,
    at: datetime,
    action: str,
    summary: str,
    subject: str = "",
    reason: str = "",
) -> RecordEntry:
    """Add one entry to the record; entries are never changed afterwards."""
    entry = RecordEntry(
        negotiation_id=negotiation_id,
        at=at,
        actor_role=actor.role,
        actor_name=actor.name,
        delegation_id=actor.delegation_id,
        action=action,
        subject=subject,
        summary=summary,
        reason=reason,
    )
    session.add(entry)
    return entry
