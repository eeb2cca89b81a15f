"""The rehearsal clock: on a server run "as of" a set moment, the chair or the secretariat
moves that moment to walk a demonstration or a training session through the cycle.

The clock only goes forward past what the record holds: an act recorded on 9 May cannot be
followed by one dated 20 April, or documents would carry dates earlier than the acts they
describe.

Each move is recorded with the moment the server's clock was started at (the
NEGOTIATION_CLOCK setting), and every server process started at that moment reads its clock
from the latest such move: the workers of one server agree on the time, and a restart goes on
from where the rehearsal was, not from its start. A server started at another moment begins a
rehearsal of its own."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import RefusedTransition
from negotiation.models import Negotiation, RecordEntry
from negotiation.people.permissions import require
from negotiation.record.clock import Clock, FixedClock, format_moment
from negotiation.record.journal import record

CLOCK_MOVED = "rehearsal_clock_moved"


def latest_act(session: Session, negotiation: Negotiation) -> RecordEntry | None:
    """The most recent act in the record, the clock's own moves left aside."""
    return session.scalars(
        select(RecordEntry)
        .where(RecordEntry.negotiation_id == negotiation.id, RecordEntry.action != CLOCK_MOVED)
        .order_by(RecordEntry.at.desc(), RecordEntry.id.desc())
        .limit(1)
    ).first()


def reading(session: Session, clock: Clock) -> datetime:
    """What ``clock`` reads on a server started with the same setting: a rehearsal's clock
    where it was last moved (a document made outside the server is dated as those who
    rehearse see it), the real time otherwise."""
    if isinstance(clock, FixedClock):
        follow_moves(session, clock)
    return clock.now()


def _rehearsal(started_at: datetime) -> str:
    """The record's subject for the moves of the rehearsal started at ``started_at``."""
    return f"clock:{started_at.astimezone(UTC).isoformat()}"


def follow_moves(session: Session, clock: FixedClock) -> None:
    """Set ``clock`` to the rehearsal's latest recorded move, whichever process made it."""
    moved_to = session.scalar(
        select(RecordEntry.at)
        .where(RecordEntry.action == CLOCK_MOVED,
               RecordEntry.subject == _rehearsal(clock.started_at))
        .order_by(RecordEntry.id.desc())
        .limit(1)
    )
    if moved_to is not None:
        clock.set(moved_to)


def move_rehearsal_clock(
    session: Session, negotiation: Negotiation, actor: Actor, clock: FixedClock, at: datetime
) -> None:
    """Record the move of the rehearsal ``clock`` to ``at``, never to a moment before the
    latest recorded act. The caller sets the clock once the record is committed."""
    follow_moves(session, clock)  # moved from where the rehearsal is, whoever moved it last
    before = clock.now()
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
           f"{format_moment(at, negotiation.zone)}", subject=_rehearsal(clock.started_at))
