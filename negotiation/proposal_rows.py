"""A proposal's row: inserted at once, then held by the session as if it had been loaded.

A proposal is stored by one ``INSERT ... RETURNING``, not through the unit of work: the act
needs its id at once (its record entry names it), and the unit of work's tracking and flush
cost more than the statement itself on every submission. The row the database returns
becomes the session's object for the proposal, so what follows (a state change of the same
act, the answer naming "proposal 23") works with it as with any proposal read.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session, make_transient_to_detached

from negotiation.models import Amendment

_TABLE = Amendment.__table__
# Built once: building a statement costs more than sending it.
_INSERT = insert(_TABLE).returning(*_TABLE.c)


def insert_proposal(session: Session, values: dict[str, Any]) -> Amendment:
    """Store a proposal's row now and return it as the session's object for it.

    Whatever the session still holds unsent (a new paragraph and its first version, which
    the proposal refers to) is sent first.
    """
    session.flush()
    row = session.execute(_INSERT, values).one()
    amendment = Amendment(**row._mapping)
    # Every column came back from the database: the object is the stored row, unchanged.
    make_transient_to_detached(amendment)
    session.add(amendment)
    return amendment
