"""A production server for the plumbing's tests: ``scripts/serve-production`` (gunicorn,
several workers) on a database of its own holding the demo."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from negotiation.demo.loader import load_cycle, load_demo_accounts
from negotiation.record.clock import SystemClock
from negotiation.record.database import make_engine, make_session_factory
from tests.conftest import ROOT
from tests.live import HttpClient, fresh_database

WORKERS = 3


@dataclass
class Production:
    """The served app: a client of it, its log, its database's URL, and the process id of
    gunicorn's master (whose children are the workers)."""

    client: HttpClient
    log: Path
    database_url: str
    pid: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_healthy(client: HttpClient, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120  # a ceiling: the loop ends as soon as it answers
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped:\n{log.read_text()}")
        try:
            if client.get("/health")[0] == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    pytest.fail(f"no answer from /health:\n{log.read_text()}")


@pytest.fixture
def production(tmp_path: Path) -> Iterator[Production]:
    """scripts/serve-production on a free port, on a database holding the demo."""
    with fresh_database(tmp_path, "production", migrate=False) as url:
        port, log = _free_port(), tmp_path / "server.log"
        env = {**os.environ, "NEGOTIATION_DATABASE_URL": url,
               "NEGOTIATION_SECRET_KEY": secrets.token_hex(32),
               "NEGOTIATION_BIND": f"127.0.0.1:{port}", "NEGOTIATION_WORKERS": str(WORKERS),
               "NEGOTIATION_CLOCK": "2024-04-20 10:00 America/New_York"}
        with log.open("wb") as output:
            server = subprocess.Popen([str(ROOT / "scripts" / "serve-production")], env=env,
                                      stdout=output, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        try:
            client = HttpClient(f"http://127.0.0.1:{port}")
            _wait_until_healthy(client, server, log)  # the script migrated the database
            engine = make_engine(url)
            with make_session_factory(engine)() as session, session.begin():
                load_cycle(session)
                load_demo_accounts(session, SystemClock().now())
            engine.dispose()
            yield Production(client, log, url, server.pid)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)


