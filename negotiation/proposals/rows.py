"""A proposal's row: numbered and inserted at once, then held by the session as if it had
been loaded.

A proposal is stored by one ``INSERT ... RETURNING``, not through the unit of work: the act
needs its id at once (its record entry names it), and the unit of work's tracking and flush
cost more than the statement itself on every submission. The row the database returns
becomes the session's object for the proposal, so what follows (a state change of the same
act, the answer naming "proposal 23") works with it as with any proposal read.

On PostgreSQL the number is taken in the same statement (the negotiation row's UPDATE as a
common table expression the INSERT selects from), and so is the act's record entry when the
caller has it ready: the same lock, taken at the same point and held until the request
commits, and no other round trip while the other submissions of the negotiation wait for
it. SQLite, whose writers are serialised anyway, sends the three statements one by one.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Executable, String, bindparam, cast, insert, literal, select
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from negotiation.models import Amendment, Negotiation, RecordEntry
from negotiation.proposals.numbers import TAKE_NUMBER, next_proposal_number
from negotiation.record.journal import add_entry

_TABLE = Amendment.__table__
_ENTRIES = RecordEntry.__table__
# Built once: building a statement costs more than sending it.
_INSERT = insert(_TABLE).returning(*_TABLE.c)
# The columns' own defaults (an empty resolution note, the first row version), which an
# INSERT ... SELECT does not fill in by itself.
_DEFAULTS = {column.name: column.default.arg for column in _TABLE.c
             if column.default is not None and column.default.is_scalar}
#: What a record entry's subject says of a proposal, before its id.
SUBJECT = "amendment:"


@cache
def _numbered_insert(names: tuple[str, ...], entry_names: tuple[str, ...]) -> Executable:
    """``WITH numbered AS (UPDATE negotiation ... RETURNING the number) INSERT INTO
    amendment ... SELECT ..., the number FROM numbered RETURNING *`` for these columns
    (bound as ``v_<name>``), and with the record entry's columns (bound as ``e_<name>``)
    an INSERT INTO record_entry of the new proposal as a further expression. Built once
    per set of columns."""
    numbered = TAKE_NUMBER.cte("numbered")
    chosen = [name for name in names if name != "number"]
    stored = insert(_TABLE).from_select(
        [*chosen, "number"],
        select(*(bindparam(f"v_{name}", type_=_TABLE.c[name].type) for name in chosen),
               numbered.c.last_proposal_number),
        include_defaults=False,  # the defaults are among the values already
    ).returning(*_TABLE.c)
    if not entry_names:
        return stored
    proposal = stored.cte("proposal")
    noted = [name for name in entry_names if name != "subject"]
    entry = insert(_ENTRIES).from_select(
        [*noted, "subject"],
        select(*(bindparam(f"e_{name}", type_=_ENTRIES.c[name].type) for name in noted),
               literal(SUBJECT) + cast(proposal.c.id, String)).select_from(proposal),
        include_defaults=False,
    ).cte("entry")
    return select(*proposal.c).add_cte(entry)


def insert_proposal(session: Session, negotiation: Negotiation, values: dict[str, Any],
                    entry: dict[str, Any] | None = None) -> Amendment:
    """Store a proposal's row now, with the negotiation's next proposal number, and return
    it as the session's object for it; with ``entry`` (a record entry's columns, from
    :func:`negotiation.record.journal.entry_values`), the act's record entry too, its subject the
    new proposal.

    Whatever the session still holds unsent (a new paragraph and its first version, which
    the proposal refers to) is sent first.
    """
    session.flush()
    values = {**_DEFAULTS, **values}
    together = session.connection().dialect.name == "postgresql"
    if together:
        statement = _numbered_insert(tuple(sorted(values)),
                                     tuple(sorted(entry)) if entry is not None else ())
        row = session.execute(statement, {
            **{f"v_{name}": value for name, value in values.items()},
            **{f"e_{name}": value for name, value in (entry or {}).items()},
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
    if entry is not None and not together:
        add_entry(session, {**entry, "subject": f"{SUBJECT}{amendment.id}"})
    return amendment
