"""A request whose body ends before its declared length (the connection broke, or a client
half-closed it) is refused with a 400 before any view acts on it, and nothing is stored:
on gunicorn as ``scripts/serve-production`` runs it, and on the development server."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import func, select

from negotiation.demo.loader import demo_password
from negotiation.models import Amendment
from negotiation.record.clock import FixedClock, parse_moment
from negotiation.record.database import make_engine, make_session_factory
from tests.live import HttpClient, demo_database, served
from tests.web.live import forms_in
from tests.web.plumbing.production import Production
from web import create_app

DRAFT = "/csh/2023-2024/draft/"
COMMENT = "We support this paragraph and ask that its last words be kept as they are."
#: How many bytes of the body never arrive.
MISSING = 40


def _raw_post(base: str, cookies: CookieJar, path: str, body: bytes, declared: int) -> str:
    """POST ``body`` with a Content-Length of ``declared`` over a raw socket, half-close the
    connection, and return the status line of the answer."""
    address = urlsplit(base)
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies)
    head = (f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\nCookie: {cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {declared}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(head + body)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode()


def _comment_form(client: HttpClient) -> tuple[str, bytes]:
    """The comment form of the draft's first paragraph, filled in: (action, body)."""
    assert client.sign_in("mex1", demo_password("mex1")) == 303
    paragraph = re.search(r'href="(/csh/2023-2024/draft/paragraph/\d+)"', client.get(DRAFT)[1])
    assert paragraph is not None
    page = client.get(paragraph.group(1))[1]
    form = next(f for f in forms_in(page) if "comment" in f.fields and "kind" in f.fields)
    fields = {**form.fields, "kind": "comment", "comment": COMMENT}
    return form.action, urlencode(fields).encode()


def _comments(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            return session.scalar(select(func.count()).select_from(Amendment).where(
                Amendment.comment.like("We support this paragraph%"))) or 0
    finally:
        engine.dispose()


def _a_body_cut_short_is_refused_and_the_whole_one_is_stored(
    client: HttpClient, database_url: str
) -> None:
    action, body = _comment_form(client)
    status = _raw_post(client.base, client.cookies, action, body[:-MISSING], len(body))
    assert status.split()[1] == "400", status
    assert _comments(database_url) == 0
    # The same form, sent whole on the same kind of connection, is acted on: the refusal
    # was for the missing bytes.
    status = _raw_post(client.base, client.cookies, action, body, len(body))
    assert status.split()[1] == "303", status
    assert _comments(database_url) == 1


def test_a_body_cut_short_is_refused_by_the_production_server(production: Production) -> None:
    _a_body_cut_short_is_refused_and_the_whole_one_is_stored(
        production.client, production.database_url)


@pytest.fixture
def development_server(tmp_path: Path) -> Iterator[tuple[HttpClient, str]]:
    clock = FixedClock(parse_moment("2024-04-20 10:00 America/New_York"))
    with demo_database(tmp_path, "truncated", clock.now()) as (url, sessions, _):
        app = create_app({"DATABASE_URL": url, "CLOCK": clock, "SECRET_KEY": "truncated",
                          "SESSION_FACTORY": sessions})
        with served(app) as base:
            yield HttpClient(base), url


def test_a_body_cut_short_is_refused_by_the_development_server(
    development_server: tuple[HttpClient, str],
) -> None:
    _a_body_cut_short_is_refused_and_the_whole_one_is_stored(*development_server)
