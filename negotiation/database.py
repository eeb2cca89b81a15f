"""Engines and sessions, and the guard that keeps the record append-only."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from negotiation.errors import ImmutableRecord
from negotiation.journal import refuse_if_closed
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    CommentReply,
    MilestoneMove,
    Paragraph,
    ParagraphVersion,
    RecordEntry,
    Revision,
    RevisionEntry,
)

DATABASE_SETTING = "NEGOTIATION_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///instance/negotiation.sqlite3"


def database_url() -> str:
    """The configured database: embedded SQLite unless a URL is set."""
    return os.environ.get(DATABASE_SETTING) or DEFAULT_DATABASE_URL


def make_engine(url: str | None = None, **options: Any) -> Engine:
    """An engine for the URL; on SQLite, foreign keys are enforced as on PostgreSQL."""
    engine = create_engine(url or database_url(), **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enforce_sqlite_foreign_keys)
    return engine


def _enforce_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


# Rows written once and never changed, and rows never deleted.
_WRITE_ONCE = (MilestoneMove, ParagraphVersion, RecordEntry, Revision, RevisionEntry,
               CommentReply)
_NEVER_DELETED = (*_WRITE_ONCE, Amendment, AmendmentSupport, Paragraph)
# What a delegation sent stays as sent; only the proposal's state and resolution move.
_AMENDMENT_AS_SENT = (
    "paragraph_id", "base_version_id", "delegation_id", "kind", "proposed_text",
    "comment", "submitted_at", "submitted_by", "late", "late_leave_id",
)


@event.listens_for(Session, "before_flush")
def _keep_record_append_only(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.new:
        # An entry added without journal.record is checked all the same.
        if isinstance(obj, RecordEntry):
            refuse_if_closed(session, obj.negotiation_id, obj.action)
    for obj in session.deleted:
        if isinstance(obj, _NEVER_DELETED):
            raise ImmutableRecord(f"{type(obj).__name__} rows are never deleted.")
    for obj in session.dirty:
        if isinstance(obj, _WRITE_ONCE) and session.is_modified(obj, include_collections=False):
            raise ImmutableRecord(f"{type(obj).__name__} rows are never changed.")
        if isinstance(obj, Amendment):
            state = obj.__dict__.get("_sa_instance_state")
            if state is None:
                continue
            for name in _AMENDMENT_AS_SENT:
                if state.attrs[name].history.deleted:
                    raise ImmutableRecord(
                        f"What a delegation sent is never changed (proposal {obj.id}, {name})."
                    )
