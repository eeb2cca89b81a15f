"""One database session per request: committed once at the end, rolled back on any error.

A request that may write (anything but GET, HEAD, OPTIONS, and previews marked
:func:`reads_only`) opens its transaction as a writer: on SQLite it takes the database's
write lock first, so two such requests run one after the other instead of the second
failing; on PostgreSQL the rows it changes are locked by :func:`lock_for_change`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, has_request_context, request
from sqlalchemy import Select, Table, bindparam, event, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from negotiation.record.database import WRITE_TRANSACTION, make_engine, make_session_factory

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
F = TypeVar("F", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    if app.config["SESSION_FACTORY"] is None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.config["SESSION_FACTORY"] = make_session_factory(engine)
    app.after_request(_commit_if_ok)
    app.teardown_request(_close)


def reads_only(view: F) -> F:
    """Mark a POST view that changes nothing (a live preview): its session reads as a GET's
    does, taking no write lock, and its answers are not kept as a form's first result."""
    view.reads_only = True  # type: ignore[attr-defined]
    return view


def writing() -> bool:
    """Whether the current request may change data."""
    if not has_request_context() or request.method in SAFE_METHODS:
        return False
    view = current_app.view_functions.get(request.endpoint or "")
    return not getattr(view, "reads_only", False)


def db() -> Session:
    """The request's session, opened on first use."""
    if "db" not in g:
        factory: sessionmaker[Session] = current_app.config["SESSION_FACTORY"]
        g.db = factory(execution_options={WRITE_TRANSACTION: True}) if writing() else factory()
    return g.db


def after_commit(action: Callable[[], None]) -> None:
    """Run ``action`` once the request's changes are committed, and never if they are rolled
    back: what lives outside the database (the rehearsal clock) moves with the request's
    data."""
    session = db()
    if _PENDING not in session.info:
        session.info[_PENDING] = []
        event.listen(session, "after_commit", _run_pending)
        event.listen(session, "after_soft_rollback", _drop_pending)
    session.info[_PENDING].append(action)


_PENDING = "after_commit"


def _run_pending(session: Session) -> None:
    actions, session.info[_PENDING] = session.info[_PENDING], []
    for action in actions:
        action()


def _drop_pending(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:  # the whole transaction, not a savepoint within it
        session.info[_PENDING] = []


def lock_for_change(model: type[Any], ident: Any) -> None:
    """Lock the row this writing request is about to change, until the request ends.

    On PostgreSQL ``SELECT ... FOR UPDATE``: a second request acting on the same row waits
    for the first to commit, then reads what it left and is refused by the procedure as a
    sequential stale act would be. SQLite has no row locks; its writers are already
    serialized (see :func:`db`). Call it before the row is loaded, so that what is read
    afterwards is what the previous writer committed.
    """
    if writing():
        db().execute(_lock_of(model.__table__), {"id": ident})


@cache
def _lock_of(table: Table) -> Select[tuple[Any]]:
    """``SELECT id ... FOR UPDATE`` on the table, built once per table (every writing request
    locks, and building a query costs more than sending it); it names the table, not the
    mapped class, as it loads nothing and so skips the ORM's work for a query."""
    return select(table.c.id).where(table.c.id == bindparam("id")).with_for_update()


def reset() -> None:
    """Roll back the request's session, so that a page drawn after a failure can still read."""
    session: Session | None = g.get("db")
    if session is not None:
        session.rollback()


def _commit_if_ok(response: Response) -> Response:
    session: Session | None = g.get("db")
    if session is None:
        return response
    # A refused form (4xx) or a failure (5xx) leaves nothing behind.
    if response.status_code >= 400:
        session.rollback()
        return response
    try:
        session.commit()
    except SQLAlchemyError as exc:
        # A conflict the database finds at commit gets the answer of one found while acting:
        # the app's handler for it (web.plumbing.conflicts), never a bare 500; and that answer goes
        # through the other after-request steps (headers) like any other.
        answer = current_app.make_response(current_app.handle_user_exception(exc))
        return current_app.process_response(answer)
    return response


def _close(exc: BaseException | None) -> None:
    session: Session | None = g.pop("db", None)
    if session is not None:
        if exc is not None:
            session.rollback()
        session.close()
