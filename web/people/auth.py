"""Signing in and out; sessions live on the server (negotiation.people.signin)."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from negotiation.people.signin import SignInLocked, account_for_token, end_session, sign_in
from web.plumbing.access import SignedIn, wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.redirects import redirect_back
from web.words.languages import SESSION_KEY, refusal

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int]:
    """The sign-in form; a wrong username or password re-renders with the username kept.

    Wrong passwords are limited per account and per address (429 with the time the lock
    ends); a successful sign-in starts a new session on the server and a new cookie.
    """
    error, status = "", 200
    username = request.form.get("username", "")
    if request.method == "POST":
        now = wall_clock_now()
        try:
            started = sign_in(current_app.config["SESSION_FACTORY"], username,
                              request.form.get("password", ""),
                              request.remote_addr or "unknown", now)
        except SignInLocked as exc:
            error, status = refusal(exc), 429
        else:
            account = account_for_token(db(), started.token, now) if started else None
            if account is not None and started is not None:
                # Nothing from before the sign-in is carried into the new session (fixation).
                chosen = session.get(SESSION_KEY)
                session.clear()
                if chosen is not None:  # the language chosen on this page, not a session's
                    session[SESSION_KEY] = chosen
                login_user(SignedIn(account, started.token))
                return redirect_back(request.args.get("next"), "start.index")
            error, status = gettext("Unknown username or wrong password."), 401
    return render_template("auth/login.html", error=error, username=username), status


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Sign out: the session ends on the server, so no copy of the cookie opens it again."""
    end_session(db(), cast(SignedIn, current_user).token, wall_clock_now())
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"), 303)
