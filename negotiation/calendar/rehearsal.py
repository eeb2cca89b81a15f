"""The rehearsal clock: on a server run "as of" a set moment, the chair or the secretariat
moves that moment to walk a demonstration or a training session through the cycle.

The clock only goes forward past what the record holds: an act recorded on 9 May cannot be
followed by one dated 20 April, or documents would carry dates earlier than the acts they
describe.

Each negotiation keeps its own clock: a move is recorded in that negotiation's record, with
the moment the server's clock was started at (the NEGOTIATION_CLOCK setting), and every
server process started at that moment reads the negotiation's time from its latest such move.
So the workers of one server agree on the time, a restart goes on from where the rehearsal
was, and one chair walking a committee to its meeting never moves another negotiation held on
the same server (it stays at the start, or where its own chair moved it). A server started at
another moment begins a rehearsal of its own. Pages outside any negotiation (the start page,
accounts) read the server's starting moment."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import RefusedTransition
from negotiation.models import Negotiation, RecordEntry
from negotiation.people.permissions import require
from negotiation.record.clock import Clock, FixedClock, quoted_moment
from negotiation.record.journal import record
from negotiation.record.wording import Said, says
from negotiation.text.languages import N_

CLOCK_MOVED = "rehearsal_clock_moved"


def latest_act(session: Session, negotiation: Negotiation) -> RecordEntry | None:
    """The most recent act in the record, the clock's own moves left aside."""
    return session.scalars(
        select(RecordEntry)
        .where(RecordEntry.negotiation_id == negotiation.id, RecordEntry.action != CLOCK_MOVED)
        .order_by(RecordEntry.at.desc(), RecordEntry.id.desc())
        .limit(1)
    ).first()


def reading(session: Session, clock: Clock, negotiation: Negotiation | None) -> datetime:
    """What ``clock`` reads for ``negotiation`` on a server started with the same setting: a
    rehearsal's clock where that negotiation's chair or secretariat last moved it (a document
    made outside the server is dated as those who rehearse see it), the clock's own reading
    otherwise (the real time, or the set moment)."""
    if isinstance(clock, FixedClock) and negotiation is not None:
        moved_to = _latest_move(session, clock, negotiation)
        if moved_to is not None:
            return moved_to
    return clock.now()


def _rehearsal(started_at: datetime) -> str:
    """The record's subject for the moves of the rehearsal started at ``started_at``."""
    return f"clock:{started_at.astimezone(UTC).isoformat()}"


def _latest_move(session: Session, clock: FixedClock, negotiation: Negotiation
                 ) -> datetime | None:
    """Where the rehearsal's clock was last moved in ``negotiation``, whichever process
    moved it; None while it was never moved there."""
    return session.scalar(
        select(RecordEntry.at)
        .where(RecordEntry.negotiation_id == negotiation.id,
               RecordEntry.action == CLOCK_MOVED,
               RecordEntry.subject == _rehearsal(clock.started_at))
        .order_by(RecordEntry.id.desc())
        .limit(1)
    )


def move_rehearsal_clock(
    session: Session, negotiation: Negotiation, actor: Actor, clock: FixedClock, at: datetime
) -> None:
    """Record the move of ``negotiation``'s rehearsal clock to ``at``, never to a moment
    before its latest recorded act. Every request after the commit reads it from the record;
    no other negotiation's clock moves."""
    before = reading(session, clock, negotiation)  # whoever moved it last
    require(actor.role in (Role.CHAIR, Role.SECRETARIAT, Role.SYSTEM),
            N_("Only the chair or the secretariat moves the rehearsal clock."))
    latest = latest_act(session, negotiation)
    if latest is not None and at < latest.at:
        raise RefusedTransition(
            "The record already holds an act of %(at)s (%(summary)s); the clock cannot go back "
            "before it, or documents would be dated before the acts they describe.",
            at=quoted_moment(latest.at, negotiation.zone),
            summary=Said(latest.summary, latest.words),
        )

    record(session, negotiation.id, actor, at, CLOCK_MOVED,
           says(N_("Rehearsal clock moved from %(before)s to %(after)s"),
                before=quoted_moment(before, negotiation.zone),
                after=quoted_moment(at, negotiation.zone)), subject=_rehearsal(clock.started_at))
