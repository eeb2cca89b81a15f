"""The rehearsal clock: on a server run "as of" a set moment, the chair or the secretariat
moves that moment to walk a demonstration or a training session through the cycle.

The clock only goes forward past what the record holds: an act recorded on 9 May cannot be
followed by one dated 20 April, or documents would carry dates earlier than the acts they
describe."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.clock import format_moment
from negotiation.enums import Role
from negotiation.errors import RefusedTransition
from negotiation.journal import record
from negotiation.models import Negotiation, RecordEntry
from negotiation.permissions import require

CLOCK_MOVED = "rehearsal_clock_moved"


def latest_act(session: Session, negotiation: Negotiation) -> RecordEntry | None:
    """The most recent act in the record, the clock's own moves left aside."""
    return session.scalars(
        select(RecordEntry)
        .where(RecordEntry.negotiation_id == negotiation.id, RecordEntry.action != CLOCK_MOVED)
        .order_by(RecordEntry.at.desc(), RecordEntry.id.desc())
        .limit(1)
    ).first()


def negotiation_moment(session: Session, negotiation: Negotiation, now: datetime) -> datetime:
    """The negotiation's own date: ``now``, or later where a rehearsal moved its clock past
    it (a document made outside the server is then dated as those who rehearse see it)."""
    moved_to = session.scalar(
        select(RecordEntry.at)
        .where(RecordEntry.negotiation_id == negotiation.id, RecordEntry.action == CLOCK_MOVED)
        .order_by(RecordEntry.id.desc())
        .limit(1)
    )
    return max(now, moved_to) if moved_to is not None else now


def move_rehearsal_clock(
    session: Session, negotiation: Negotiation, actor: Actor, before: datetime, at: datetime
) -> None:
    """Record the rehearsal clock's move from ``before`` to ``at``, never to a moment before
    the latest recorded act. The caller sets the clock once the record is committed."""
    require(actor.role in (Role.CHAIR, Role.SECRETARIAT, Role.SYSTEM),
            "Only the chair or the secretariat moves the rehearsal clock.")
    latest = latest_act(session, negotiation)
    if latest is not None and at < latest.at:
        raise RefusedTransition(
            f"The record already holds an act of {format_moment(latest.at, negotiation.zone)} "
            f"({latest.summary}); the clock cannot go back before it, or documents would be "
            "dated before the acts they describe."
        )
    record(session, negotiation.id, actor, at, CLOCK_MOVED,
           f"Rehearsal clock moved from {format_moment(before, negotiation.zone)} to "
           f"{format_moment(at, negotiation.zone)}")
