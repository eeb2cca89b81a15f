"""The documents' header: the lines the Word and PDF documents print at the top right above
the symbol ("OEA/Ser.G"), set by the secretariat or the chair for their body's documents."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.setup.documentheader import MAX_LINE_LENGTH, MAX_LINES, set_header_lines
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.rendering import render
from web.setup import bp, saved
from web.words.languages import refusal

_SETTERS = (Role.ADMIN, Role.CHAIR, Role.SECRETARIAT)


def _context(**extra: Any) -> dict[str, Any]:
    current = negotiation()
    return {"negotiation": current, "header_lines": current.header_lines, "errors": {},
            "max_lines": MAX_LINES, "max_length": MAX_LINE_LENGTH, **extra}


@bp.get("/header/")
@roles_required(*_SETTERS)
def header() -> tuple[str, int]:
    """The lines printed above the documents' symbol, as they stand."""
    return render("setup/header.html", "setup/_header.html", **_context())


@bp.post("/header/")
@roles_required(*_SETTERS)
def set_header() -> Response | tuple[str, int]:
    """Save the header lines; the next document printed carries them."""
    typed = request.form.get("header_lines", "")
    try:
        changed = set_header_lines(db(), negotiation(), actor(), typed, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render("setup/header.html", "setup/_header.html", status_for(exc),
                      **_context(errors={"header_lines": refusal(exc)}, header_lines=typed))
    message = (gettext("Header saved: the next documents print these lines.") if changed
               else gettext("Nothing to save: the header is as it was."))
    return saved(message, "setup.header", "setup/header.html", "setup/_header.html",
                 _context())
