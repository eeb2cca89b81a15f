"""Forgot your password? Ask for a link by username or address (the answer is always the
same), then set a new password through the link that arrived."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.errors import NegotiationError
from negotiation.notices.resets import (
    SAME_ANSWER,
    ResetLimited,
    request_reset,
    reset_for,
    reset_password,
)
from negotiation.people.password_policy import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from web.plumbing.access import wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import refusal

bp = Blueprint("resets", __name__, url_prefix="/auth", template_folder="templates")


@bp.route("/forgot", methods=["GET", "POST"])
def forgot() -> tuple[str, int]:
    """The request for a link; answered the same whether or not an account answers to it."""
    typed = request.form.get("who", "")
    if request.method == "GET":
        return render_template("auth/forgot.html", typed="", answer="", error=""), 200
    try:
        request_reset(db(), typed, request.remote_addr or "unknown", wall_clock_now())
    except ResetLimited as exc:
        return render_template("auth/forgot.html", typed=typed, answer="", error=refusal(exc)), 429
    except NegotiationError as exc:
        return render_template("auth/forgot.html", typed=typed, answer="",
                               error=refusal(exc)), status_for(exc)
    return render_template("auth/forgot.html", typed="", answer=gettext(SAME_ANSWER),
                           error=""), 200


def _form(token: str, error: str = "", status: int = 200) -> tuple[str, int]:
    return render_template("auth/reset.html", token=token, error=error, refusal="",
                           min_password_length=MIN_PASSWORD_LENGTH,
                           max_password_length=MAX_PASSWORD_LENGTH), status


@bp.get("/reset/<token>")
def reset(token: str) -> tuple[str, int]:
    token = token[:100]
    try:
        reset_for(db(), token, wall_clock_now())
    except NegotiationError as exc:
        return render_template("auth/reset.html", token=token, error="",
                               refusal=refusal(exc)), status_for(exc)
    return _form(token)


@bp.post("/reset/<token>")
def set_password(token: str) -> Response | tuple[str, int]:
    """Set the new password; every session of the account ends."""
    token = token[:100]
    try:
        account = reset_password(db(), token, request.form.get("password", ""),
                                 wall_clock_now())
    except NegotiationError as exc:
        return _form(token, refusal(exc), status_for(exc))
    flash(gettext("The password of %(username)s is set, and every session of the account "
                  "has ended: sign in with the new one.", username=account.username), "success")
    return redirect(url_for("auth.login"), 303)
