"""My settings: a person's e-mail address, time zone and choice of messages per
negotiation; the confirmation link; an administrator setting someone's address."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from negotiation.errors import NegotiationError
from negotiation.models import Account
from negotiation.notices.addresses import address_of, send_verification, set_address, verify
from negotiation.notices.preferences import checked_time_zone, choice_of, set_choice
from negotiation.notices.statuses import CHOICES
from negotiation.people.appointments import negotiations_of
from web.plumbing.access import SignedIn, wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import refusal

bp = Blueprint("mailsettings", __name__, url_prefix="/settings", template_folder="templates")


def _me() -> Account:
    return cast(SignedIn, current_user).account


def _page(error: str = "", status: int = 200, typed: str | None = None) -> tuple[str, int]:
    session, me = db(), _me()
    negotiations = negotiations_of(session, me)
    return render_template(
        "mail/settings.html", address=address_of(session, me.id), error=error, typed=typed,
        negotiations=[(n, choice_of(session, me.id, n.id)) for n in negotiations
                      if not n.is_closed],
        choices=CHOICES,
    ), status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    return _page()


@bp.post("/address")
@login_required
def address() -> Response | tuple[str, int]:
    typed = request.form.get("email", "")
    try:
        zone = checked_time_zone(request.form.get("time_zone", ""))
        set_address(db(), _me(), _me(), typed, wall_clock_now(), time_zone=zone)
    except NegotiationError as exc:
        return _page(refusal(exc), status_for(exc), typed)
    found = address_of(db(), _me().id)
    flash(gettext("Address removed: nothing will be sent.") if found is None
          else gettext("Saved.") if found.verified_at else
          gettext("A confirmation link was sent to %(address)s: follow it to receive messages.",
                  address=found.address),
          "success")
    return redirect(url_for("mailsettings.index"), 303)


@bp.post("/resend")
@login_required
def resend() -> Response:
    found = address_of(db(), _me().id)
    if found is not None and found.verified_at is None:
        send_verification(db(), _me(), found.address, wall_clock_now())
        flash(gettext("A new confirmation link was sent to %(address)s.", address=found.address),
              "success")
    return redirect(url_for("mailsettings.index"), 303)


@bp.post("/choices")
@login_required
def choices() -> Response | tuple[str, int]:
    session, me = db(), _me()
    mine = {n.id for n in negotiations_of(session, me)}
    try:
        for key, value in request.form.items():
            if not key.startswith("choice-"):
                continue
            negotiation_id = int(key.removeprefix("choice-")) if key[7:].isdigit() else 0
            if negotiation_id not in mine:
                abort(403)
            set_choice(session, me.id, negotiation_id, value)
    except NegotiationError as exc:
        session.rollback()
        return _page(refusal(exc), status_for(exc))
    flash(gettext("Your choices are saved."), "success")
    return redirect(url_for("mailsettings.index"), 303)


@bp.get("/verify/<token>")
@login_required
def confirm(token: str) -> Response | tuple[str, int]:
    try:
        found = verify(db(), _me(), token[:100], wall_clock_now())
    except NegotiationError as exc:
        return _page(refusal(exc), status_for(exc))
    flash(gettext("%(address)s is confirmed: messages you chose will go there.",
                  address=found.address), "success")
    return redirect(url_for("mailsettings.index"), 303)


@bp.post("/account/<int:account_id>")
@login_required
def for_account(account_id: int) -> Response:
    """An administrator sets someone's address (from the Accounts page)."""
    if not _me().is_admin:
        abort(403)
    account = db().get(Account, account_id)
    if account is None:
        abort(404)
    try:
        set_address(db(), _me(), account, request.form.get("email", ""), wall_clock_now())
    except NegotiationError as exc:
        flash(gettext("%(username)s: %(refusal)s", username=account.username,
                      refusal=refusal(exc)), "error")
        return redirect(url_for("accounts.index"), 303)
    flash(gettext("Address of %(username)s saved; a confirmation link goes to it.",
                  username=account.username), "success")
    return redirect(url_for("accounts.index"), 303)


