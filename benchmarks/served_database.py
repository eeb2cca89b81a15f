"""The served benchmark's database: a synthetic cycle (built once per scale and cached in
SQLite, :mod:`benchmarks.cycle`) copied row for row into PostgreSQL, with a delegate and a
chair who sign in over HTTP.

Copying is a plain bulk insert of every table in the order the foreign keys need; building
the cycle again through the domain on PostgreSQL would give the same rows, minutes later.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, insert, select, text

from benchmarks.cycle import Cycle
from benchmarks.rush_database import wiped
from benchmarks.schema import migrated
from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.models import Amendment, Base, Delegation, Negotiation
from negotiation.people.accounts import create_account
from negotiation.people.appointments import admit_delegations, appoint
from negotiation.record.database import make_engine, make_session_factory

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_served"
PASSWORD = "served-benchmark-password"
DELEGATE, CHAIR = "served-delegate", "served-chair"
BATCH = 5000


def served_copy(built: Cycle, url: str) -> str:
    """Wipe the PostgreSQL database ``url``, migrate it, copy the cycle into it and add the
    two accounts. Returns the negotiation's URL prefix."""
    wiped(url)
    migrated(url)
    source, target = make_engine(built.url), make_engine(url)
    try:
        _copy_rows(source, target)
        prefix = _with_accounts(target, built.negotiation_id)
        # A production server's autovacuum keeps the planner's statistics; a server running
        # without it (this machine's) would plan the copy's reads blind, as no real
        # database that has served a while is read.
        with target.begin() as connection:
            connection.execute(text("ANALYZE"))
        return prefix
    finally:
        source.dispose()
        target.dispose()


def _copy_rows(source: Engine, target: Engine) -> None:
    with source.connect() as reading, target.begin() as writing:
        for table in Base.metadata.sorted_tables:
            rows = reading.execute(select(table)).mappings()
            while batch := rows.fetchmany(BATCH):
                writing.execute(insert(table), [dict(row) for row in batch])
            if "id" in table.c:
                # The rows came with their ids: the sequences go on after them.
                writing.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"GREATEST((SELECT max(id) FROM {table.name}), 1))"))


def _with_accounts(engine: Engine, negotiation_id: int) -> str:
    now = datetime.now(UTC)
    with make_session_factory(engine)() as session, session.begin():
        negotiation = session.get(Negotiation, negotiation_id)
        assert negotiation is not None
        # The delegation that sent the most proposals reads its pages.
        busiest = session.scalar(
            select(Amendment.delegation_id).where(Amendment.negotiation_id == negotiation_id)
            .group_by(Amendment.delegation_id).order_by(func.count().desc()).limit(1))
        delegation = session.get(Delegation, busiest)
        assert delegation is not None
        admit_delegations(session, negotiation, session.scalars(select(Delegation)).all())
        create_account(session, DELEGATE, PASSWORD, now, delegation_code=delegation.code)
        chair = create_account(session, CHAIR, PASSWORD, now)
        appoint(session, negotiation, Actor(Role.ADMIN, "Benchmark"), chair, Role.CHAIR, now)
        return f"/{negotiation.committee.lower()}/{negotiation.cycle}"
