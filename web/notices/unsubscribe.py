"""One-click unsubscribe (RFC 8058): the link in every message works without signing in, by
its signed token, and changes only that person's choice for that negotiation. The POST has
no CSRF token, as the RFC requires of a mail client's one-click request; the token is what
authorises it, and it can do nothing but stop messages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.models import Account, Negotiation
from negotiation.notices.preferences import set_choice
from negotiation.notices.signing import read_unsubscribe_token
from negotiation.notices.statuses import NONE
from web.plumbing.dbsession import db
from web.plumbing.extensions import csrf

bp = Blueprint("unsubscribe", __name__, url_prefix="/mail/unsubscribe",
               template_folder="templates")


def _named(token: str) -> tuple[Account, Negotiation]:
    found = read_unsubscribe_token(current_app.config["SECRET_KEY"], token[:100])
    if found is None:
        abort(404, gettext("This link to stop messages is not valid."))
    account, negotiation = db().get(Account, found[0]), db().get(Negotiation, found[1])
    if account is None or negotiation is None:
        abort(404, gettext("This link to stop messages is not valid."))
    return account, negotiation


@bp.get("/<token>")
def confirm(token: str) -> str:
    """The link followed in a browser: a button, so a link scanner stops nothing."""
    _account, negotiation = _named(token)
    return render_template("mail/unsubscribe.html", negotiation=negotiation, token=token,
                           done=False)


@bp.post("/<token>")
@csrf.exempt
def stop(token: str) -> str | Response:
    account, negotiation = _named(token)
    set_choice(db(), account.id, negotiation.id, NONE)
    return render_template("mail/unsubscribe.html", negotiation=negotiation, token=token,
                           done=True)
