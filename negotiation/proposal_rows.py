"""A proposal's row: numbered and inserted at once, then held by the session as if it had
been loaded.

A proposal is stored by one ``INSERT ... RETURNING``, not through the unit of work: the act
needs its id at once (its record entry names it), and the unit of work's tracking and flush
cost more than the statement itself on every submission. The row the database returns
becomes the session's object for the proposal, so what follows (a state change of the same
act, the answer naming "proposal 23") works with it as with any proposal read.

On PostgreSQL the number is taken in the same statement (the negotiation row's UPDATE as a
common table expression the INSERT selects from): the same lock, taken in the same order,
held until the request commits, and one round trip fewer while other submissions wait for
it. SQLite, whose writers are serialised anyway, takes it with its own statement.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Insert, bindparam, insert, select
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from negotiation.models import Amendment, Negotiation
from negotiation.proposal_numbers import TAKE_NUMBER, next_proposal_number

_TABLE = Amendment.__table__
# Built once: building a statement costs more than sending it.
_INSERT = insert(_TABLE).returning(*_TABLE.c)
# The columns' own defaults (an empty resolution note, the first row version), which an
# INSERT ... SELECT does not fill in by itself.
_DEFAULTS = {column.name: column.default.arg for column in _TABLE.c
             if column.default is not None and column.default.is_scalar}


@cache
def _numbered_insert(names: tuple[str, ...]) -> Insert:
    """``WITH taken AS (UPDATE negotiation ... RETURNING the number) INSERT INTO amendment
    ... SELECT ..., taken's number FROM taken RETURNING *`` for these columns (each bound as
    ``v_<name>``, typed as its column), built once per set of columns."""
    taken = TAKE_NUMBER.cte("taken")
    chosen = [name for name in names if name != "number"]
    return insert(_TABLE).from_select(
        [*chosen, "number"],
        select(*(bindparam(f"v_{name}", type_=_TABLE.c[name].type) for name in chosen),
               taken.c.last_proposal_number),
        include_defaults=False,  # the defaults are among the values already
    ).returning(*_TABLE.c)


def insert_proposal(session: Session, negotiation: Negotiation,
                    values: dict[str, Any]) -> Amendment:
    """Store a proposal's row now, with the negotiation's next proposal number, and return
    it as the session's object for it.

    Whatever the session still holds unsent (a new paragraph and its first version, which
    the proposal refers to) is sent first.
    """
    session.flush()
    values = {**_DEFAULTS, **values}
    if session.connection().dialect.name == "postgresql":
        statement = _numbered_insert(tuple(sorted(values)))
        row = session.execute(statement, {
            **{f"v_{name}": value for name, value in values.items()},
            "negotiation_id": negotiation.id}).one()
        # The negotiation the request holds knows the number it gave, as after
        # next_proposal_number.
        set_committed_value(negotiation, "last_proposal_number", row.number)
    else:
        row = session.execute(_INSERT, {
            **values, "number": next_proposal_number(session, negotiation)}).one()
    amendment = Amendment(**row._mapping)
    # Every column came back from the database: the object is the stored row, unchanged.
    make_transient_to_detached(amendment)
    session.add(amendment)
    return amendment
