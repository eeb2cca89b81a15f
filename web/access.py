"""Who is signed in, as the domain sees them, and the route-level checks for pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app
from flask_login import UserMixin, current_user, login_required

from negotiation.accounts import actor_for
from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.models import Account, Negotiation
from negotiation.queries import current_negotiation
from negotiation.signin import account_for_token
from web.dbsession import db
from web.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])


class SignedIn(UserMixin):
    """The signed-in account, as Flask-Login needs it.

    The cookie holds the session's token (``get_id``), not the account's id: the token opens
    only the server-side session it was made for, which signing out ends.
    """

    def __init__(self, account: Account, token: str) -> None:
        self.account = account
        self.token = token
        self.id = account.id
        self.role = account.role.value
        self.delegation = account.delegation
        self.display_name = account.display_name

    @property
    def is_active(self) -> bool:
        return self.account.active

    def get_id(self) -> str:
        return self.token


@login_manager.user_loader
def _load_user(token: str) -> SignedIn | None:
    account = account_for_token(db(), token, wall_clock_now())
    return SignedIn(account, token) if account is not None else None


def actor() -> Actor:
    """The domain actor for the signed-in person."""
    return actor_for(cast(SignedIn, current_user).account)


def now() -> datetime:
    """The app's clock (fixed in the demo and in tests)."""
    return current_app.config["CLOCK"].now()


def wall_clock_now() -> datetime:
    """The real time, for sessions and sign-in limits: a rehearsal clock never moves them."""
    return current_app.config["WALL_CLOCK"].now()


def negotiation() -> Negotiation:
    """The negotiation the app serves (the latest cycle loaded)."""
    found = current_negotiation(db())
    if found is None:
        abort(404, "No negotiation is loaded yet: run `python -m negotiation.demo load`.")
    return found


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Sign-in required, and one of the roles: otherwise 403 (the domain checks again)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if cast(SignedIn, current_user).account.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, login_required(wrapped))

    return decorate
