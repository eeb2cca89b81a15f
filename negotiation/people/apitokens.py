"""Personal API tokens: made and revoked by their owner, each for one negotiation.

A token acts as its owner in that negotiation, in whatever part the owner holds there when
the token is used (an appointment that ended ends what the token may do). The client holds
the secret; the server keeps its sha256, as it does for sign-in sessions: a leaked copy of
the database opens nothing. Expiry and sessions run on real time, never on a rehearsal
clock.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from negotiation.actors import Actor
from negotiation.errors import InvalidSubmission, NotPermitted
from negotiation.models import Account, ApiToken, Negotiation
from negotiation.people.appointments import actor_in
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit

#: Tells a token apart from other secrets a person keeps (and lets secret scanners find it).
PREFIX = "omn_"
NAME_LIMIT = column_limit(ApiToken.name)


@dataclass(frozen=True)
class TokenHolder:
    """Who a presented token acts as: the token, its owner, the negotiation, their part."""

    token: ApiToken
    account: Account
    negotiation: Negotiation
    actor: Actor


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(
    session: Session, account: Account, negotiation: Negotiation, name: str, now: datetime,
    *, expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token of the account for the negotiation, and its secret: shown once, never
    stored. Only someone taking part in the negotiation may make one."""
    actor = actor_in(session, account, negotiation)
    if actor is None:
        raise NotPermitted("You take no part in this negotiation.")
    name = checked_text(name, N_("The token's name"), limit=NAME_LIMIT, required=True)
    if expires_at is not None and expires_at <= now:
        raise InvalidSubmission("The expiry must be in the future.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(account_id=account.id, negotiation_id=negotiation.id, name=name,
                     token_hash=token_hash(secret), created_at=now, expires_at=expires_at)
    session.add(token)
    session.flush()
    # The record says a script may now act for this person here (never the secret).
    record(session, negotiation.id, actor, now, "api_token_created",
           says(N_("%(author)s made the API token “%(name)s”"), author=actor.name, name=name),
           subject=f"api_token:{token.id}")
    return token, secret


def revoke_token(session: Session, account: Account, token_id: int, now: datetime) -> ApiToken:
    """The owner ends a token at once; someone else's token is not found for them."""
    token = session.get(ApiToken, token_id)
    if token is None or token.account_id != account.id:
        raise InvalidSubmission("You have no such token.")
    if token.revoked_at is None:
        token.revoked_at = now
        session.flush()
    return token


def tokens_of(session: Session, account: Account) -> list[ApiToken]:
    """The account's tokens, newest first, with their negotiations."""
    return list(session.scalars(
        select(ApiToken).where(ApiToken.account_id == account.id)
        .options(joinedload(ApiToken.negotiation))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def is_live(token: ApiToken, now: datetime) -> bool:
    return token.revoked_at is None and (token.expires_at is None or now < token.expires_at)


def holder_of(session: Session, secret: str, now: datetime) -> TokenHolder | None:
    """Who the secret acts as, or None: unknown, revoked, expired, the account switched
    off, or the owner no longer takes part in the token's negotiation."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == token_hash(secret))
        .options(joinedload(ApiToken.account), joinedload(ApiToken.negotiation))).first()
    if token is None or not is_live(token, now) or not token.account.active:
        return None
    actor = actor_in(session, token.account, token.negotiation)
    if actor is None:
        return None
    return TokenHolder(token, token.account, token.negotiation, actor)
