"""Who is signed in, as the domain sees them, and the route-level checks for pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app, g
from flask_login import UserMixin, current_user, login_required
from sqlalchemy.orm import joinedload

from negotiation.accounts import actor_for
from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.models import Account, Negotiation
from negotiation.queries import current_negotiation
from web.dbsession import db
from web.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])


class SignedIn(UserMixin):
    """The signed-in account, as Flask-Login needs it."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.id = account.id
        self.role = account.role.value
        self.delegation = account.delegation
        self.display_name = account.display_name

    @property
    def is_active(self) -> bool:
        return self.account.active


@login_manager.user_loader
def _load_user(account_id: str) -> SignedIn | None:
    # The delegation comes in the same query: every page shows it in the banner.
    account = db().get(Account, int(account_id), options=[joinedload(Account.delegation)])
    return SignedIn(account) if account is not None and account.active else None


def actor() -> Actor:
    """The domain actor for the signed-in person."""
    return actor_for(cast(SignedIn, current_user).account)


def now() -> datetime:
    """The app's clock (fixed in the demo and in tests)."""
    return current_app.config["CLOCK"].now()


def negotiation() -> Negotiation:
    """The negotiation the app serves (the latest cycle loaded), read once per request."""
    if "negotiation" not in g:
        found = current_negotiation(db())
        if found is None:
            abort(404, "No negotiation is loaded yet: run `python -m negotiation.demo load`.")
        g.negotiation = found
    return g.negotiation  # type: ignore[no-any-return]


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
