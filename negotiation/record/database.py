"""Engines and sessions, and the guard that keeps the record append-only."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from negotiation.errors import ImmutableRecord
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
    SponsorInvitation,
)
from negotiation.record.journal import refuse_if_closed

DATABASE_SETTING = "NEGOTIATION_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///instance/negotiation.sqlite3"


def database_url() -> str:
    """The configured database: embedded SQLite unless a URL is set."""
    return os.environ.get(DATABASE_SETTING) or DEFAULT_DATABASE_URL


#: Execution option asking SQLite to take its write lock when the transaction begins.
WRITE_TRANSACTION = "sqlite_begin_immediate"
#: How long a SQLite writer waits for another to finish before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str | None = None, **options: Any) -> Engine:
    """An engine for the URL; on SQLite, foreign keys are enforced as on PostgreSQL and
    writers queue for the database's lock instead of failing with "database is locked"."""
    engine = create_engine(url or database_url(), **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        event.listen(engine, "before_cursor_execute", _begin_sqlite_write)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling begins transactions as DEFERRED, which a second
    # writer cannot wait for; it is turned off and the two functions below begin them.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    # A transaction known to write (a web request that may change data) takes the write
    # lock at once: two such requests run one after the other, and the second reads what
    # the first committed, as row locks give on PostgreSQL.
    if connection.get_execution_options().get(WRITE_TRANSACTION, False):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


#: Statements that only read (they run before a transaction's first write without one),
#: and the beginning itself.
_READS = ("SELECT", "PRAGMA", "EXPLAIN", "BEGIN")


def _begin_sqlite_write(
    connection: Connection, _cursor: Any, statement: str, *_args: Any
) -> None:
    # Any other transaction takes the write lock at its first write (waiting for it up to
    # the busy timeout), as the driver used to: its reads before that hold no lock, so a
    # long reader never keeps writers out.
    driver = connection.connection.driver_connection
    if (connection.in_transaction() and driver is not None and not driver.in_transaction
            and not statement.lstrip().upper().startswith(_READS)):
        driver.execute("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


# Rows written once and never changed, and rows never deleted.
_WRITE_ONCE = (MilestoneMove, ParagraphVersion, RecordEntry, Revision, RevisionEntry,
               CommentReply)
_NEVER_DELETED = (*_WRITE_ONCE, Amendment, AmendmentSupport, Paragraph, SponsorInvitation)
# What a delegation sent stays as sent; only the proposal's state and resolution move.
_AMENDMENT_AS_SENT = (
    "number", "paragraph_id", "base_version_id", "delegation_id", "kind", "proposed_text",
    "comment", "submitted_at", "submitted_by", "late", "late_leave_id",
)


#: ``session.info`` key: ids of paragraphs of a draft never circulated that the chair's
#: drafting (negotiation.setup.structure) removes, after checking that no revision and no
#: proposal refers to them. Nothing else is ever deleted.
UNCIRCULATED_REMOVALS = "uncirculated_paragraph_removals"


def _removable(session: Session, obj: object) -> bool:
    allowed: set[int] = session.info.get(UNCIRCULATED_REMOVALS, set())
    if isinstance(obj, Paragraph):
        return obj.id in allowed
    if isinstance(obj, ParagraphVersion):
        return obj.paragraph_id in allowed
    return False


@event.listens_for(Session, "before_flush")
def _keep_record_append_only(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.new:
        # An entry added without journal.record is checked all the same.
        if isinstance(obj, RecordEntry):
            refuse_if_closed(session, obj.negotiation_id, obj.action)
    for obj in session.deleted:
        if isinstance(obj, _NEVER_DELETED) and not _removable(session, obj):
            raise ImmutableRecord("%(table)s rows are never deleted.", table=type(obj).__name__)
    for obj in session.dirty:
        if isinstance(obj, _WRITE_ONCE) and session.is_modified(obj, include_collections=False):
            raise ImmutableRecord("%(table)s rows are never changed.", table=type(obj).__name__)
        if isinstance(obj, Amendment):
            state = obj.__dict__.get("_sa_instance_state")
            if state is None:
                continue
            for name in _AMENDMENT_AS_SENT:
                if state.attrs[name].history.deleted:
                    raise ImmutableRecord(
                        "What a delegation sent is never changed (%(title)s, %(field)s).",
                        title=obj.title, field=name,
                    )
