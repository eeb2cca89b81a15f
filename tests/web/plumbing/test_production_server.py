"""`scripts/serve-production`: gunicorn with several workers, answering /health, signing in,
and holding sessions and sign-in limits across its workers; and /health on its own."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from negotiation.demo.loader import demo_password, load_cycle, load_demo_accounts
from negotiation.enums import SignInScope
from negotiation.people.signin import FAILURES_ALLOWED
from negotiation.record.clock import SystemClock
from negotiation.record.database import make_engine, make_session_factory
from tests.conftest import ROOT
from tests.live import HttpClient, fresh_database, postgresql_admin_url
from web import create_app

WORKERS = 3
DRAFT = "/csh/2023-2024/draft/"  # the demo cycle's draft


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
def production(tmp_path: Path) -> Iterator[tuple[HttpClient, Path]]:
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
            yield client, log
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)


def test_the_production_server_serves_signs_in_and_logs(
    production: tuple[HttpClient, Path],
) -> None:
    client, log = production
    status, body = client.get("/health")
    assert status == 200 and '"database":"ok"' in body.replace(" ", "")
    assert client.sign_in("chair", demo_password("chair")) == 303
    # Several workers answer in turn; every one knows the session.
    assert all(client.get(DRAFT)[0] == 200 for _ in range(2 * WORKERS))
    copied = HttpClient(client.base)
    copied.cookies = client.cookies
    assert client.post("/auth/logout", {})[0] == 303
    assert copied.get(DRAFT)[0] == 302  # ended on the server, for every worker
    lines = log.read_text().splitlines()
    assert any('"GET /health HTTP/1.1" 200' in line and line.endswith("ms") for line in lines)
    assert any('"POST /auth/login HTTP/1.1" 303' in line for line in lines)
    assert any("Booting worker" in line for line in lines)


def test_the_rehearsal_clock_moved_on_one_worker_is_read_by_every_worker(
    production: tuple[HttpClient, Path],
) -> None:
    client, _ = production
    assert client.sign_in("chair", demo_password("chair")) == 303
    client.get(DRAFT)  # the page's form, with its CSRF token
    # Past the accounts' appointments, recorded on the real clock as the server started.
    year = SystemClock().now().year + 1
    moved = client.post("/csh/2023-2024/rehearsal/clock", {"at": f"{year}-05-09T10:00",
                                                          "back": DRAFT})
    assert moved[0] == 303
    # Sent at once, the requests keep every worker busy: each worker reads the clock as moved.
    with ThreadPoolExecutor(3 * WORKERS) as pool:
        pages = list(pool.map(lambda _: client.get(DRAFT), range(3 * WORKERS)))
    assert all(status == 200 for status, _ in pages)
    moment = f"as of <strong>9 May {year}, 10:00 in Washington</strong>"
    assert [moment in page for _, page in pages] == [True] * (3 * WORKERS)


def test_wrong_passwords_are_limited_across_the_workers(
    production: tuple[HttpClient, Path],
) -> None:
    client, _ = production
    for _ in range(FAILURES_ALLOWED[SignInScope.ACCOUNT]):
        assert HttpClient(client.base).sign_in("mex1", "not-the-password") == 401
    assert HttpClient(client.base).sign_in("mex1", demo_password("mex1")) == 429


def test_health_needs_no_session_and_sets_no_cookie(
    client_as: Callable[[str | None], FlaskClient], session: Session
) -> None:
    answer = client_as(None).get("/health")
    assert answer.status_code == 200 and answer.json["status"] == "ok"  # type: ignore[index]
    assert "Set-Cookie" not in answer.headers


def test_health_says_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    if postgresql_admin_url():
        unreachable = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2"
    else:
        unreachable = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'db.sqlite3'}"
    app = create_app({"DATABASE_URL": unreachable, "SECRET_KEY": "x", "TESTING": True})
    answer = app.test_client().get("/health")
    assert answer.status_code == 503
    assert answer.json == {"status": "unavailable",  # type: ignore[comparison-overlap]
                           "database": "unreachable or not migrated"}


def test_health_says_503_on_a_database_never_migrated(tmp_path: Path) -> None:
    with fresh_database(tmp_path, "unmigrated", migrate=False) as url:
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "x", "TESTING": True})
        assert app.test_client().get("/health").status_code == 503
        app.config["SESSION_FACTORY"].kw["bind"].dispose()

