"""The served app on a database of its own (SQLite, or a PostgreSQL schema), holding the demo
cycle and its accounts, with each demo person signed in through the real form; and helpers
that prepare fresh paragraphs and proposals for each round of a race."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from negotiation.actors import Actor
from negotiation.chairing.decisions import decide
from negotiation.demo.loader import demo_password
from negotiation.draft.writing import add_paragraph
from negotiation.enums import AmendmentKind, ParagraphKind, Role, SectionKind
from negotiation.models import (
    Amendment,
    Delegation,
    Negotiation,
    Paragraph,
    RecordEntry,
    Section,
)
from negotiation.proposals.submissions import submit_proposal
from negotiation.record.clock import FixedClock, parse_moment
from negotiation.record.database import make_engine, make_session_factory
from tests.builders import CHAIR
from tests.live import demo_database
from tests.live import served as serving
from tests.web.addresses import at
from tests.web.live import Visitor
from web import create_app

BEFORE_DEADLINE = parse_moment("2024-04-20 10:00 America/New_York")
AFTER_DEADLINE = parse_moment("2024-05-09 10:00 America/New_York")
#: Rounds per race: enough for the two requests to meet, few enough to stay fast.
ROUNDS = 3
PEOPLE = ("chair", "vicechair", "mex1", "mex2", "can1")
OTHER_WORKER = ("vicechair", "mex2")


@dataclass
class Served:
    """The served app, its clock, its database, and helpers to set up each round."""

    url: str
    #: A second server of the same app on the same database, with its own engine and
    #: connections, as a second worker process would be: what holds between the two is
    #: held by the database, not by one process's memory.
    other_worker: str
    clock: FixedClock
    sessions: sessionmaker[Session]
    negotiation_id: int
    _numbers: Iterator[int]

    def page(self, path: str) -> str:
        """The address of a page of the demo's negotiation: ``page("/draft/")``."""
        return at(path)

    def paragraph(self, text: str, *, consensus: bool = False) -> int:
        """A fresh chair's paragraph in a section of its own (no cap stands in the way)."""
        number = next(self._numbers)
        with self.sessions() as session, session.begin():
            negotiation = session.get_one(Negotiation, self.negotiation_id)
            section = Section(negotiation_id=negotiation.id, code=f"race-{number}",
                              kind=SectionKind.ITEM, area=1, title=f"Race {number}",
                              position=1000 + number)
            session.add(section)
            session.flush()
            paragraph = add_paragraph(session, section, ParagraphKind.OPERATIVE,
                                      f"{text} (paragraph {number})", CHAIR, BEFORE_DEADLINE)
            if consensus:
                decide(session, negotiation, CHAIR, paragraph, "find_consensus", AFTER_DEADLINE)
            return paragraph.id

    def proposal(self, paragraph_id: int, code: str, text: str) -> int:
        """A delegation's modification of the paragraph, sent before the deadline."""
        with self.sessions() as session, session.begin():
            negotiation = session.get_one(Negotiation, self.negotiation_id)
            paragraph = session.get_one(Paragraph, paragraph_id)
            delegation = session.scalars(select(Delegation).where(Delegation.code == code)).one()
            submission = submit_proposal(
                session, negotiation, Actor(Role.DELEGATION, f"Delegate of {code}", delegation.id),
                paragraph, AmendmentKind.MODIFY, BEFORE_DEADLINE,
                written_on=paragraph.current_version.id, text=text,
            )
            return submission.amendment.id

    def recorded(self, action: str, subject: str) -> int:
        """How many record entries of this action name this subject."""
        with self.sessions() as session:
            return session.scalar(
                select(func.count()).select_from(RecordEntry)
                .where(RecordEntry.action == action, RecordEntry.subject == subject)
            ) or 0

    def proposals(self, paragraph_id: int) -> list[Amendment]:
        with self.sessions() as session:
            return list(session.scalars(
                select(Amendment).where(Amendment.paragraph_id == paragraph_id)
                .order_by(Amendment.id)
            ))

    def at(self, moment: datetime) -> None:
        self.clock.set(moment)


@pytest.fixture(scope="package")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Migrate a fresh database, load the demo cycle and its accounts, serve the app."""
    clock = FixedClock(BEFORE_DEADLINE)
    with demo_database(tmp_path_factory.mktemp("concurrent"), "concurrent", clock.now()) as (
            url, sessions, negotiation_id):
        other_engine = make_engine(url)
        apps = [create_app({"DATABASE_URL": url, "CLOCK": clock,
                            "SECRET_KEY": "concurrent-tests", "SESSION_FACTORY": factory})
                for factory in (sessions, make_session_factory(other_engine))]
        try:
            with serving(apps[0]) as address, serving(apps[1]) as other:
                yield Served(address, other, clock, sessions, negotiation_id,
                             itertools.count(1))
        finally:
            other_engine.dispose()


@pytest.fixture(scope="package")
def people(served: Served) -> dict[str, Visitor]:
    """Each demo person signed in through the sign-in form, with their own cookies. The
    vice-chair and Mexico's alternate talk to the other worker: in every race, the two
    requests are served by two workers that share nothing but the database."""
    visitors = {}
    for username in PEOPLE:
        visitors[username] = Visitor(served.url)
        visitors[username].sign_in(username, demo_password(username))
    for username in OTHER_WORKER:
        visitors[username] = visitors[username].via(served.other_worker)
    return visitors
