"""Error pages, and how a domain refusal maps to an HTTP status."""

from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from negotiation.errors import (
    DeadlinePassed,
    InvalidSubmission,
    NegotiationError,
    NotPermitted,
    RefusedTransition,
    StaleEdit,
)
from web.dbsession import reset


def status_for(error: NegotiationError) -> int:
    """403 for a role that may not act, 409 for a conflict with the state, 422 otherwise."""
    if isinstance(error, NotPermitted):
        return 403
    if isinstance(error, StaleEdit | RefusedTransition | DeadlinePassed):
        return 409
    if isinstance(error, InvalidSubmission):
        return 422
    return 422


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int]:
        # Unhandled failures arrive here as 500s too: the page must draw even when the act
        # left the session unusable.
        reset()
        return render_template("error.html", error=error), error.code or 500

    @app.errorhandler(NotPermitted)
    def _not_permitted(error: NotPermitted) -> tuple[str, int]:
        # A refusal that reached no form: show it as a page.
        return render_template("error.html", error=error, message=str(error)), 403
