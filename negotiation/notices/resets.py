"""Password reset by e-mail: a one-time link to the account's confirmed address.

Asking for a link answers the same whatever was typed (an account's username or address, or
neither), so the form tells no one who has an account; requests are limited like sign-in.
The link's token is kept only as a hash, works once and for an hour; setting a new password
through it ends every session of the account (a thief signed in is signed out) and is
written in the installation's record.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import NegotiationError, RefusedTransition
from negotiation.models import Account, MailAddress, PasswordReset, SignInSession
from negotiation.notices.addresses import token_hash
from negotiation.notices.mail.outbox import queue_message
from negotiation.people.accounts import find_account, hash_password
from negotiation.people.password_policy import check_password
from negotiation.people.signin import count_reset_request
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.languages import N_, known_language, translate
from negotiation.text.textcheck import checked_text

RESET_LIFETIME = timedelta(hours=1)
#: The one answer to every request, account or not.
SAME_ANSWER = N_("If an account has this address or username, a link to set a new password "
                 "is on its way to its confirmed e-mail address. It works once, within an hour.")


class ResetLimited(NegotiationError):
    """Too many requests for a link from this address or for this name."""

    def __init__(self, until: datetime, **params: object) -> None:
        super().__init__("Too many requests for a new password: try again after %(time)s UTC "
                         "(%(date)s).", time=format(until, "%H:%M"), date=format(until, "%d %B %Y"),
                         **params)
        self.until = until


class ResetRefused(RefusedTransition):
    """A reset link that is unknown, used, replaced or expired."""


def _account_for(session: Session, typed: str) -> tuple[Account, str] | None:
    """The active account with this username or confirmed address, and that address."""
    if "@" in typed:
        row = session.execute(select(Account, MailAddress.address).join(
            MailAddress, MailAddress.account_id == Account.id).where(
            func.lower(MailAddress.address) == typed.lower(),
            MailAddress.verified_at.is_not(None))).first()
        found = (row[0], row[1]) if row is not None else None
    else:
        account = find_account(session, typed)
        address = session.get(MailAddress, account.id) if account is not None else None
        found = ((account, address.address) if account is not None and address is not None
                 and address.verified_at is not None else None)
    if found is None or not found[0].active:
        return None
    return found


def request_reset(session: Session, typed: str, client: str, wall: datetime) -> None:
    """Ask for a reset link for a username or an address; queues it if an active account
    with a confirmed address answers to it, and says nothing about whether one did."""
    typed = checked_text(typed, N_("The username or address"), one_line=True, limit=254).strip()
    until = count_reset_request(session, typed, client, wall)
    if until is not None:
        raise ResetLimited(until)
    found = _account_for(session, typed) if typed else None
    if found is None:
        return
    account, address = found
    language = known_language(account.language)
    _lapse(session, account.id, wall)
    token = secrets.token_urlsafe(32)
    session.add(PasswordReset(account_id=account.id, token_hash=token_hash(token),
                              created_at=wall, expires_at=wall + RESET_LIFETIME))
    session.flush()
    queue_message(
        session, account_id=account.id, negotiation_id=None, address=address,
        display_name=account.display_name, kind="reset",
        subject=translate(N_("Set a new password"), language),
        body=translate(N_("Someone asked for a new password for the account %(username)s on "
                          "the negotiation tracker. Follow the link below to choose one; it "
                          "works once, within an hour, and signs the account out everywhere. "
                          "If this was not you, ignore this message: your password stays as "
                          "it is."), language, username=account.username),
        link=f"/auth/reset/{token}", now=wall)


def _lapse(session: Session, account_id: int, wall: datetime) -> None:
    """Links sent before for the account stop working: only the newest opens anything."""
    session.execute(update(PasswordReset).where(
        PasswordReset.account_id == account_id, PasswordReset.used_at.is_(None)
    ).values(used_at=wall))


def reset_for(session: Session, token: str, wall: datetime) -> PasswordReset:
    """The reset a link names, still good (locked for this transaction), or a refusal."""
    found = session.scalars(select(PasswordReset).where(
        PasswordReset.token_hash == token_hash(token[:100])).with_for_update()).first()
    if found is None or found.used_at is not None:
        raise ResetRefused("This link to set a new password is not valid: it was used, or "
                           "replaced by a newer one. Ask for a new link.")
    if found.expires_at <= wall:
        raise ResetRefused("This link to set a new password has expired (it works for an "
                           "hour). Ask for a new link.")
    return found


def reset_password(session: Session, token: str, password: str, wall: datetime) -> Account:
    """Set a new password through the link; every session of the account ends."""
    found = reset_for(session, token, wall)
    account = session.get_one(Account, found.account_id)
    if not account.active:
        raise ResetRefused("This account is suspended: ask an administrator.")
    check_password(password, related=(account.username, account.display_name))
    account.password_hash = hash_password(password)
    _lapse(session, account.id, wall)
    session.execute(update(SignInSession).where(
        SignInSession.account_id == account.id, SignInSession.ended_at.is_(None)
    ).values(ended_at=wall))
    session.flush()
    record(session, None, Actor(Role.SYSTEM, account.display_name[:120]), wall,
           "password_reset",
           says(N_("Password of account %(account)s set through the link sent to its "
                   "address; every session of the account ended"), account=account.username),
           subject=f"account:{account.id}")
    return account
