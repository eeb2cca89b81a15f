"""Who is signed in, which negotiation the request is about, and the route-level checks.

Every page of a negotiation lives under /<committee>/<cycle>/ (e.g. /csh/2023-2024/draft/);
views never see those two values: they are taken from the URL before the view runs and put
back by ``url_for`` for links within the same negotiation. A person's role is the one they
hold in that negotiation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, abort, current_app, g, render_template, request
from flask_babel import gettext
from flask_login import UserMixin, current_user, login_required
from werkzeug.exceptions import Conflict

from negotiation.actors import Actor
from negotiation.calendar.rehearsal import reading
from negotiation.enums import Role
from negotiation.models import Account, Delegation, Negotiation
from negotiation.people.appointments import actor_in, installation_actor, negotiation_named
from negotiation.people.signedin import SignedInAt, signed_in_at
from negotiation.people.signin import account_for_token
from negotiation.record.clock import FixedClock
from web.plumbing.dbsession import db
from web.plumbing.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])
_KEYS = ("committee", "cycle")
_READING = frozenset({"GET", "HEAD", "OPTIONS"})


class SignedIn(UserMixin):
    """The signed-in account, as Flask-Login needs it; its role is the current negotiation's.

    The cookie holds the session's token (``get_id``), not the account's id: the token opens
    only the server-side session it was made for, which signing out ends.
    """

    def __init__(self, account: Account, token: str) -> None:
        self.account = account
        self.token = token
        self.id = account.id
        self.display_name = account.display_name

    @property
    def is_active(self) -> bool:
        return self.account.active

    def get_id(self) -> str:
        return self.token

    @property
    def is_admin(self) -> bool:
        return self.account.is_admin

    @property
    def role(self) -> str | None:
        """The role in the current negotiation ("admin" outside one, for administrators)."""
        acting = _actor_or_none()
        if acting is not None:
            return acting.role.value
        return Role.ADMIN.value if self.account.is_admin else None

    @property
    def delegation(self) -> Delegation | None:
        """The delegation the person acts for in the current negotiation, if any."""
        acting = _actor_or_none()
        if acting is None or acting.delegation_id is None:
            return None
        return db().get(Delegation, acting.delegation_id)


@login_manager.user_loader
def _load_user(token: str) -> SignedIn | None:
    key = g.get("negotiation_key")
    if key is None:
        account = account_for_token(db(), token, wall_clock_now())
        return SignedIn(account, token) if account is not None else None
    # A page of a negotiation: the person and their part in it in one read, which
    # _load_negotiation takes up (asked again on every request, never kept).
    found = signed_in_at(db(), token, wall_clock_now(), *key)
    if found is None:
        return None
    g.signed_in_at = found
    return SignedIn(found.account, token)


def in_negotiation() -> bool:
    """Whether the request is about one negotiation (its URL names it)."""
    return "negotiation_key" in g


def negotiation() -> Negotiation:
    """The negotiation the request's URL names (404 if there is none)."""
    found: Negotiation | None = g.get("negotiation")
    if found is None:
        abort(404)
    return found


def _actor_or_none() -> Actor | None:
    if "actor" not in g:
        account = cast(SignedIn, current_user).account if current_user.is_authenticated else None
        found: Negotiation | None = g.get("negotiation")
        if account is None:
            g.actor = None
        elif found is None:
            g.actor = installation_actor(account) if account.is_admin else None
        else:
            g.actor = actor_in(db(), account, found)
    return cast(Actor | None, g.actor)


def actor(refusal: str | None = None) -> Actor:
    """The domain actor for the signed-in person in the current negotiation (outside one, an
    administrator); otherwise 403 with the refusal, or one that says why."""
    acting = _actor_or_none()
    if acting is None:
        abort(403, _shown(refusal) or (gettext("You take no part in this negotiation.")
                                       if in_negotiation()
                                       else gettext("Only an administrator may do this.")))
    return acting


def now() -> datetime:
    """The app's clock (fixed in the demo and in tests; on a rehearsal server, where the
    negotiation's chair or secretariat last moved it, in whichever worker they did)."""
    clock = rehearsal_clock()
    if clock is None:
        return current_app.config["CLOCK"].now()
    if "rehearsal_now" not in g:
        # One reading a request: a move committed meanwhile by another request of this
        # worker does not split its acts between two moments.
        g.rehearsal_now = reading(db(), clock, g.get("negotiation"))
    return cast(datetime, g.rehearsal_now)


def rehearsal_clock() -> FixedClock | None:
    """The clock the chair and the secretariat may move, on a rehearsal server."""
    clock = current_app.config["CLOCK"]
    adjustable = current_app.config.get("CLOCK_ADJUSTABLE") and isinstance(clock, FixedClock)
    return clock if adjustable else None


def wall_clock_now() -> datetime:
    """The real time, for sessions and sign-in limits: a rehearsal clock never moves them."""
    return current_app.config["WALL_CLOCK"].now()


def roles_required(*roles: Role, refusal: str | None = None) -> Callable[[F], F]:
    """Sign-in required, and one of the roles in this negotiation: otherwise 403, with the
    refusal if one is given (the domain checks again)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if actor(refusal).role not in roles:
                abort(403, _shown(refusal))
            return view(*args, **kwargs)

        return cast(F, login_required(wrapped))

    return decorate


def _shown(refusal: str | None) -> str | None:
    """A view's refusal (marked with ``N_`` where it is written) in the reader's language."""
    return gettext(refusal) if refusal else refusal


def _take_negotiation_from_url(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and all(k in values for k in _KEYS):
        key = (values.pop("committee"), values.pop("cycle"))
        # A NUL names no negotiation (the request is refused with a 400): it is never looked
        # up, not even by the page that explains the refusal.
        if not any("\x00" in part for part in key):
            g.negotiation_key = key


def _put_negotiation_in_url(endpoint: str, values: dict[str, Any]) -> None:
    key = g.get("negotiation_key")
    if key is None or "committee" in values:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "committee"):
        values["committee"], values["cycle"] = key


def _load_negotiation() -> Any:
    key = g.get("negotiation_key")
    if key is None:
        return None
    committee, cycle = key
    signed_in = cast(SignedIn, current_user) if current_user.is_authenticated else None
    if signed_in is None:
        found = negotiation_named(db(), committee, cycle)
    else:
        # The user loader read it with the person (see _load_user).
        read: SignedInAt | None = g.pop("signed_in_at", None)
        if read is None or read.account is not signed_in.account:
            read = signed_in_at(db(), signed_in.token, wall_clock_now(), committee, cycle)
        found = read.negotiation if read is not None else None
    if found is None:
        abort(404, gettext("There is no such negotiation."))
    g.negotiation = found
    if signed_in is not None:
        g.actor = read.actor if read is not None else None
        if g.actor is None:
            abort(403, gettext("You take no part in this negotiation."))
    if found.is_closed and request.method not in _READING:
        refusal = Conflict(gettext("%(committee)s %(cycle)s is closed: its archive can be "
                                   "read but accepts no change.",
                                   committee=found.committee, cycle=found.cycle))
        return render_template("error.html", error=refusal), 409
    return None


def init_app(app: Flask) -> None:
    """Take the negotiation from every URL that names one, and check the person's part in it."""
    app.url_value_preprocessor(_take_negotiation_from_url)
    app.url_defaults(_put_negotiation_in_url)
    app.before_request(_load_negotiation)

    @app.context_processor
    def _negotiation_context() -> dict[str, object]:
        return {"current_negotiation": g.get("negotiation")}
