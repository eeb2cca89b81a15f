"""Sessions live on the server: signing out ends them, signing in starts a new one, and
wrong passwords are limited per account and per address, in the database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from negotiation.enums import SignInScope
from negotiation.models import Account, FormReceipt, RecordEntry, SignInSession
from negotiation.people.signin import (
    FAILURES_ALLOWED,
    LOCK_DURATION,
    SESSION_LIFETIME,
    SignInLocked,
    account_for_token,
    sign_in,
    start_session,
)
from negotiation.record.clock import SystemClock
from negotiation.record.database import make_engine, make_session_factory
from tests.builders import World
from tests.live import HttpClient, fresh_database, served
from tests.web.conftest import PASSWORD
from web import create_app

ACCOUNT_LIMIT = FAILURES_ALLOWED[SignInScope.ACCOUNT]
ADDRESS_LIMIT = FAILURES_ALLOWED[SignInScope.ADDRESS]


def _sign_in(client: FlaskClient, username: str, password: str,
             address: str = "192.0.2.10") -> tuple[int, str]:
    answer = client.post("/auth/login", data={"username": username, "password": password},
                         environ_base={"REMOTE_ADDR": address})
    return answer.status_code, answer.get_data(as_text=True)


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(
    app: Flask, at: Callable[[str], str]
) -> None:
    client = app.test_client()
    assert _sign_in(client, "mex", PASSWORD)[0] == 303
    copied = app.test_client()
    copied.set_cookie("session", _cookie(client))
    assert copied.get(at("/draft/")).status_code == 200  # the copy works while signed in
    assert client.post("/auth/logout").status_code == 303
    assert client.get(at("/draft/")).status_code == 302
    replayed = copied.get(at("/draft/"))
    assert replayed.status_code == 302 and "/auth/login" in replayed.headers["Location"]


def test_signing_in_starts_a_new_session(
    app: Flask, session: Session, at: Callable[[str], str]
) -> None:
    victim = app.test_client()
    victim.get("/auth/login")
    planted = app.test_client()  # a cookie someone obtained before the victim signed in
    planted.set_cookie("session", _cookie(victim))
    assert _sign_in(victim, "mex", PASSWORD)[0] == 303
    assert _cookie(victim) != planted.get_cookie("session").value  # type: ignore[union-attr]
    assert planted.get(at("/draft/")).status_code == 302  # still nobody
    first = _cookie(victim)
    victim.post("/auth/logout")
    assert _sign_in(victim, "mex", PASSWORD)[0] == 303
    assert _cookie(victim) != first
    mex = session.scalars(select(Account).where(Account.username == "mex")).one()
    sessions = session.scalars(select(SignInSession).where(SignInSession.account == mex)).all()
    assert len(sessions) == 2 and sum(s.ended_at is None for s in sessions) == 1


def test_a_suspended_account_or_an_old_session_opens_nothing(world: World,
                                                             accounts: dict[str, Account]) -> None:
    now = SystemClock().now()
    token = start_session(world.session, accounts["mex"], now)
    assert account_for_token(world.session, token, now) is accounts["mex"]
    assert account_for_token(world.session, token, now + SESSION_LIFETIME) is None
    accounts["mex"].active = False
    assert account_for_token(world.session, token, now) is None


def test_wrong_passwords_lock_the_account_with_a_message_and_a_record(
    app: Flask, session: Session, client_as: Callable[[str | None], FlaskClient]
) -> None:
    client = app.test_client()
    for _ in range(ACCOUNT_LIMIT - 1):
        assert _sign_in(client, "mex", "not-the-password")[0] == 401
    assert _sign_in(client, "mex", PASSWORD)[0] == 303  # a success starts the count again
    client.post("/auth/logout")
    for _ in range(ACCOUNT_LIMIT):
        assert _sign_in(client, "mex", "not-the-password")[0] == 401
    status, page = _sign_in(client, "mex", PASSWORD)  # the right one, too late
    assert status == 429
    assert "Too many wrong passwords" in page and "this account is locked until" in page
    assert 'value="mex"' in page
    # Another account from the same address is not held up.
    assert _sign_in(app.test_client(), "can", PASSWORD)[0] == 303
    entries = session.scalars(
        select(RecordEntry).where(RecordEntry.action == "sign_in_locked")).all()
    assert [e.summary.split(" locked")[0] for e in entries] == ["Sign-in to account mex"]
    accounts_page = client_as("admin").get("/accounts/").get_data(as_text=True)
    assert "sign-in locked until" in accounts_page


def test_an_administrator_lifts_a_lock_before_it_ends(
    app: Flask, session: Session, accounts: dict[str, Account],
    client_as: Callable[[str | None], FlaskClient],
) -> None:
    locked_out = app.test_client()
    for _ in range(ACCOUNT_LIMIT):
        assert _sign_in(locked_out, "mex", "not-the-password")[0] == 401
    assert "ask an administrator to lift the lock" in _sign_in(locked_out, "mex", PASSWORD)[1]
    unlock = f"/accounts/{accounts['mex'].id}/unlock"
    assert client_as("can").post(unlock).status_code == 403
    admin = client_as("admin")
    assert "Lift the sign-in lock" in admin.get("/accounts/").get_data(as_text=True)
    lifted = admin.post(unlock, follow_redirects=True).get_data(as_text=True)
    assert "Account mex can sign in again." in lifted
    assert "Lift the sign-in lock" not in lifted
    assert _sign_in(locked_out, "mex", PASSWORD)[0] == 303
    (entry,) = session.scalars(
        select(RecordEntry).where(RecordEntry.action == "sign_in_unlocked")).all()
    assert entry.summary.startswith("Sign-in to account mex unlocked before")
    # Lifting it again: nothing to lift, said so.
    again = admin.post(unlock)
    assert again.status_code == 422
    assert "Signing in to mex is not locked." in again.get_data(as_text=True)


def test_the_lock_ends_by_itself(session: Session, accounts: dict[str, Account]) -> None:
    sessions = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint",
                            expire_on_commit=False)
    now = SystemClock().now()
    for _ in range(ACCOUNT_LIMIT):
        assert sign_in(sessions, "mex", "wrong-guess", "192.0.2.1", now) is None
    try:
        sign_in(sessions, "mex", PASSWORD, "192.0.2.1", now + LOCK_DURATION / 2)
    except SignInLocked as locked:
        assert locked.until == now + LOCK_DURATION
    else:
        raise AssertionError("the account should be locked")
    later = now + LOCK_DURATION + timedelta(seconds=1)
    assert sign_in(sessions, "mex", PASSWORD, "192.0.2.1", later) is not None


def test_wrong_passwords_from_one_address_lock_that_address(app: Flask) -> None:
    client = app.test_client()
    for n in range(ADDRESS_LIMIT):
        assert _sign_in(client, f"guess{n}", "not-the-password", "198.51.100.7")[0] == 401
    status, page = _sign_in(client, "can", PASSWORD, "198.51.100.7")
    assert status == 429 and "your network address is locked" in page
    assert _sign_in(app.test_client(), "can", PASSWORD, "198.51.100.8")[0] == 303


def test_an_administrator_lifts_an_address_lock_before_it_ends(
    app: Flask, session: Session, client_as: Callable[[str | None], FlaskClient],
) -> None:
    # A meeting room behind one address: others' mistakes lock everyone there out.
    room = "198.51.100.7"
    for n in range(ADDRESS_LIMIT):
        assert _sign_in(app.test_client(), f"guess{n}", "not-the-password", room)[0] == 401
    status, page = _sign_in(app.test_client(), "can", PASSWORD, room)
    assert status == 429 and "ask an administrator to lift the lock" in page
    assert client_as("can").post("/accounts/address-lock", data={"address": room}
                                 ).status_code == 403
    admin = client_as("admin")
    listed = admin.get("/accounts/").get_data(as_text=True)
    assert "Network addresses locked after wrong passwords" in listed
    assert f"Lift the lock on {room}" in listed
    lifted = admin.post("/accounts/address-lock", data={"address": room},
                        follow_redirects=True).get_data(as_text=True)
    assert f"Signing in from {room} is possible again." in lifted
    assert "Network addresses locked" not in lifted
    assert _sign_in(app.test_client(), "can", PASSWORD, room)[0] == 303
    (entry,) = session.scalars(
        select(RecordEntry).where(RecordEntry.action == "sign_in_unlocked")).all()
    assert entry.summary.startswith(f"Sign-in from address {room} unlocked before")
    # An address that is not locked, or none at all: said so, nothing recorded.
    for address, said in ((room, f"Signing in from {room} is not locked."),
                          ("", "Name the account or the address whose sign-in lock to lift."),
                          ("<b>203.0.113.9</b>", "is not locked.")):
        refused = admin.post("/accounts/address-lock", data={"address": address})
        assert refused.status_code == 422 and said in refused.get_data(as_text=True)
    assert "<b>203.0.113.9</b>" not in refused.get_data(as_text=True)  # escaped
    assert session.scalar(select(func.count()).select_from(RecordEntry).where(
        RecordEntry.action == "sign_in_unlocked")) == 1


def test_signing_in_forgets_the_receipts_no_form_can_be_sent_against(
    app: Flask, session: Session, accounts: dict[str, Account]
) -> None:
    now = SystemClock().now()
    ages = {"mex-old": ("mex", SESSION_LIFETIME + timedelta(hours=1)),
            "mex-today": ("mex", timedelta(hours=1)),
            "can-old": ("can", SESSION_LIFETIME + timedelta(hours=1))}
    for key, (name, age) in ages.items():
        session.add(FormReceipt(key=f"{key}-receipt-key", account_id=accounts[name].id,
                                path="/somewhere", received_at=now - age, status=303,
                                location="/somewhere"))
    session.flush()
    assert _sign_in(app.test_client(), "mex", PASSWORD)[0] == 303
    kept = session.scalars(select(FormReceipt.key).order_by(FormReceipt.key)).all()
    # Older than any session lasts: sent again, its form would fail its CSRF check anyway.
    assert kept == ["can-old-receipt-key", "mex-today-receipt-key"]


def test_the_limit_holds_across_servers_under_concurrent_tries(tmp_path: Path,
                                                               password_hash: str) -> None:
    # Two apps on one database stand for two workers: nothing is shared but the database.
    with fresh_database(tmp_path, "signin_race") as url:
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        with sessions() as session, session.begin():
            session.add(Account(username="chair", display_name="Chair",
                                password_hash=password_hash, active=True,
                                created_at=SystemClock().now()))
        apps = [create_app({"DATABASE_URL": url, "SECRET_KEY": "race", "TESTING": True})
                for _ in range(2)]
        with served(apps[0]) as one, served(apps[1]) as two:
            statuses: list[int] = []

            def guess(base: str, n: int) -> None:
                statuses.append(HttpClient(base).sign_in("chair", f"guess-number-{n}"))

            threads = [threading.Thread(target=guess, args=((one, two)[n % 2], n))
                       for n in range(3 * ACCOUNT_LIMIT)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(set(statuses)) == [401, 429]
            assert statuses.count(401) == ACCOUNT_LIMIT  # no try slipped past the count
            assert HttpClient(two).sign_in("chair", PASSWORD) == 429
        for app in apps:
            app.config["SESSION_FACTORY"].kw["bind"].dispose()
        with sessions() as session:
            assert session.scalar(select(func.count()).select_from(SignInSession)) == 0
        engine.dispose()
