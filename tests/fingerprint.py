"""A fingerprint of everything the database holds, to show that a refused act changed
nothing: compare it before and after."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.models import Base


def database_fingerprint(session: Session) -> str:
    """A digest of every row of every table, in primary-key order."""
    session.flush()
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        digest.update(table.name.encode())
        for row in session.execute(select(table).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
