"""The page an invitation's link opens: choose a username, a name and a password, or,
signed in with the invited address, accept the appointment."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from negotiation.errors import NegotiationError
from negotiation.models import Account, Negotiation
from negotiation.notices.invitations import accept_as, accept_as_new, invitation_for
from negotiation.people.password_policy import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from web.plumbing.access import SignedIn, now, wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import refusal

bp = Blueprint("joining", __name__, url_prefix="/invitations", template_folder="templates")


def _signed_in() -> Account | None:
    return cast(SignedIn, current_user).account if current_user.is_authenticated else None


def _page(token: str, kept: dict[str, str], error: str = "",
          status: int = 200) -> tuple[str, int]:
    session = db()
    try:
        invitation = invitation_for(session, token, wall_clock_now())
    except NegotiationError as exc:
        # Refused links show only why: not whom or what they were for.
        return render_template("joining/invitation.html", invitation=None, refusal=refusal(exc),
                               token=token, kept={}, error=""), status_for(exc)
    return render_template(
        "joining/invitation.html", invitation=invitation, refusal="", token=token,
        negotiation=session.get_one(Negotiation, invitation.negotiation_id),
        me=_signed_in(), kept=kept, error=error,
        min_password_length=MIN_PASSWORD_LENGTH, max_password_length=MAX_PASSWORD_LENGTH,
    ), status


@bp.get("/<token>")
def show(token: str) -> tuple[str, int]:
    return _page(token[:100], {})


@bp.post("/<token>")
def accept(token: str) -> Response | tuple[str, int]:
    """Accept: signed in, as that account (only if the invitation went to its address);
    otherwise with a new account. A refusal changes nothing and keeps what was typed."""
    token = token[:100]
    kept = {k: request.form.get(k, "") for k in ("username", "display_name")}
    me = _signed_in()
    try:
        if me is not None:
            appointment = accept_as(db(), me, token, now(), wall_clock_now())
            negotiation = db().get_one(Negotiation, appointment.negotiation_id)
            flash(gettext("You take part in %(committee)s %(cycle)s as %(role)s.",
                          committee=negotiation.committee, cycle=negotiation.cycle,
                          role=gettext(appointment.role.value)), "success")
            return redirect(url_for("start.index"), 303)
        account = accept_as_new(db(), token, kept["username"], kept["display_name"],
                                request.form.get("password", ""), now(), wall_clock_now())
    except NegotiationError as exc:
        return _page(token, kept, refusal(exc), status_for(exc))
    flash(gettext("Your account %(username)s is ready and your address is confirmed: "
                  "sign in.", username=account.username), "success")
    return redirect(url_for("auth.login"), 303)
