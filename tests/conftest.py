"""Fixtures: a database migrated by Alembic (SQLite, or PostgreSQL when asked), a session
rolled back after each test, a clock the tests move, and a small negotiation to act on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from negotiation.record.clock import FixedClock, parse_moment
from negotiation.record.database import make_engine
from tests.builders import World, build_world

ROOT = Path(__file__).resolve().parent.parent


#: Set by scripts/test (and CI): every test must run, so a skipped one fails the run.
SKIP_FAILS_SETTING = "NEGOTIATION_TESTS_SKIP_FAILS"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under scripts/test or CI, any skipped test fails the run, naming why it skipped."""
    if os.environ.get(SKIP_FAILS_SETTING) != "1" and os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if not skipped:
        return
    reasons = sorted({str(report.longrepr[-1]) if isinstance(report.longrepr, tuple)
                      else str(report.longrepr) for report in skipped})
    print(f"\n{len(skipped)} skipped, and every test must run here:")
    for reason in reasons:
        print(f"  {reason}")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = url
    return config


def _reset_postgresql(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database under test: TEST_DATABASE_URL, or a fresh SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    probe = make_engine(url)
    try:
        probe.connect().close()
    except OperationalError as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL is not reachable at {url}: {exc}")
    finally:
        probe.dispose()
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a database whose schema the migrations built."""
    engine = make_engine(database_url)
    if engine.dialect.name == "postgresql":
        _reset_postgresql(engine)
    command.upgrade(alembic_config(database_url), "head")
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test."""
    connection = engine.connect()
    outer = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint",
                 expire_on_commit=False)
    try:
        yield db
    finally:
        db.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def clock() -> FixedClock:
    """Three weeks before the draft's deadline, at headquarters."""
    return FixedClock(parse_moment("2024-04-01 10:00 America/New_York"))


@pytest.fixture
def world(request: pytest.FixtureRequest, session: Session, clock: FixedClock) -> World:
    """The small negotiation, its first draft circulated as rev. 0; tests marked
    ``first_draft`` get it before circulation, while the chair still writes it."""
    return build_world(session, clock,
                       circulated=request.node.get_closest_marker("first_draft") is None)
