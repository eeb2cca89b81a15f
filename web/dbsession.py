"""One database session per request: committed once at the end, rolled back on any error.

A request that may write (anything but GET, HEAD, OPTIONS) opens its transaction as a
writer: on SQLite it takes the database's write lock first, so two such requests run one
after the other instead of the second failing; on PostgreSQL the rows it changes are
locked by :func:`for_change`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, has_request_context, request
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from negotiation.database import WRITE_TRANSACTION, make_engine, make_session_factory

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
T = TypeVar("T")


def init_app(app: Flask) -> None:
    if app.config["SESSION_FACTORY"] is None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.config["SESSION_FACTORY"] = make_session_factory(engine)
    app.after_request(_commit_if_ok)
    app.teardown_request(_close)


def writing() -> bool:
    """Whether the current request may change data."""
    return has_request_context() and request.method not in SAFE_METHODS


def db() -> Session:
    """The request's session, opened on first use."""
    if "db" not in g:
        factory: sessionmaker[Session] = current_app.config["SESSION_FACTORY"]
        g.db = factory(execution_options={WRITE_TRANSACTION: True}) if writing() else factory()
    return g.db


def for_change(model: type[T], ident: Any) -> T | None:
    """The row this writing request is about to change, locked until the request ends.

    On PostgreSQL ``SELECT ... FOR UPDATE``: a second request acting on the same row waits
    for the first to commit, then reads what it left and is refused by the procedure as a
    sequential stale act would be. SQLite has no row locks; its writers are already
    serialized (see :func:`db`). The row is read afresh, not taken from the session's cache.
    """
    lock = writing()
    return db().get(model, ident, with_for_update=True if lock else None,
                    populate_existing=lock)


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
        # the app's handler for it (web.conflicts), never a bare 500; and that answer goes
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
