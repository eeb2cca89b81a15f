"""Web fixtures: the app on the test's rolled-back transaction, accounts for every role,
and clients signed in as each of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker

from negotiation.actors import SYSTEM
from negotiation.enums import Role
from negotiation.models import Account, Appointment, Negotiation
from negotiation.people.accounts import hash_password
from negotiation.people.appointments import appoint, create_negotiation
from negotiation.people.signin import start_session
from negotiation.record.clock import FixedClock
from tests.builders import World
from web import create_app

#: The people the server tests act as: username -> (role in the world's negotiation, the
#: delegation code of their mission). A delegate's role comes from the mission; an
#: administrator's from the account.
PEOPLE: dict[str, tuple[Role, str | None]] = {
    "admin": (Role.ADMIN, None),
    "chair": (Role.CHAIR, None),
    "secretariat": (Role.SECRETARIAT, None),
    "mex": (Role.DELEGATION, "MEX"),
    "can": (Role.DELEGATION, "CAN"),
    "observer": (Role.OBSERVER, None),
}
PASSWORD = "password-for-tests"


@pytest.fixture(scope="session")
def password_hash() -> str:
    # scrypt is slow on purpose: hash the tests' password once, not per account per test.
    return hash_password(PASSWORD)


@pytest.fixture
def accounts(world: World, password_hash: str) -> dict[str, Account]:
    """One account per role (two delegations: Mexico and Canada), appointed in the world's
    negotiation."""
    made = {}
    for name, (role, code) in PEOPLE.items():
        made[name] = Account(
            username=name, display_name=name.capitalize(), password_hash=password_hash,
            delegation=world.delegations[code] if code else None, active=True,
            is_admin=role is Role.ADMIN, created_at=world.now,
        )
        world.session.add(made[name])
    world.session.flush()
    for name, (role, _code) in PEOPLE.items():
        if role not in (Role.ADMIN, Role.DELEGATION):
            world.session.add(Appointment(
                negotiation_id=world.negotiation.id, account_id=made[name].id, role=role,
                appointed_at=world.now, appointed_by="tests"))
    world.session.flush()
    return made


def _app(session: Session, world: World, csrf: bool, **settings: object) -> Flask:
    # Each request's session joins the test's transaction through a savepoint, so what a
    # request commits is visible to the test and still rolled back at its end.
    factory = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint",
                           expire_on_commit=False)
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "SESSION_FACTORY": factory,
        "CLOCK": world.clock,
        "WTF_CSRF_ENABLED": csrf,
        "CLOCK_ADJUSTABLE": False,
        # The requests share the test's one connection, which a build thread must not use.
        "DOCUMENT_BUILDS_INLINE": True,
        **settings,
    })


@pytest.fixture
def app(session: Session, world: World, accounts: dict[str, Account]) -> Flask:
    return _app(session, world, csrf=False)


@pytest.fixture
def csrf_app(session: Session, world: World, accounts: dict[str, Account]) -> Flask:
    return _app(session, world, csrf=True)


@pytest.fixture
def client_on(
    world: World, accounts: dict[str, Account]
) -> Callable[[Flask, str | None], FlaskClient]:
    """A client of the given app signed in as one of PEOPLE (None: anonymous)."""

    def make(app: Flask, name: str | None) -> FlaskClient:
        client = app.test_client()
        if name is not None:
            # Signing in through the form is tested on its own; here the server-side session
            # is started directly, and its token put in the cookie as Flask-Login would.
            token = start_session(world.session, accounts[name], datetime.now(UTC))
            with client.session_transaction() as cookie:
                cookie["_user_id"] = token
                cookie["_fresh"] = True
        return client

    return make


@pytest.fixture
def client_as(
    app: Flask, client_on: Callable[[Flask, str | None], FlaskClient]
) -> Callable[[str | None], FlaskClient]:
    """A client signed in as one of PEOPLE (None: anonymous)."""
    return lambda name: client_on(app, name)


@pytest.fixture
def another_worker(
    session: Session, world: World, accounts: dict[str, Account]
) -> Callable[[FixedClock], Flask]:
    """Another process of the same server, on the same database, with a rehearsal clock of
    its own started at the given moment (a worker of its own, or the server restarted)."""
    return lambda clock: _app(session, world, csrf=False, CLOCK=clock, CLOCK_ADJUSTABLE=True)


@pytest.fixture
def at(world: World) -> Callable[[str], str]:
    """The URL of a page of the world's negotiation: ``at("/draft/")``.

    Every page of a negotiation lives under that negotiation's own address; tests name the
    page and let this fixture say where the negotiation is.
    """

    committee, cycle = world.negotiation.slug

    def url(path: str) -> str:
        return f"/{committee}/{cycle}{path}"

    return url


@pytest.fixture
def cicte(world: World, accounts: dict[str, Account]) -> Negotiation:
    """A second negotiation on the server, CICTE 2025, just opened: no calendar, no section,
    no paragraph; the tests' chair chairs it too."""
    opened = create_negotiation(
        world.session, SYSTEM, world.now, committee="cicte",
        committee_name="Inter-American Committee against Terrorism", cycle="2025",
        title="Draft resolution of CICTE 2025", symbol="CICTE/doc.5/25",
        timezone="America/New_York")
    appoint(world.session, opened, SYSTEM, accounts["chair"], Role.CHAIR, world.now)
    world.session.flush()
    return opened
