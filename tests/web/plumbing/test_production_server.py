"""`scripts/serve-production`: gunicorn with several workers, answering /health, signing in,
and holding sessions and sign-in limits across its workers; and /health on its own."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from negotiation.demo.loader import demo_password
from negotiation.enums import SignInScope
from negotiation.people.signin import FAILURES_ALLOWED
from negotiation.record.clock import SystemClock
from tests.live import HttpClient, fresh_database, postgresql_admin_url
from tests.web.plumbing.production import WORKERS, Production
from web import create_app

DRAFT = "/csh/2023-2024/draft/"  # the demo cycle's draft


def test_the_production_server_serves_signs_in_and_logs(
    production: Production,
) -> None:
    client, log = production.client, production.log
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
    production: Production,
) -> None:
    client = production.client
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
    production: Production,
) -> None:
    client = production.client
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

