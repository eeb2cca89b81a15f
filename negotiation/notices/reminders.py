"""Reminders written by the sender's pass, 48 and 24 hours ahead: of a deadline, and of a
meeting with the link to its agenda (the chair publishes no agenda as an act: the meeting's
page shows the order of consideration as it stands). Each (date, moment, lead) once, so a
moved date is reminded of again at its new moment."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.enums import MilestoneKind
from negotiation.models import Milestone, Negotiation, Notice
from negotiation.notices.telling import negotiation_path, tell_in_words
from negotiation.record.wording import moment, says
from negotiation.text.languages import N_

LEADS = (48, 24)


def remind(session: Session, now: datetime) -> int:
    """Write the reminders due now that were not written before; returns how many."""
    written = 0
    coming = session.execute(
        select(Milestone, Negotiation).join(Negotiation)
        .where(Milestone.kind.in_([MilestoneKind.SUBMISSION_DEADLINE, MilestoneKind.MEETING]),
               Negotiation.closed_at.is_(None), Milestone.removed_at.is_(None),
               Milestone.at > now, Milestone.at <= now + timedelta(hours=max(LEADS)))
        .order_by(Milestone.at, Milestone.id)
    ).all()
    for milestone, negotiation in coming:
        lead = min(h for h in LEADS if milestone.at <= now + timedelta(hours=h))
        meeting = milestone.kind is MilestoneKind.MEETING
        key = f"{milestone.kind.value}:{milestone.id}:{milestone.at.isoformat()}:{lead}"
        if session.scalar(select(Notice.id).where(Notice.once_key == key)) is not None:
            continue
        when = moment(milestone.at, negotiation.timezone)
        if meeting:
            title = says(N_("Meeting in %(hours)s hours: %(title)s"), hours=lead,
                         title=milestone.title)
            body = says(N_("%(title)s meets on %(when)s at headquarters. The agenda, in the "
                           "order the paragraphs will be considered, is at the link below."),
                        title=milestone.title, when=when)
            link = negotiation_path(negotiation, "meeting/#agenda")
        else:
            title = says(N_("%(hours)s hours left: %(title)s"), hours=lead,
                         title=milestone.title)
            body = says(N_("%(title)s falls on %(when)s at headquarters."),
                        title=milestone.title, when=when)
            link = negotiation_path(negotiation, "calendar/")
        tell_in_words(session, negotiation, milestone.kind.value if meeting else "deadline",
                      now, title, body, link, once_key=key, falls_at=milestone.at)
        written += 1
    return written
