"""Signing in and out with sessions kept on the server, and limits on wrong passwords.

Everything is held in the database, never in a process's memory, so the limits and the
ends of sessions hold across every worker of the production server:

- a sign-in starts a session row; the browser holds a random token, the database only its
  hash; signing out ends the row, so a copy of the old cookie opens nothing;
- wrong passwords are counted per account name and per address in ``sign_in_limit`` rows,
  each locked (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite lets one writer in at a
  time) while a try is counted, so concurrent tries cannot slip past the limit; the lock
  that the limit sets is written in the installation's record.

Flask-Limiter was considered: its storage backends (memory, Redis, Memcached, MongoDB) are
none of them the app's database, and the app runs no other server.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload, sessionmaker

from negotiation.actors import SYSTEM, Actor
from negotiation.enums import SignInScope
from negotiation.errors import InvalidSubmission, NegotiationError
from negotiation.models import Account, FormReceipt, SignInLimit, SignInSession
from negotiation.people.accounts import authenticate
from negotiation.people.permissions import can_manage_accounts, require
from negotiation.record.journal import record
from negotiation.record.wording import Wording, says
from negotiation.text.languages import N_

#: Wrong passwords allowed within WINDOW before a lock of LOCK_DURATION.
FAILURES_ALLOWED = {SignInScope.ACCOUNT: 5, SignInScope.ADDRESS: 20}
WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)
#: A session ends by itself this long after sign-in (a working day and then some).
SESSION_LIFETIME = timedelta(hours=14)


class SignInLocked(NegotiationError):
    """Too many wrong passwords: sign-in is refused until ``until``, right password or not."""

    def __init__(self, scope: SignInScope, until: datetime, **params: object) -> None:
        message = (
            N_("Too many wrong passwords: signing in to this account is locked until %(time)s "
               "UTC (%(date)s). Try again then, or ask an administrator to lift the lock.")
            if scope is SignInScope.ACCOUNT else
            N_("Too many wrong passwords: signing in from your network address is locked "
               "until %(time)s UTC (%(date)s). Try again then, or ask an administrator to "
               "lift the lock."))
        super().__init__(message, time=format(until, "%H:%M"), date=format(until, "%d %B %Y"),
                         **params)
        self.scope = scope
        self.until = until


@dataclass(frozen=True)
class SignedInSession:
    """The token the browser keeps for a new session."""

    token: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, account: Account, now: datetime) -> str:
    """Start a new session for the account; return the token for the browser.

    The account's form receipts older than any session lasts are deleted: a form is sent
    with the CSRF token of the sign-in it was rendered in, and every sign-in renews it, so
    such a form is refused whatever its receipt says (kept, an answer from a meeting's day
    can weigh a hundred kilobytes)."""
    token = secrets.token_urlsafe(32)
    session.add(SignInSession(account=account, token_hash=_token_hash(token), started_at=now))
    session.flush()
    session.execute(_FORGET_RECEIPTS, {"account_id": account.id,
                                       "before": now - SESSION_LIFETIME})
    return token


_receipt = FormReceipt.__table__.c
# Built once, as the other statements of a sign-in are.
_FORGET_RECEIPTS = delete(FormReceipt.__table__).where(
    _receipt.account_id == bindparam("account_id"),
    _receipt.received_at < bindparam("before"))


@cache
def opened_by() -> Select[tuple[Account]]:
    """The query for the active account whose session a token opens, if the session is
    still on (with its mission, which every page names); its values are those of
    :func:`opening`. Built once: every request asks it, and building a query and its cache
    key costs more than running it."""
    return (
        select(Account).join(SignInSession, SignInSession.account_id == Account.id)
        .options(joinedload(Account.delegation)).where(
            SignInSession.token_hash == bindparam("token_hash"),
            SignInSession.ended_at.is_(None),
            SignInSession.started_at > bindparam("started_after"),
            Account.active.is_(True),
        )
    )


def opening(token: str, now: datetime) -> dict[str, object]:
    """The values of :func:`opened_by` for this token now."""
    return {"token_hash": _token_hash(token), "started_after": now - SESSION_LIFETIME}


def account_for_token(session: Session, token: str, now: datetime) -> Account | None:
    """The active account whose session this token opens, if the session is still on."""
    return session.scalars(opened_by(), opening(token, now)).first()


def end_session(session: Session, token: str, now: datetime) -> None:
    """Sign out: the session's token opens nothing from now on."""
    found = session.scalars(
        select(SignInSession).where(SignInSession.token_hash == _token_hash(token),
                                    SignInSession.ended_at.is_(None))
    ).first()
    if found is not None:
        found.ended_at = now
        session.flush()


def locks_in_force(session: Session, scope: SignInScope, now: datetime) -> dict[str, datetime]:
    """The account names (or the addresses) whose sign-in is locked now, with the end of
    each lock."""
    return {limit.key: limit.locked_until for limit in session.scalars(
        select(SignInLimit).where(SignInLimit.scope == scope, SignInLimit.locked_until > now))
            if limit.locked_until is not None}


def lift_lock(
    session: Session, actor: Actor, scope: SignInScope, key: str, now: datetime
) -> datetime:
    """An administrator lifts a sign-in lock before it ends: an account's (the person was
    recognised by other means) or an address's (a mission or a meeting room behind one
    address, where other people's mistakes locked everyone out); returns when it would
    have ended. The act is recorded."""
    require(can_manage_accounts(actor), N_("Only an administrator lifts a sign-in lock."))
    if not key:
        raise InvalidSubmission("Name the account or the address whose sign-in lock to lift.")
    limit = session.scalars(
        select(SignInLimit).where(SignInLimit.scope == scope, SignInLimit.key == key)
        .with_for_update().execution_options(populate_existing=True)
    ).first()
    until = limit.locked_until if limit is not None else None
    if limit is None or until is None or until <= now:
        if scope is SignInScope.ACCOUNT:
            raise InvalidSubmission("Signing in to %(key)s is not locked.", key=key)
        raise InvalidSubmission("Signing in from %(key)s is not locked.", key=key)

    limit.locked_until, limit.failures, limit.window_started_at = None, 0, None
    session.flush()
    record(session, None, actor, now, "sign_in_unlocked",
           says(N_("%(what)s unlocked before %(until)s UTC"), what=_described(scope, key),
                until=f"{until:%Y-%m-%d %H:%M}"),
           subject=f"{scope.value}:{key}"[:80])
    return until


def _described(scope: SignInScope, key: str) -> Wording:
    """What a limit holds, as the record says it."""
    if key.startswith(RESET_KEY):
        return says(N_("Password-reset requests for %(key)s") if scope is SignInScope.ACCOUNT
                    else N_("Password-reset requests from %(key)s"),
                    key=key.removeprefix(RESET_KEY))
    if scope is SignInScope.ACCOUNT:
        return says(N_("Sign-in to account %(key)s"), key=key)
    return says(N_("Sign-in from address %(key)s"), key=key)


def sign_in(
    sessions: sessionmaker[Session], username: str, password: str, address: str, now: datetime,
) -> SignedInSession | None:
    """Check a password and count the try; a new session on success, None on a wrong one.

    Raises SignInLocked while the account name or the address is locked; the password is
    then not judged at all, so a locked try tells nothing about it. Commits on its own
    (a wrong password is counted even though the request that tried it is refused).
    """
    name = username.strip().lower()[:80]
    keys = {SignInScope.ACCOUNT: name, SignInScope.ADDRESS: address[:120]}
    # Hash outside the lock: scrypt is slow on purpose, and the verdict only counts below.
    with sessions() as session:
        account = authenticate(session, name, password)
        account_id = account.id if account is not None else None
    with sessions() as session, session.begin():
        limits = _limits_locked(session, keys)
        in_force = [limit for limit in limits
                    if limit.locked_until is not None and limit.locked_until > now]
        if in_force:
            latest = max(in_force, key=lambda limit: limit.locked_until or now)
            raise SignInLocked(latest.scope, latest.locked_until or now)
        if account_id is not None:
            for limit in limits:
                if limit.scope is SignInScope.ACCOUNT:
                    limit.failures, limit.window_started_at = 0, None
            signed_in = session.get_one(Account, account_id)
            return SignedInSession(start_session(session, signed_in, now))
        for limit in limits:
            _count_failure(session, limit, now)
        return None


#: Requests for a password-reset link are limited like sign-in, in limits of their own (the
#: key's prefix), so that asking for links never locks a person's sign-in.
RESET_KEY = "reset:"


def count_reset_request(session: Session, typed: str, address: str,
                        now: datetime) -> datetime | None:
    """Count one request for a reset link against the account name (or e-mail address)
    typed and the client's address, with sign-in's allowances; the end of a lock in force
    (nothing counted then), or None. What was typed is counted whether or not any account
    has it, so a lock tells nothing about which exist."""
    keys = {SignInScope.ACCOUNT: (RESET_KEY + typed.strip().lower())[:120],
            SignInScope.ADDRESS: (RESET_KEY + address)[:120]}
    limits = _limits_locked(session, keys)
    in_force = [limit.locked_until for limit in limits
                if limit.locked_until is not None and limit.locked_until > now]
    if in_force:
        return max(in_force)
    for limit in limits:
        _count_failure(session, limit, now)
    return None


def _limits_locked(session: Session, keys: dict[SignInScope, str]) -> list[SignInLimit]:
    """The limit rows for these keys, created if missing and locked for this transaction."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for scope, key in sorted(keys.items()):
        # A write first: on SQLite it takes the database's write lock before any read,
        # so two tries are counted one after the other.
        session.execute(insert(SignInLimit).values(scope=scope, key=key, failures=0)
                        .on_conflict_do_nothing())
    return [
        session.scalars(
            select(SignInLimit).where(SignInLimit.scope == scope, SignInLimit.key == key)
            .with_for_update().execution_options(populate_existing=True)
        ).one()
        for scope, key in sorted(keys.items())  # one order everywhere: no deadlock
    ]


def _count_failure(session: Session, limit: SignInLimit, now: datetime) -> None:
    if limit.window_started_at is None or limit.window_started_at <= now - WINDOW:
        limit.failures, limit.window_started_at = 0, now
    limit.failures += 1
    if limit.failures < FAILURES_ALLOWED[limit.scope]:
        return
    limit.locked_until = now + LOCK_DURATION
    limit.failures, limit.window_started_at = 0, None
    _record_lock(session, limit, now)


def _record_lock(session: Session, limit: SignInLimit, now: datetime) -> None:
    """Write the lock in the installation's record (accounts belong to no one negotiation)."""
    if limit.scope is SignInScope.ACCOUNT and session.scalars(
            select(Account.id).where(Account.username == limit.key)).first() is None:
        return  # a name no account has: nothing to tell the administrators about
    allowed = FAILURES_ALLOWED[limit.scope]
    record(session, None, SYSTEM, now, "sign_in_locked",
           says(N_("%(what)s locked until %(until)s UTC after %(allowed)s wrong passwords "
                   "within %(minutes)s minutes"), what=_described(limit.scope, limit.key),
                until=f"{limit.locked_until:%Y-%m-%d %H:%M}", allowed=allowed,
                minutes=int(WINDOW.total_seconds() // 60)),
           subject=f"{limit.scope.value}:{limit.key}"[:80])
