"""Personal calendar addresses: made by the person, shown once, kept only as a hash, and
revoked by the person at any time.

The address is the only key to the feed (calendar programs cannot sign in), so it is as
long and random as a session's token, and the server could not show it again if asked.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.errors import InvalidSetting
from negotiation.models import Account, CalendarSubscription, Negotiation
from negotiation.people.appointments import negotiations_of


@dataclass(frozen=True)
class NewSubscription:
    """A subscription just made, with the token the person copies (never stored)."""

    subscription: CalendarSubscription
    token: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_subscription(session: Session, account: Account, now: datetime) -> NewSubscription:
    """A new calendar address for the person; anyone signed in may make one."""
    token = secrets.token_urlsafe(32)
    subscription = CalendarSubscription(account_id=account.id, token_hash=_token_hash(token),
                                        created_at=now)
    session.add(subscription)
    session.flush()
    return NewSubscription(subscription, token)


def subscriptions_of(session: Session, account: Account) -> list[CalendarSubscription]:
    """The person's addresses still in force, newest first."""
    return list(session.scalars(
        select(CalendarSubscription)
        .where(CalendarSubscription.account_id == account.id,
               CalendarSubscription.revoked_at.is_(None))
        .order_by(CalendarSubscription.created_at.desc(), CalendarSubscription.id.desc())
    ))


def revoke_subscription(
    session: Session, account: Account, subscription_id: int, now: datetime
) -> CalendarSubscription:
    """The address opens nothing from now on; only its owner revokes it."""
    found = session.get(CalendarSubscription, subscription_id)
    # Another person's address is answered as no address at all: its existence is no
    # one else's business.
    if found is None or found.account_id != account.id or found.revoked_at is not None:
        raise InvalidSetting("There is no such calendar address of yours in force.")
    found.revoked_at = now
    session.flush()
    return found


def subscriber(session: Session, token: str) -> Account | None:
    """The active account whose address in force this token is, if any."""
    return session.scalars(
        select(Account)
        .join(CalendarSubscription, CalendarSubscription.account_id == Account.id)
        .where(CalendarSubscription.token_hash == _token_hash(token),
               CalendarSubscription.revoked_at.is_(None),
               Account.active.is_(True))
    ).first()


def subscribed_negotiations(session: Session, account: Account) -> list[Negotiation]:
    """What a person's address holds: every negotiation the person takes part in, the
    same list as their start page (archived cycles too: their dates stay true)."""
    return negotiations_of(session, account)
