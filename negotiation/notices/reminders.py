"""Reminders of a deadline 48 and 24 hours ahead, written by the sender's pass; each
(deadline, moment, lead) once, so a moved date is reminded of again at its new moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.enums import MilestoneKind
from negotiation.models import Milestone, Negotiation, Notice
from negotiation.notices.telling import negotiation_path, tell

LEADS = (48, 24)


def headquarters_time(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%A %d %B %Y, %H:%M} ({zone})"


def remind(session: Session, now: datetime) -> int:
    """Write the reminders due now that were not written before; returns how many."""
    written = 0
    coming = session.execute(
        select(Milestone, Negotiation).join(Negotiation)
        .where(Milestone.kind == MilestoneKind.SUBMISSION_DEADLINE,
               Negotiation.closed_at.is_(None),
               Milestone.at > now, Milestone.at <= now + timedelta(hours=max(LEADS)))
    ).all()
    for milestone, negotiation in coming:
        lead = min(h for h in LEADS if milestone.at <= now + timedelta(hours=h))
        key = f"deadline:{milestone.id}:{milestone.at.isoformat()}:{lead}"
        if session.scalar(select(Notice.id).where(Notice.once_key == key)) is not None:
            continue
        tell(session, negotiation, "deadline", now, f"{lead} hours left: {milestone.title}",
             f"{milestone.title} falls on {headquarters_time(milestone.at, negotiation.timezone)}"
             f" at headquarters.", negotiation_path(negotiation, "setup/calendar"),
             once_key=key)
        written += 1
    return written
