"""The deadline rush's database: the demo cycle with 35 admitted delegations and an account
each, its calendar moved so that the real time stands on the eve of the deadline, and the
check that every acknowledged submission was stored exactly once."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from benchmarks.schema import migrated
from negotiation.calendar.deadlines import applicable_deadline, open_before
from negotiation.demo.loader import load_cycle
from negotiation.models import Amendment, Delegation, Paragraph, ParagraphVersion
from negotiation.people.accounts import create_account
from negotiation.people.appointments import admit_delegations
from negotiation.proposals.submissions import OPEN_TO_PROPOSALS
from negotiation.record.clock import SystemClock, parse_moment
from negotiation.record.database import make_engine, make_session_factory

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_rush"
DELEGATIONS = 35
#: The last evening before the demo's deadline for proposals (22 April, 00:00): the demo's
#: calendar is moved so that the real time stands there (a production server runs on the
#: real clock; a set one would make it a rehearsal).
EVE = "2024-04-21 22:00 America/New_York"
PASSWORD = "rush-password-for-the-benchmark"
MARK = "rush"


def prepare(url: str) -> tuple[str, list[tuple[int, int]]]:
    """Wipe and migrate the database, load the demo cycle with 35 admitted delegations and
    one account each. Returns the URL prefix of the negotiation and the (paragraph, current
    version) pairs open to proposals."""
    wiped(url)
    migrated(url)
    engine = make_engine(url)
    now = SystemClock().now()
    with make_session_factory(engine)() as session, session.begin():
        negotiation = load_cycle(session)
        shift = now - parse_moment(EVE)
        for milestone in negotiation.milestones:
            milestone.at += shift
        delegations = list(session.scalars(
            select(Delegation).where(Delegation.active).order_by(Delegation.code)))
        for n in range(1, DELEGATIONS - len(delegations) + 1):
            extra = Delegation(code=f"X{n:02d}", name_en=f"Delegation {n}",
                               name_es=f"Delegación {n}", name_fr=f"Délégation {n}",
                               name_pt=f"Delegação {n}")
            session.add(extra)
            delegations.append(extra)
        session.flush()
        delegations = delegations[:DELEGATIONS]
        admit_delegations(session, negotiation, delegations)
        for delegation in delegations:
            create_account(session, f"{MARK}-{delegation.code.lower()}", PASSWORD, now,
                           delegation_code=delegation.code)
        prefix = f"/{negotiation.committee.lower()}/{negotiation.cycle}"
        newest = select(func.max(ParagraphVersion.id)).where(
            ParagraphVersion.paragraph_id == Paragraph.id).scalar_subquery()
        # Paragraphs still open to proposals at the rush's moment (some sections, like the
        # JID's, close earlier than the draft).
        open_sections = {section.id for section in negotiation.sections if open_before(
            applicable_deadline(session, negotiation, section), now)}
        targets = [(pid, vid) for pid, vid in session.execute(
            select(Paragraph.id, newest).where(
                Paragraph.negotiation_id == negotiation.id,
                Paragraph.section_id.in_(open_sections),
                Paragraph.state.in_(list(OPEN_TO_PROPOSALS))))]
        session.execute(text("CREATE TABLE bench_trivial_insert "
                             "(id serial PRIMARY KEY, body text NOT NULL)"))
    engine.dispose()
    return prefix, targets


def wiped(url: str) -> None:
    """The PostgreSQL database the URL names, created if missing, with an empty schema."""
    create_database(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def create_database(url: str) -> None:
    """Create the PostgreSQL database the URL names, if it does not exist."""
    parsed = make_url(url)
    server = make_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                   {"name": parsed.database})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    server.dispose()


def any_account(url: str) -> str:
    """The username of one of the rush's accounts."""
    engine = make_engine(url)
    with engine.connect() as connection:
        name = connection.scalar(text("SELECT username FROM account WHERE username LIKE :m "
                                      "ORDER BY username LIMIT 1"), {"m": f"{MARK}-%"})
    engine.dispose()
    return str(name)


def usernames(url: str) -> list[str]:
    """The usernames of the rush's accounts, one per delegation."""
    engine = make_engine(url)
    with engine.connect() as connection:
        names = list(connection.scalars(text(
            "SELECT username FROM account WHERE username LIKE :m ORDER BY username"),
            {"m": f"{MARK}-%"}))
    engine.dispose()
    return names


def stored_exactly_once(url: str, acknowledged: list[str]) -> tuple[int, int, int]:
    """(lost, duplicated, stored without an acknowledgement) among the rush's comments."""
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        counts = dict(session.execute(
            select(Amendment.comment, func.count()).where(Amendment.comment.like(f"{MARK} %"))
            .group_by(Amendment.comment)).all())
    engine.dispose()
    acked = set(acknowledged)
    lost = sum(1 for comment in acked if comment not in counts)
    duplicated = sum(1 for count in counts.values() if count > 1)
    unacknowledged = sum(1 for comment in counts if comment not in acked)
    return lost, duplicated, unacknowledged
