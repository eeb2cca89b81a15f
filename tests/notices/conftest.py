"""Fixtures of the mail tests: a real SMTP server, people with verified addresses, and a
sender on the test's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.headerregistry import Address

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from negotiation.models import Account, MailAddress, Notice
from negotiation.notices.mail.sender import Sender
from negotiation.notices.mail.settings import MailSettings
from tests.builders import World
from tests.notices.smtp import MailServer, free_port

KEY = "test-signing-key"


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    server = MailServer(free_port())
    server.start()
    yield server
    server.stop()


def settings_for(server: MailServer) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=server.port, security="none", user="",
                        password="", sender=Address("CSH negotiation", "tracker", "oas.test"),
                        base_url="https://tracker.oas.test")


def person(world: World, username: str, code: str | None, *, verified: bool = True,
           address: str | None = None) -> Account:
    account = Account(username=username, display_name=username.title(), password_hash="x",
                      delegation=world.delegations[code] if code else None, active=True,
                      created_at=world.now)
    world.session.add(account)
    world.session.flush()
    world.session.add(MailAddress(account_id=account.id,
                                  address=address or f"{username}@mission.test",
                                  verified_at=world.now if verified else None,
                                  changed_at=world.now))
    world.session.flush()
    return account


class WallClock:
    """The sender's time, moved by the tests to make retries due."""

    def __init__(self) -> None:
        self.at = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def wall() -> WallClock:
    return WallClock()


@pytest.fixture
def sender(world: World, session: Session, mail_server: MailServer, wall: WallClock) -> Sender:
    # The world's first draft went out before anyone here had an address.
    session.execute(update(Notice).values(fanned_out=True))
    factory = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint",
                           expire_on_commit=False)
    return Sender(factory, settings_for(mail_server), KEY, name="test-sender", timeout=5,
                  now=wall)
