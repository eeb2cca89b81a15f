"""One database session per request: committed once at the end, rolled back on any error."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, g
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from negotiation.database import make_engine, make_session_factory


def init_app(app: Flask) -> None:
    if app.config["SESSION_FACTORY"] is None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.config["SESSION_FACTORY"] = make_session_factory(engine)
    app.after_request(_commit_if_ok)
    app.teardown_request(_close)


def db() -> Session:
    """The request's session, opened on first use."""
    if "db" not in g:
        factory: sessionmaker[Session] = current_app.config["SESSION_FACTORY"]
        g.db = factory()
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


def _commit_if_ok(response: Response) -> Response:
    session: Session | None = g.get("db")
    if session is not None:
        # A refused form (4xx) or a failure (5xx) leaves nothing behind.
        if response.status_code < 400:
            session.commit()
        else:
            session.rollback()
    return response


def _close(exc: BaseException | None) -> None:
    session: Session | None = g.pop("db", None)
    if session is not None:
        if exc is not None:
            session.rollback()
        session.close()
