"""What happened since a person last opened a negotiation's home page: the same notices
that are mailed, read from the notice rows, for the people they concern."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from negotiation.models import LastVisit, Notice

#: A first visit shows the latest events, at most this many (as does a long absence).
SHOWN = 30


def since_last_visit(session: Session, account_id: int, negotiation_id: int,
                     delegation_id: int | None, now: datetime,
                     role: str | None = None) -> list[Notice]:
    """The events since the person's last visit, newest first, and this visit kept as the
    last one. ``delegation_id`` is the person's delegation: its own events are shown too;
    ``role`` the person's role in the negotiation: the events addressed to it as well."""
    visit = session.get(LastVisit, (account_id, negotiation_id), with_for_update=True)
    concerned = Notice.delegation_id.is_(None) & (Notice.roles == "")
    if delegation_id is not None:
        concerned = or_(concerned, Notice.delegation_id == delegation_id)
    if role:
        # "chair" among "chair secretariat": the list padded so that a role matches whole.
        concerned = or_(concerned, (" " + Notice.roles + " ").contains(f" {role} "))
    query = select(Notice).where(Notice.negotiation_id == negotiation_id, concerned,
                                 Notice.at <= now)
    if visit is not None:
        query = query.where(Notice.at > visit.at)
    found = list(session.scalars(query.order_by(Notice.at.desc(), Notice.id.desc())
                                 .limit(SHOWN)))
    if visit is None:
        try:
            with session.begin_nested():
                session.add(LastVisit(account_id=account_id, negotiation_id=negotiation_id,
                                      at=now))
        except IntegrityError:
            pass  # the same person's other tab wrote the first visit at the same moment
    elif now > visit.at:
        # A rehearsal clock moved back is no visit "later": the last one stays.
        visit.at = now
    session.flush()
    return found
