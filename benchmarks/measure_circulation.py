"""Circulating a revision of the demo cycle as the chair does it (an HTTP request through
the app, redirect not followed), on SQLite and on PostgreSQL, against the domain function
alone in the same run. The goal is under 0.5 s per request on both engines.

PostgreSQL is the database BENCH_POSTGRES_URL names with ``_circulation`` appended (default
``bench_rush_circulation`` on 127.0.0.1); it is created if missing and wiped.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from benchmarks.harness import Bench
from benchmarks.rush_database import DEFAULT_URL, wiped
from benchmarks.schema import migrated
from negotiation.actors import Actor
from negotiation.demo.loader import demo_password, find_cycle, load_cycle, load_demo_accounts
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import Role
from negotiation.record.clock import FixedClock, parse_moment
from negotiation.record.database import make_engine, make_session_factory
from web import create_app

CLOCK = "2024-04-24 10:00 America/New_York"


def _demo(url: str) -> str:
    """Migrate and load the demo cycle and its accounts; return the negotiation's prefix."""
    migrated(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session, session.begin():
        negotiation = load_cycle(session)
        load_demo_accounts(session, parse_moment(CLOCK), negotiation)
        prefix = f"/{negotiation.committee.lower()}/{negotiation.cycle}"
    engine.dispose()
    return prefix


def _circulation(bench: Bench, url: str, engine_name: str) -> None:
    prefix = _demo(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "CLOCK": FixedClock(parse_moment(CLOCK)), "CLOCK_ADJUSTABLE": False})
    client = app.test_client()
    client.post("/auth/login", data={"username": "chair", "password": demo_password("chair")})

    def request() -> None:
        # The demo has untriaged sections: the chair confirms, as the desk asks.
        answer = client.post(f"{prefix}/chair/circulate",
                             data={"note": "Benchmark", "confirm": "yes"})
        assert answer.status_code == 303, answer.status_code

    engine = make_engine(url)
    sessions = make_session_factory(engine)

    def domain_alone() -> None:
        with sessions() as session:
            negotiation = find_cycle(session, "CSH", "2023-2024")
            assert negotiation is not None
            circulate_revision(session, negotiation, Actor(Role.CHAIR, "Chair"),
                               parse_moment(CLOCK), note="Benchmark", confirmed=True)
            session.rollback()

    bench.compare(f"circulating rev. N, HTTP, {engine_name}", request, domain_alone,
                  "domain function alone", scale=1, note="demo cycle, goal < 500 ms")
    engine.dispose()


def measure(bench: Bench) -> None:
    """On SQLite (a scratch file) and on PostgreSQL when one is reachable."""
    with tempfile.TemporaryDirectory() as folder:
        _circulation(bench, f"sqlite:///{Path(folder) / 'demo.sqlite3'}", "SQLite")
    base = make_url(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL))
    url = base.set(database=f"{base.database}_circulation").render_as_string(
        hide_password=False)
    try:
        wiped(url)
    except OperationalError as exc:
        print(f"  PostgreSQL skipped: not reachable ({exc.orig})")
        return
    _circulation(bench, url, "PostgreSQL")
