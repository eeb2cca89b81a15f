"""Setting up a cycle in the app: the calendar, the caps and the participating delegations.

One blueprint; each area's views live in their own module (``calendar``, ``caps``,
``delegations``).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, url_for
from werkzeug.wrappers import Response

from web.plumbing.access import negotiation
from web.plumbing.dbsession import db, lock_for_change
from web.plumbing.rendering import render, wants_fragment

bp = Blueprint("setup", __name__, template_folder="templates")


def owned(model: type, ident: int) -> Any:
    """A row of the current negotiation, or 404 (ids of another negotiation are not found).

    A request that changes it locks it first: two saves of one date or cap run one after
    the other, and the second is refused as written on an older version."""
    lock_for_change(model, ident)
    found = db().get(model, ident)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return found


def saved(message: str, endpoint: str, page: str, fragment: str,
          context: dict[str, Any]) -> Response | tuple[str, int]:
    """After a change: htmx gets the refreshed fragment with the message; a plain form
    post is redirected (so a reload does not post again) and sees the message there."""
    if wants_fragment():
        return render(page, fragment, notice=message, **context)
    flash(message, "success")
    return redirect(url_for(endpoint), 303)


from web.setup import calendar, caps, delegations, header  # noqa: E402,F401 (views register on bp)
