"""Proposal numbers: what people read ("proposal 23"), given per negotiation in submission
order and never changed."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from negotiation.models import Negotiation


def next_proposal_number(session: Session, negotiation: Negotiation) -> int:
    """Take the negotiation's next proposal number.

    One UPDATE ... RETURNING on the negotiation's row: on PostgreSQL it locks the row until
    the request commits, so a second submission at the same moment waits and reads the
    number the first took; on SQLite writers are serialised already. A number taken by a
    request that is then rolled back is given again, so no gap is left either. The unique
    key on (negotiation, number) holds whatever slips past.
    """
    return session.execute(
        update(Negotiation)
        .where(Negotiation.id == negotiation.id)
        .values(last_proposal_number=Negotiation.last_proposal_number + 1)
        .returning(Negotiation.last_proposal_number)
    ).scalar_one()
