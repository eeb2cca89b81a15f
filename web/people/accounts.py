"""Accounts are people, across negotiations: the installation's administrators keep them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from negotiation.enums import Role, SignInScope
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import Account, Delegation
from negotiation.notices.addresses import addresses_by_account
from negotiation.people.accounts import create_account_as, set_active_as
from negotiation.people.password_policy import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from negotiation.people.signin import lift_lock, locks_in_force
from negotiation.text.languages import N_
from web.plumbing.access import actor, now, roles_required, wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import refusal
from web.words.wording import sorted_on_page

#: Accounts belong to no negotiation: the refusal names who keeps them.
ONLY_ADMINISTRATORS = N_("Only an administrator manages accounts.")

bp = Blueprint("accounts", __name__, url_prefix="/accounts", template_folder="templates")


def _page(kept: dict[str, str], error: str = "", status: int = 200) -> tuple[str, int]:
    session, moment = db(), wall_clock_now()
    return render_template(
        "accounts/index.html",
        accounts=list(session.scalars(select(Account).order_by(Account.username))),
        delegations=sorted_on_page(session.scalars(select(Delegation))),
        kept=kept, error=error, locked=locks_in_force(session, SignInScope.ACCOUNT, moment),
        locked_addresses=locks_in_force(session, SignInScope.ADDRESS, moment),
        addresses=addresses_by_account(session),
        min_password_length=MIN_PASSWORD_LENGTH, max_password_length=MAX_PASSWORD_LENGTH,
    ), status


@bp.get("/")
@roles_required(Role.ADMIN, refusal=ONLY_ADMINISTRATORS)
def index() -> tuple[str, int]:
    """Every account, and the form to create one."""
    return _page({})


@bp.post("/")
@roles_required(Role.ADMIN, refusal=ONLY_ADMINISTRATORS)
def create() -> Response | tuple[str, int]:
    """Create an account; a refusal comes back with what was typed (but not the password)."""
    kept = {k: request.form.get(k, "")
            for k in ("username", "display_name", "delegation", "is_admin")}
    try:
        account = create_account_as(
            db(), actor(), kept["username"], request.form.get("password", ""), now(),
            display_name=kept["display_name"], delegation_code=kept["delegation"] or None,
            is_admin=kept["is_admin"] == "1",
        )
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _page(kept, refusal(exc), status_for(exc))
    flash(gettext("Account %(username)s created.", username=account.username), "success")
    return redirect(url_for("accounts.index"), 303)


@bp.post("/<int:account_id>/active")
@roles_required(Role.ADMIN, refusal=ONLY_ADMINISTRATORS)
def set_active(account_id: int) -> Response | tuple[str, int]:
    """Suspend or restore an account."""
    account = db().get(Account, account_id)
    if account is None:
        abort(404)
    # Only an explicit choice acts: a missing or odd value must not suspend anyone.
    choice = request.form.get("active")
    if choice not in ("0", "1"):
        return _page({}, gettext("Say whether to suspend or to restore the account."), 422)
    active = choice == "1"
    try:
        set_active_as(db(), actor(), account, active, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _page({}, refusal(exc), status_for(exc))
    flash(gettext("Account %(username)s restored.", username=account.username) if active
          else gettext("Account %(username)s suspended.", username=account.username), "success")
    return redirect(url_for("accounts.index"), 303)


@bp.post("/<int:account_id>/unlock")
@roles_required(Role.ADMIN, refusal=ONLY_ADMINISTRATORS)
def unlock(account_id: int) -> Response | tuple[str, int]:
    """Lift an account's sign-in lock before it ends."""
    account = db().get(Account, account_id)
    if account is None:
        abort(404)
    return _lift(SignInScope.ACCOUNT, account.username,
                 gettext("Account %(username)s can sign in again.", username=account.username))


@bp.post("/address-lock")
@roles_required(Role.ADMIN, refusal=ONLY_ADMINISTRATORS)
def unlock_address() -> Response | tuple[str, int]:
    """Lift an address's sign-in lock before it ends."""
    address = request.form.get("address", "").strip()
    return _lift(SignInScope.ADDRESS, address,
                 gettext("Signing in from %(address)s is possible again.", address=address))


def _lift(scope: SignInScope, key: str, done: str) -> Response | tuple[str, int]:
    try:
        lift_lock(db(), actor(), scope, key, wall_clock_now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _page({}, refusal(exc), status_for(exc))
    flash(done, "success")
    return redirect(url_for("accounts.index"), 303)
