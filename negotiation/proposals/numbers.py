"""Proposal numbers: what people read ("proposal 23"), given per negotiation in submission
order and never changed."""

from __future__ import annotations

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from negotiation.models import Negotiation

_NEGOTIATION = Negotiation.__table__
#: The number taken on the negotiation's row (``negotiation_id`` bound per call). Built once:
#: building a statement costs more than sending it.
TAKE_NUMBER = (
    update(_NEGOTIATION)
    .where(_NEGOTIATION.c.id == bindparam("negotiation_id"))
    .values(last_proposal_number=_NEGOTIATION.c.last_proposal_number + 1)
    .returning(_NEGOTIATION.c.last_proposal_number)
)


def next_proposal_number(session: Session, negotiation: Negotiation) -> int:
    """Take the negotiation's next proposal number.

    One UPDATE ... RETURNING on the negotiation's row: on PostgreSQL it locks the row until
    the request commits, so a second submission at the same moment waits and reads the
    number the first took; on SQLite writers are serialised already. A number taken by a
    request that is then rolled back is given again, so no gap is left either. The unique
    key on (negotiation, number) holds whatever slips past.

    The statement goes to the database as it is (not through the ORM's bulk UPDATE, which
    would first look for the rows to refresh in the session): the negotiation the caller
    holds is told the number it returned.
    """
    number: int = session.connection().execute(
        TAKE_NUMBER, {"negotiation_id": negotiation.id}).scalar_one()
    set_committed_value(negotiation, "last_proposal_number", number)
    return number
