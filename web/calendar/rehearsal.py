"""The rehearsal clock: when the app runs "as of" a set moment (NEGOTIATION_CLOCK), the
chair and the secretariat can move that moment to walk a demonstration or a training
session through the cycle. A server on the real clock has no such control."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, flash, g, request
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.calendar.rehearsal import move_rehearsal_clock
from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.record.clock import format_moment, local_moment
from web.plumbing.access import actor, negotiation, now, rehearsal_clock, roles_required
from web.plumbing.dbsession import db
from web.plumbing.redirects import redirect_back
from web.words.languages import refusal

bp = Blueprint("rehearsal", __name__, url_prefix="/rehearsal")


@bp.post("/clock")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def move_clock() -> Response:
    """Set this negotiation's rehearsal clock to a moment at headquarters; the move is
    recorded, and the clock is read from the record: a refused or failed request leaves it
    where it was, and other negotiations on the server keep their own time.
    """
    clock = rehearsal_clock()
    if clock is None:
        abort(404)
    current = negotiation()
    try:
        at = local_moment(request.form.get("at", ""), current.zone)
    except ValueError as exc:
        abort(422, gettext("Give the date and time at headquarters, e.g. 2024-05-09T10:00 "
                           "(%(problem)s).", problem=exc))
    try:
        move_rehearsal_clock(db(), current, actor(), clock, at)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        flash(refusal(exc), "error")
        return redirect_back(request.form.get("back"), "home.index")
    flash(gettext("The rehearsal clock now reads %(moment)s.",
                  moment=format_moment(at, current.zone)), "success")
    return redirect_back(request.form.get("back"), "home.index")


def moment_at_headquarters() -> str:
    """The rehearsal clock's reading, in the negotiation's time zone (UTC outside one)."""
    current = g.get("negotiation")
    return format_moment(now(), current.timezone if current else "UTC")


def init_app(app: Flask) -> None:
    @app.context_processor
    def _rehearsal() -> dict[str, object]:
        return {"rehearsal_clock": lambda: rehearsal_clock() is not None,
                "rehearsal_moment": moment_at_headquarters}
