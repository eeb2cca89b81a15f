"""Databases that the code under test commits to (not the rolled-back test transaction),
and the app served over real HTTP from a thread, for tests that need either."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from alembic import command
from flask import Flask
from sqlalchemy import make_url, text
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.serving import BaseWSGIServer, make_server

from negotiation.demo.loader import load_cycle, load_demo_accounts
from negotiation.record.database import make_engine, make_session_factory
from tests.conftest import alembic_config


def postgresql_admin_url() -> str | None:
    """TEST_DATABASE_URL when the tests run on PostgreSQL, else None."""
    url = os.environ.get("TEST_DATABASE_URL")
    return url if url and url.startswith("postgresql") else None


@contextmanager
def fresh_database(tmp: Path, name: str, *, migrate: bool = True) -> Iterator[str]:
    """An empty database of its own, migrated unless told not to: a SQLite file, or (on the
    PostgreSQL pass) a database named after the tests' own, dropped afterwards."""
    admin = postgresql_admin_url()
    if admin is None:
        url = f"sqlite:///{tmp / f'{name}.sqlite3'}"
        if migrate:
            command.upgrade(alembic_config(url), "head")
        yield url
        return
    database = f"{make_url(admin).database}_{name}"
    engine = make_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    url = make_url(admin).set(database=database).render_as_string(hide_password=False)
    try:
        if migrate:
            command.upgrade(alembic_config(url), "head")
        yield url
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        engine.dispose()


@contextmanager
def demo_database(tmp: Path, name: str, now: datetime
                  ) -> Iterator[tuple[str, sessionmaker[Session], int]]:
    """A fresh database holding the demo cycle and its accounts, committed, for a served
    app: its URL, sessions on it and the demo negotiation's id."""
    with fresh_database(tmp, name) as url:
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        try:
            with sessions() as session, session.begin():
                negotiation = load_cycle(session)
                load_demo_accounts(session, now, negotiation)
                negotiation_id = negotiation.id
            yield url, sessions, negotiation_id
        finally:
            engine.dispose()


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app on a free port of 127.0.0.1, many requests at once; yields its base URL."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


class HttpClient:
    """A cookie-keeping HTTP client that does not follow redirects and fills in the CSRF
    token from the last page it read, as a browser's form would."""

    def __init__(self, base: str) -> None:
        import http.cookiejar
        import urllib.request

        class _NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())
        self.csrf = ""

    def request(self, method: str, path: str, data: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
        """(status, body, headers) of one request."""
        import re
        import urllib.error
        import urllib.parse
        import urllib.request

        body = None
        if data is not None:
            body = urllib.parse.urlencode({"csrf_token": self.csrf, **data}).encode()
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as response:
                status, text, got = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            status, text, got = error.code, error.read().decode(), error.headers
        token = re.search(r'name="csrf_token" value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        return status, text, dict(got.items())

    def get(self, path: str) -> tuple[int, str]:
        status, text, _ = self.request("GET", path)
        return status, text

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        status, text, _ = self.request("POST", path, data)
        return status, text

    def sign_in(self, username: str, password: str) -> int:
        """Read the sign-in form, send it; the status of the answer (303 when signed in)."""
        self.get("/auth/login")
        return self.post("/auth/login", {"username": username, "password": password})[0]
