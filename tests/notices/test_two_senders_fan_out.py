"""Two senders at once on a circulation not yet written out to its people: each person gets
one message (on SQLite the sender's transaction takes the write lock before it reads the
notice; on PostgreSQL the notice's row is locked and skipped by the other)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from negotiation.models import Base, Delegation, Negotiation, Notice
from negotiation.notices.mail.sender import Sender
from negotiation.notices.telling import tell
from negotiation.record.clock import FixedClock, parse_moment
from negotiation.record.database import make_session_factory
from tests.builders import World, build_world
from tests.notices.conftest import KEY, person, settings_for
from tests.notices.smtp import MailServer

NOW = parse_moment("2024-04-26 10:00 America/New_York")


def told_everyone(world: World) -> None:
    tell(world.session, world.negotiation, "test", world.now, "Rev. 1 circulated", "Read it.",
         "/csh/2023-2024/documents/revisions")


@pytest.fixture
def committed(engine: Engine) -> Iterator[Engine]:
    """A negotiation committed for real, each sender with connections of its own; every
    table is emptied afterwards."""
    with Session(engine) as session, session.begin():
        build_world(session, FixedClock(NOW))
        session.execute(update(Notice).values(fanned_out=True))
    yield engine
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def test_two_senders_on_one_circulation_reach_each_person_once(
        committed: Engine, mail_server: MailServer) -> None:
    people = 45
    with Session(committed) as session, session.begin():
        world = _committed_world(session)
        for n in range(people):
            person(world, f"delegate{n}", "MEX" if n % 2 else "CAN")
        told_everyone(world)
    factory = make_session_factory(committed)
    senders = [Sender(factory, settings_for(mail_server), KEY, name=f"sender-{n}", batch=4,
                      timeout=10) for n in range(2)]
    failures: list[BaseException] = []

    def work(sender: Sender) -> None:
        try:
            while sender.run_once() > 0:
                pass
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    received = Counter(m["To"].addresses[0].addr_spec for m in mail_server.inbox.received)
    assert len(received) == people
    assert max(received.values()) == 1
    with Session(committed) as session:
        assert session.scalars(select(Notice.fanned_out).where(Notice.kind == "test")).one()


def _committed_world(session: Session) -> World:
    """The committed negotiation as the builders' world, for adding people to it."""
    negotiation = session.scalars(select(Negotiation)).one()
    delegations = {d.code: d for d in session.scalars(select(Delegation))}
    return World(session, FixedClock(NOW), negotiation, {}, delegations)
