"""Accounts: password hashing, creation and sign-in, in plain Python (no web framework).

``python -m negotiation.people.accounts create --username mex1 --delegation MEX`` creates an account
(``--admin`` for an administrator); the password is prompted for, or read from
NEGOTIATION_PASSWORD. Roles are given per negotiation (negotiation.people.appointments).
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import os
import re
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.errors import InvalidSubmission, Term
from negotiation.models import Account, Delegation
from negotiation.people.password_policy import check_password
from negotiation.people.permissions import can_manage_accounts, require
from negotiation.record.journal import record
from negotiation.record.wording import joined, says
from negotiation.text.languages import LANGUAGES, N_
from negotiation.text.textcheck import checked_text, column_limit

PASSWORD_SETTING = "NEGOTIATION_PASSWORD"
#: Usernames are typed at sign-in on any keyboard, and two must never look alike ("chair"
#: with a Cyrillic "a" is not "chair"): plain ASCII letters, digits, dots, dashes, underscores.
USERNAME = re.compile(r"[a-z0-9._-]+")
USERNAME_LIMIT = column_limit(Account.username)
DISPLAY_NAME_LIMIT = column_limit(Account.display_name)

# scrypt's cost parameters are stored with each hash so they can be raised later
# without invalidating existing passwords.
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    """A salted scrypt hash: ``scrypt$n$r$p$salt$key`` (salt and key in base64)."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(["scrypt", str(_N), str(_R), str(_P),
                     base64.b64encode(salt).decode(), base64.b64encode(key).decode()])


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(key)
    got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                         p=int(p), dklen=len(expected))
    return hmac.compare_digest(got, expected)


def find_account(session: Session, username: str) -> Account | None:
    """The account with this username; None for no account, or a name none could have."""
    username = username.strip().lower()
    if len(username) > USERNAME_LIMIT or not USERNAME.fullmatch(username):
        return None
    return session.scalars(select(Account).where(Account.username == username)).first()


def choose_language(session: Session, account: Account, language: str) -> None:
    """Keep the person's language with their account (one of the four, or refused)."""
    if language not in LANGUAGES:
        raise InvalidSubmission(
            "Choose English, Spanish, French or Portuguese (%(language)s is none of them).",
            language=language[:20])
    account.language = language
    session.flush()


def create_account(
    session: Session,
    username: str,
    password: str,
    now: datetime,
    *,
    display_name: str = "",
    delegation_code: str | None = None,
    is_admin: bool = False,
) -> Account:
    """Create an account; a member of a mission names its delegation by the state's code."""
    username = checked_text(username, N_("The username"), limit=USERNAME_LIMIT, one_line=True,
                            required=True).lower()
    if not USERNAME.fullmatch(username):
        raise InvalidSubmission(
            "A username is unaccented letters (a-z), digits, dots, dashes or underscores.")
    display_name = checked_text(display_name, N_("The display name"), limit=DISPLAY_NAME_LIMIT,
                                one_line=True)
    delegation_code = checked_text(delegation_code, N_("The delegation"), one_line=True,
                                   limit=column_limit(Delegation.code))
    if find_account(session, username) is not None:
        raise InvalidSubmission("The username %(username)r is taken.", username=username)
    check_password(password, related=(username, display_name))
    delegation: Delegation | None = None
    code = delegation_code.upper()
    if code:
        delegation = session.scalars(select(Delegation).where(Delegation.code == code)).first()
        if delegation is None:
            raise InvalidSubmission("No member state has the code %(code)r.", code=code)

    account = Account(
        username=username,
        display_name=display_name or username,
        password_hash=hash_password(password),
        delegation=delegation,
        is_admin=is_admin,
        active=True,
        created_at=now,
    )
    session.add(account)
    session.flush()
    return account


def create_account_as(
    session: Session,
    actor: Actor,
    username: str,
    password: str,
    now: datetime,
    *,
    display_name: str = "",
    delegation_code: str | None = None,
    is_admin: bool = False,
) -> Account:
    """An administrator creates an account in the app; the act is in the installation's
    record (accounts belong to no one negotiation)."""
    require(can_manage_accounts(actor), N_("Only an administrator manages accounts."))
    account = create_account(session, username, password, now, display_name=display_name,
                             delegation_code=delegation_code, is_admin=is_admin)
    what = [part for part in (account.delegation,
                              Term(N_("administrator")) if is_admin else None) if part]
    record(session, None, actor, now, "account_created",
           says(N_("Account %(account)s created (%(what)s)"), account=account.username,
                what=joined(what)) if what else
           says(N_("Account %(account)s created"), account=account.username),
           subject=f"account:{account.id}")
    return account


def set_active_as(
    session: Session, actor: Actor, account: Account, active: bool, now: datetime,
) -> None:
    """An administrator suspends or restores an account; the act is recorded."""
    require(can_manage_accounts(actor), N_("Only an administrator manages accounts."))
    account.active = active
    session.flush()
    record(session, None, actor, now,
           "account_restored" if active else "account_suspended",
           says(N_("Account %(account)s restored") if active else
                N_("Account %(account)s suspended"), account=account.username),
           subject=f"account:{account.id}")


def authenticate(session: Session, username: str, password: str) -> Account | None:
    """The active account with this username and password, or None."""
    account = find_account(session, username)
    if account is None or not account.active:
        # Hash anyway, so a missing user takes as long as a wrong password.
        verify_password(password, _DUMMY_HASH)
        return None
    return account if verify_password(password, account.password_hash) else None


_DUMMY_HASH = hash_password(secrets.token_hex(8))


def main(argv: list[str] | None = None) -> int:
    """The ``create`` command."""
    from negotiation.record.clock import clock_from_setting
    from negotiation.record.database import database_url, make_engine, make_session_factory

    parser = argparse.ArgumentParser(prog="python -m negotiation.people.accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="create an account")
    create.add_argument("--username", required=True)
    create.add_argument("--delegation", help="the mission's member state code, e.g. MEX")
    create.add_argument("--admin", action="store_true", help="administers the installation")
    create.add_argument("--name", default="", help="display name")
    create.add_argument("--database", default=None, help="database URL (default: configured)")
    args = parser.parse_args(argv)
    password = os.environ.get(PASSWORD_SETTING) or getpass.getpass("Password: ")
    engine = make_engine(args.database or database_url())
    try:
        with make_session_factory(engine)() as session, session.begin():
            account = create_account(
                session, args.username, password, clock_from_setting().now(),
                display_name=args.name, delegation_code=args.delegation, is_admin=args.admin,
            )
            print(f"Account {account.username} created.")
    except InvalidSubmission as exc:
        print(f"error: {exc}")
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
