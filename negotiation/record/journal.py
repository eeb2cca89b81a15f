"""Writing to the negotiation's record.

An act says what it did as wording (``negotiation.record.wording.says``: the English
message marked for the catalogs, and its parameters), so that each reader reads the record
in their own language; the entry keeps the English too, as its ``summary``. A reason is a
person's own text, kept as typed, or the app's own (a request to delete accepted): that one
is words too, kept beside its English."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.errors import NegotiationClosed
from negotiation.models import Negotiation, RecordEntry
from negotiation.record.wording import Wording, written, written_in_english


def refuse_if_closed(session: Session, negotiation_id: int | None, action: str) -> None:
    """Every act is recorded, so refusing to record in a closed negotiation refuses the act."""
    if negotiation_id is None or action == "negotiation_closed":
        return
    negotiation = session.get(Negotiation, negotiation_id)
    if negotiation is not None and negotiation.is_closed:
        raise NegotiationClosed(
            "%(committee)s %(cycle)s is closed: its archive accepts no change.",
            committee=negotiation.committee, cycle=negotiation.cycle)


def entry_values(
    session: Session,
    negotiation_id: int | None,
    actor: Actor,
    at: datetime,
    action: str,
    summary: Wording,
    subject: str = "",
    reason: str | Wording = "",
) -> dict[str, Any]:
    """The columns of one record entry, once the negotiation is known to take it (every act
    is recorded, so a closed negotiation refuses the act). ``summary`` is what the act did,
    as words: the entry keeps them, and their English as its ``summary``. ``reason`` is a
    person's text, kept as typed, or the app's words, kept as the summary's are."""
    refuse_if_closed(session, negotiation_id, action)
    return {
        "negotiation_id": negotiation_id,
        "at": at,
        "actor_role": actor.role,
        "actor_name": actor.name,
        "delegation_id": actor.delegation_id,
        "action": action,
        "subject": subject,
        "summary": written(summary, "en"),
        "words": summary,
        "reason": written_in_english(reason),
        "reason_words": None if isinstance(reason, str) else reason,
    }


def add_entry(session: Session, values: dict[str, Any]) -> None:
    """Insert a record entry of :func:`entry_values` now, in the act's transaction, as a
    plain INSERT: an entry is only ever added, so it needs none of the unit of work's
    tracking, and every act (each submission of a deadline rush among them) saves that
    work. What the entry names is already stored, as its id is in the entry."""
    session.execute(_ADD_ENTRY, values)


def record(
    session: Session,
    negotiation_id: int | None,
    actor: Actor,
    at: datetime,
    action: str,
    summary: Wording,
    subject: str = "",
    reason: str | Wording = "",
) -> None:
    """Add one entry to the record; entries are never changed afterwards."""
    add_entry(session, entry_values(session, negotiation_id, actor, at, action, summary,
                                    subject, reason))


# Built once: building a statement costs more than sending it.
_ADD_ENTRY = insert(RecordEntry.__table__)
