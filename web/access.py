"""Who is signed in, as the domain sees them, and the route-level checks for pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app
from flask_login import UserMixin, current_user, login_required
from sqlalchemy import select

from negotiation.accounts import actor_for
from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.models import Account, Amendment, Negotiation, Paragraph
from negotiation.queries import current_negotiation
from web.dbsession import db, for_change
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
    account = db().get(Account, int(account_id))
    return SignedIn(account) if account is not None and account.active else None


def actor() -> Actor:
    """The domain actor for the signed-in person."""
    return actor_for(cast(SignedIn, current_user).account)


def now() -> datetime:
    """The app's clock (fixed in the demo and in tests)."""
    return current_app.config["CLOCK"].now()


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


def paragraph_for_change(paragraph_id: int) -> Paragraph:
    """The negotiation's paragraph, locked when the request changes data (else 404)."""
    found = for_change(Paragraph, paragraph_id)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return found


def proposal_for_change(amendment_id: int) -> Amendment:
    """The negotiation's proposal (else 404). A writing request locks its paragraph first,
    then the proposal, since every act on a proposal is also one on its paragraph: two
    acts on proposals of one paragraph run one after the other."""
    where = db().execute(
        select(Amendment.paragraph_id, Amendment.negotiation_id).where(Amendment.id == amendment_id)
    ).first()
    if where is None or where.negotiation_id != negotiation().id:
        abort(404)
    # Locked rows are loaded here first: one the session already held would be refused as
    # stale by SQLAlchemy's version check as soon as the other request had changed it.
    for_change(Paragraph, where.paragraph_id)
    found = for_change(Amendment, amendment_id)
    assert found is not None  # proposals are never deleted
    return found
