"""The start page: the negotiations a person takes part in, and, for an administrator, the
form that opens a new one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models.negotiation import DEFAULT_HEADER_LINES
from negotiation.people.appointments import negotiations_of
from negotiation.setup.documentheader import MAX_LINE_LENGTH, MAX_LINES
from negotiation.setup.opening import open_negotiation
from web.plumbing.access import actor, now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import refusal

bp = Blueprint("start", __name__)

_FIELDS = ("committee", "committee_name", "cycle", "title", "symbol", "timezone",
           "original_language")


def _page(kept: dict[str, str], error: str = "", status: int = 200) -> tuple[str, int]:
    return render_template(
        "start/index.html", negotiations=negotiations_of(db(), current_user.account),
        kept=kept, error=error, max_lines=MAX_LINES, max_length=MAX_LINE_LENGTH,
    ), status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    """Current negotiations first, then the archive."""
    return _page({"timezone": "America/New_York", "original_language": "en",
                  "thematic_areas": "on", "header_lines": DEFAULT_HEADER_LINES})


@bp.post("/negotiations")
@login_required
def create() -> Response | tuple[str, int]:
    """An administrator opens a negotiation; a refusal keeps what was typed."""
    kept = {k: request.form.get(k, "") for k in _FIELDS}
    # A checkbox: sent only when ticked (the CSH's items sit in eight areas; CICTE's in none).
    areas = request.form.get("thematic_areas", "")
    # Emptied, the documents print no header line; left out of the form, the OAS's series.
    header = request.form.get("header_lines", DEFAULT_HEADER_LINES)
    try:
        created = open_negotiation(db(), actor(), now(), **kept, thematic_areas=bool(areas),
                                   header_lines=header)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _page({**kept, "thematic_areas": areas, "header_lines": header},
                     refusal(exc), status_for(exc))
    flash(gettext("%(committee)s %(cycle)s created: appoint its chair and secretariat.",
                  committee=created.committee, cycle=created.cycle), "success")
    committee, cycle = created.slug
    return redirect(url_for("people.index", committee=committee, cycle=cycle), 303)
