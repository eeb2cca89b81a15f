"""A fingerprint of everything the database holds, to show that a refused act changed
nothing: compare it before and after."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.models import Base, SignInLimit, SignInSession

# Who is signed in, and wrong passwords counted: a refused sign-in must be counted, and a
# signed-in client is a session row; neither is the negotiation's data.
_SIGN_IN_BOOKKEEPING = {SignInLimit.__tablename__, SignInSession.__tablename__}


def database_fingerprint(session: Session) -> str:
    """A digest of every row of every table (sign-in bookkeeping aside), in primary-key order."""
    session.flush()
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        if table.name in _SIGN_IN_BOOKKEEPING:
            continue
        digest.update(table.name.encode())
        for row in session.execute(select(table).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
