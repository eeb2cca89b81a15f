"""The Mail page: what was sent, queued and failed (with the mail server's answer), and
what a rehearsal kept unsent; the secretariat and the administrator can send one again."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import MailMessage
from negotiation.notices.mail.outbox import messages_of, send_again
from negotiation.text.languages import N_
from web.plumbing.access import actor, negotiation, roles_required, wall_clock_now
from web.plumbing.dbsession import db
from web.words.languages import refusal

#: A message's state as the page names it (negotiation.notices.statuses: stored words, shown
#: translated).
STATUS_LABELS = (N_("queued"), N_("sending"), N_("sent"), N_("failed"), N_("rehearsal"),
                 N_("for-digest"), N_("digested"))

bp = Blueprint("mail", __name__, url_prefix="/mail", template_folder="templates")


@bp.get("/")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def index() -> str:
    is_admin = actor().role is Role.ADMIN
    return render_template("mail/index.html", negotiation=negotiation(), is_admin=is_admin,
                           messages=messages_of(db(), negotiation().id, with_unscoped=is_admin))


@bp.post("/<int:message_id>/again")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def again(message_id: int) -> Response:
    message = db().get(MailMessage, message_id)
    if message is None or message.negotiation_id not in (negotiation().id, None) or (
            message.negotiation_id is None and actor().role is not Role.ADMIN):
        abort(404)
    try:
        send_again(db(), actor(), message, wall_clock_now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        flash(refusal(exc), "error")
        return redirect(url_for("mail.index"), 303)
    flash(gettext("The message to %(address)s is queued again.", address=message.address),
          "success")
    return redirect(url_for("mail.index"), 303)
