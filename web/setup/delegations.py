"""The delegations taking part: the secretariat chooses them from the member states."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.people.appointments import participating_delegations
from negotiation.setup.delegations import (
    choose_participants,
    delegations_that_sent,
    member_states,
)
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.rendering import render
from web.plumbing.requestvalues import form_ids
from web.setup import bp, saved
from web.words.languages import refusal


def _context(**extra: Any) -> dict[str, Any]:
    session, current = db(), negotiation()
    taking_part = participating_delegations(session, current)
    return {"negotiation": current, "states": member_states(session),
            "taking_part": {d.id for d in taking_part},
            "sent": delegations_that_sent(session, current), "errors": {}, **extra}


@bp.get("/delegations/")
@roles_required(Role.ADMIN, Role.CHAIR, Role.SECRETARIAT)
def delegations() -> tuple[str, int]:
    """The organization's member states, those taking part ticked."""
    return render("setup/delegations.html", "setup/_delegations.html", **_context())


@bp.post("/delegations/")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def choose_delegations() -> Response | tuple[str, int]:
    """Admit the delegations ticked and let go of the others (unless they sent anything)."""
    chosen = form_ids("delegation")
    try:
        admitted, dropped = choose_participants(db(), negotiation(), actor(), chosen,
                                                form_ids("seen"), now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        context = _context(errors={"delegations": refusal(exc)})
        if status_for(exc) == 422:  # keep the ticks; after a conflict show what stands now
            context["taking_part_now"], context["taking_part"] = context["taking_part"], set(chosen)
        return render("setup/delegations.html", "setup/_delegations.html", status_for(exc),
                      **context)
    message = gettext("%(admitted)s delegation(s) admitted, %(dropped)s no longer taking part.",
                      admitted=len(admitted), dropped=len(dropped))
    return saved(message, "setup.delegations", "setup/delegations.html",
                 "setup/_delegations.html", _context())
