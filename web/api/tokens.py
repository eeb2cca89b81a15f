"""The person's own API tokens: made for one negotiation, shown once, revoked at once."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from negotiation.errors import NegotiationError
from negotiation.models import Account
from negotiation.people.apitokens import is_live, issue_token, revoke_token, tokens_of
from negotiation.people.appointments import negotiations_of
from web.plumbing.access import wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.replays import answer_again_with
from web.plumbing.requestvalues import form_id
from web.words.languages import refusal

bp = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens",
               template_folder="templates")

#: The lifetimes offered, in days ("" : until revoked).
LIFETIMES = {"": lazy_gettext("until revoked"), "7": lazy_gettext("7 days"),
             "30": lazy_gettext("30 days"), "90": lazy_gettext("90 days"),
             "365": lazy_gettext("one year")}


def _account() -> Account:
    return current_user.account  # type: ignore[no-any-return]


def _page(*, secret: str = "", error: str = "", kept: dict[str, str] | None = None,
          status: int = 200) -> tuple[str, int]:
    session, moment = db(), wall_clock_now()
    return render_template(
        "api/tokens.html", tokens=tokens_of(session, _account()), now=moment, is_live=is_live,
        sent_again="again" in request.args,
        negotiations=[n for n in negotiations_of(session, _account()) if not n.is_closed],
        lifetimes=LIFETIMES, secret=secret, error=error, kept=kept or {}), status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    """The person's tokens, and the form to make one."""
    return _page()


@bp.post("/")
@login_required
def create() -> tuple[str, int]:
    """Make a token; its secret is on this answer only (a second click of the same form is
    sent to the list, not to a kept copy of this answer)."""
    kept = {k: request.form.get(k, "") for k in ("name", "negotiation", "lifetime")}
    session, moment = db(), wall_clock_now()
    chosen = form_id("negotiation")
    negotiation = next((n for n in negotiations_of(session, _account()) if n.id == chosen),
                       None)
    if negotiation is None:
        return _page(error=gettext("Choose a negotiation you take part in."), kept=kept,
                     status=422)
    if kept["lifetime"] not in LIFETIMES:
        return _page(error=gettext("Choose how long the token lasts."), kept=kept, status=422)
    expires_at = moment + timedelta(days=int(kept["lifetime"])) if kept["lifetime"] else None
    try:
        _token, secret = issue_token(session, _account(), negotiation, kept["name"], moment,
                                     expires_at=expires_at)
    except NegotiationError as exc:
        return _page(error=refusal(exc), kept=kept, status=status_for(exc))
    answer_again_with(url_for("api_tokens.index", again=1))
    return _page(secret=secret)


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int) -> Response:
    """End a token at once: the next request it carries is refused."""
    try:
        token = revoke_token(db(), _account(), token_id, wall_clock_now())
    except NegotiationError:
        abort(404)
    flash(gettext("The token “%(name)s” is revoked: it opens nothing any more.", name=token.name),
          "success")
    return redirect(url_for("api_tokens.index"), 303)
