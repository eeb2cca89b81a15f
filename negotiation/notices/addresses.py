"""People's e-mail addresses: checked as addresses, and verified by a one-time link before
any notice goes there."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from email.headerregistry import Address

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import InvalidSetting, NotPermitted
from negotiation.models import Account, MailAddress, MailVerification
from negotiation.notices.mail.outbox import queue_message
from negotiation.record.journal import record
from negotiation.record.wording import Wording, says
from negotiation.text.languages import N_, known_language, translate

#: How long a verification link stays good.
VERIFICATION_LIFETIME = timedelta(hours=48)
# One local part and one domain with a dot: what a mail server routes. Anything else
# (spaces, CR/LF, several "@", display names, comments) is refused, not repaired.
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
                      r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")


class InvalidAddress(InvalidSetting):
    """What was typed is not an e-mail address."""


def checked_address(text: str) -> str:
    """The address as typed (trimmed), or InvalidAddress saying why it is refused."""
    if "\r" in text or "\n" in text:
        raise InvalidAddress("An e-mail address is one line: line breaks are refused.",
                             "email")
    address = text.strip()
    if len(address) > 254 or not _ADDRESS.fullmatch(address) or ".." in address:
        raise InvalidAddress(
            "That is not an e-mail address: give one like name@mission.example.org, "
            "without a name or spaces around it.", "email")
    # The email package must take it as one address too.
    Address(addr_spec=address)
    return address


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def address_of(session: Session, account_id: int) -> MailAddress | None:
    return session.get(MailAddress, account_id)


def set_address(session: Session, by_account: Account, account: Account, text: str,
                now: datetime, time_zone: str | None = None) -> MailAddress | None:
    """Set (or with "" remove) a person's address, by that person or an administrator.

    A new address is unverified: a one-time link goes to it, and nothing else until it is
    followed. The same address given again changes nothing and sends nothing."""
    if by_account.id != account.id and not by_account.is_admin:
        raise NotPermitted("Only the person or an administrator may set an account's address.")
    current = session.get(MailAddress, account.id)
    if not text.strip():
        if current is not None:
            _record_change(session, by_account, account, says(
                N_("E-mail address of %(account)s removed (was %(address)s)"),
                account=account.username, address=current.address), now)
            session.delete(current)
            session.flush()
        return None
    address = checked_address(text)
    if current is not None and current.address.lower() == address.lower():
        if time_zone is not None:
            current.time_zone = time_zone or None
        return current
    _record_change(session, by_account, account, says(
        N_("E-mail address of %(account)s changed from %(before)s to %(after)s"),
        account=account.username, before=current.address, after=address,
    ) if current is not None else says(N_("E-mail address of %(account)s set to %(address)s"),
                                       account=account.username, address=address), now)
    if current is None:
        current = MailAddress(account_id=account.id, address=address, changed_at=now)
        session.add(current)
    current.address, current.verified_at, current.changed_at = address, None, now
    if time_zone is not None:
        current.time_zone = time_zone or None
    session.flush()
    send_verification(session, account, address, now)
    return current


def _record_change(session: Session, by_account: Account, account: Account, what: Wording,
                   now: datetime) -> None:
    # Where notices go is the installation's record, not a negotiation's: who changed
    # whose address, and from what, answers "why did I stop receiving messages?".
    if by_account.is_admin and by_account.id != account.id:
        actor = Actor(Role.ADMIN, by_account.display_name)
    elif by_account.delegation_id is not None:
        actor = Actor(Role.DELEGATION, by_account.display_name, by_account.delegation_id)
    else:
        actor = Actor(Role.ADMIN if by_account.is_admin else Role.OBSERVER,
                      by_account.display_name)
    record(session, None, actor, now, "mail_address_changed",
           what, subject=f"account:{account.id}")


def send_verification(session: Session, account: Account, address: str, now: datetime) -> None:
    """Queue a one-time link to the address; links sent before for this account lapse."""
    session.execute(update(MailVerification).where(
        MailVerification.account_id == account.id, MailVerification.used_at.is_(None)
    ).values(used_at=now))
    token = secrets.token_urlsafe(32)
    session.add(MailVerification(account_id=account.id, address=address,
                                 token_hash=token_hash(token), created_at=now,
                                 expires_at=now + VERIFICATION_LIFETIME))
    language = known_language(account.language)
    queue_message(
        session, account_id=account.id, negotiation_id=None, address=address,
        display_name=account.display_name, kind="verify",
        subject=translate(N_("Confirm your e-mail address"), language),
        body=translate(N_("Someone (you, or an administrator for you) gave this address for "
                          "the account %(username)s on the negotiation tracker. Follow the "
                          "link below to confirm it; it works once, within 48 hours. If this "
                          "was not you, ignore this message: nothing will be sent here."),
                       language, username=account.username),
        link=f"/settings/verify/{token}", now=now,
    )


class VerificationRefused(InvalidSetting):
    """A verification link that is unknown, used, expired, or someone else's."""


def verify(session: Session, account: Account, token: str, now: datetime) -> MailAddress:
    """Follow a verification link, signed in as the account it was sent for."""
    found = session.scalars(select(MailVerification).where(
        MailVerification.token_hash == token_hash(token)).with_for_update()).first()
    if found is None or found.account_id != account.id:
        # Someone else's link says nothing about whose it is.
        raise VerificationRefused("This confirmation link is not valid for your account: "
                                  "sign in as the person it was sent to.")
    if found.used_at is not None:
        raise VerificationRefused("This confirmation link was already used or replaced by a "
                                  "newer one. Ask for a new link from My settings.")
    if found.expires_at <= now:
        raise VerificationRefused("This confirmation link has expired. Ask for a new one "
                                  "from My settings.")
    current = session.get(MailAddress, account.id)
    if current is None or current.address.lower() != found.address.lower():
        raise VerificationRefused("The address this link confirms is no longer yours here. "
                                  "Ask for a new link from My settings.")
    found.used_at = now
    current.verified_at = now
    session.flush()
    _record_change(session, account, account, says(
        N_("E-mail address of %(account)s confirmed: %(address)s"), account=account.username,
        address=current.address), now)
    return current


def addresses_by_account(session: Session) -> dict[int, MailAddress]:
    return {a.account_id: a for a in session.scalars(select(MailAddress))}
