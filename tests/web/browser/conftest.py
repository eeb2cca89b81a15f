"""The real app served on 127.0.0.1 from a thread, on a real database holding the demo cycle,
and one Debian chromium per session driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.serving import BaseWSGIServer, make_server

from negotiation.clock import FixedClock, parse_moment
from negotiation.database import make_engine, make_session_factory
from negotiation.demo.loader import load_cycle, load_demo_accounts
from tests.conftest import ROOT, alembic_config
from web import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
BROWSER_SCHEMA = "browser"


@dataclass
class LiveApp:
    """The served app: its address, its clock and a way to read the database."""

    url: str
    clock: FixedClock
    sessions: sessionmaker[Session]

    def page(self, path: str) -> str:
        """The address of a page of the demo's CSH 2023-2024 negotiation: ``page("/draft/")``."""
        return f"/csh/2023-2024{path}"

    def at(self, moment: str) -> None:
        """Move the app's clock (headquarters' local time), as the demo does."""
        self.clock.set(parse_moment(f"{moment} America/New_York"))


def _with_search_path(url: str, schema: str) -> str:
    # A schema of its own keeps the committed demo apart from the rolled-back tests.
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["options"] = f"-csearch_path={schema}"
    return urlunsplit(parts._replace(query=urlencode(query)))


def committed_database(tmp: Path, schema: str = BROWSER_SCHEMA) -> str:
    """An empty database whose data is committed (not rolled back): a SQLite file in ``tmp``,
    or on PostgreSQL a schema of its own, made afresh."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp / f'{schema}.sqlite3'}"
    engine = make_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return _with_search_path(base, schema)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """Migrate a fresh database, load the demo cycle and its accounts, serve the app."""
    url = committed_database(tmp_path_factory.mktemp("browser"))
    command.upgrade(alembic_config(url), "head")
    engine: Engine = make_engine(url)
    sessions = make_session_factory(engine)
    clock = FixedClock(parse_moment("2024-04-20 10:00 America/New_York"))
    with sessions() as session, session.begin():
        load_cycle(session)
        load_demo_accounts(session, clock.now())
    app = create_app({"DATABASE_URL": url, "CLOCK": clock, "SECRET_KEY": "browser-tests",
                      "SESSION_FACTORY": sessions, "MEETING_POLL_SECONDS": 1})
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveApp(f"http://127.0.0.1:{server.server_port}", clock, sessions)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One chromium for the whole session."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromium is missing at {CHROMIUM} (CI=true: browser tests must run)")
        pytest.skip(f"chromium is missing at {CHROMIUM}; install Debian's chromium package")
    from playwright.sync_api import expect, sync_playwright

    # The machine running the tests may be busy: assertions wait as long as actions do.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
