"""Signing in and out."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user
from werkzeug.wrappers import Response

from negotiation.accounts import authenticate
from web.access import SignedIn
from web.dbsession import db
from web.redirects import redirect_back

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int]:
    """The sign-in form; a wrong username or password re-renders with the username kept."""
    error = ""
    username = request.form.get("username", "")
    if request.method == "POST":
        account = authenticate(db(), username, request.form.get("password", ""))
        if account is not None:
            login_user(SignedIn(account))
            return redirect_back(request.args.get("next"), "start.index")
        error = "Unknown username or wrong password."
    status = 401 if error else 200
    return render_template("auth/login.html", error=error, username=username), status


@bp.post("/logout")
@login_required
def logout() -> Response:
    logout_user()
    return redirect(url_for("auth.login"), 303)
