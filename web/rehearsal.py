"""The rehearsal clock: when the app runs "as of" a set moment (NEGOTIATION_CLOCK), the
chair and the secretariat can move that moment to walk a demonstration or a training
session through the cycle. A server on the real clock has no such control."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Flask, abort, current_app, flash, g, redirect, request, url_for
from werkzeug.wrappers import Response

from negotiation.clock import FixedClock
from negotiation.deadlines import format_moment
from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.rehearsal import move_rehearsal_clock
from web.access import actor, negotiation, now, roles_required
from web.dbsession import db

bp = Blueprint("rehearsal", __name__, url_prefix="/rehearsal")


def adjustable() -> bool:
    """Whether this server runs on a rehearsal clock that may be moved."""
    return bool(current_app.config.get("CLOCK_ADJUSTABLE")) and isinstance(
        current_app.config["CLOCK"], FixedClock
    )


@bp.post("/clock")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def move_clock() -> Response:
    """Set the rehearsal clock to a moment at headquarters; the move is recorded."""
    if not adjustable():
        abort(404)
    current = negotiation()
    try:
        at = datetime.fromisoformat(request.form.get("at", "")).replace(
            tzinfo=ZoneInfo(current.timezone))
    except ValueError:
        flash("Give the date and time at headquarters, e.g. 2024-05-09T10:00.", "error")
        return redirect(request.form.get("back") or url_for("home.index"), 303)
    try:
        move_rehearsal_clock(db(), current, actor(), current_app.config["CLOCK"], at)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        flash(str(exc), "error")
        return redirect(request.form.get("back") or url_for("home.index"), 303)
    flash(f"The rehearsal clock now reads {format_moment(at, current.zone)}.", "success")
    return redirect(request.form.get("back") or url_for("home.index"), 303)


def moment_at_headquarters() -> str:
    """The rehearsal clock's reading, in the negotiation's time zone (UTC outside one)."""
    current = g.get("negotiation")
    return format_moment(now(), current.timezone if current else "UTC")


def init_app(app: Flask) -> None:
    @app.context_processor
    def _rehearsal() -> dict[str, object]:
        return {"rehearsal_clock": adjustable, "rehearsal_moment": moment_at_headquarters}
