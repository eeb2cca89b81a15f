"""A Word or PDF build runs in a thread of the web process, outside the request: the reader
is sent to the build's page, which shows its progress and then the link to the file.

Unlike the other web tests, these need a committed database (the build thread reads and
writes through connections of its own), so they load the demo into a database of their own:
a temporary SQLite file, or a schema of its own on PostgreSQL.
"""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from io import BytesIO
from xmlrpc.server import SimpleXMLRPCServer

import pytest
from docx import Document
from flask import Flask
from flask.testing import FlaskClient

from negotiation.documents import pdf
from negotiation.people.accounts import find_account
from negotiation.people.signin import start_session
from negotiation.record.clock import FixedClock, parse_moment
from tests.documents.builds.test_pdf import requires_soffice
from tests.live import demo_database
from tests.web.addresses import at
from web import create_app

SCHEMA = "background_builds"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The app on a committed demo database, building documents in its own thread."""
    clock = FixedClock(parse_moment("2024-04-20 10:00 America/New_York"))
    with demo_database(tmp_path_factory.mktemp("builds"), SCHEMA, clock.now()) as (
            url, sessions, _):
        app = create_app({"DATABASE_URL": url, "CLOCK": clock, "SECRET_KEY": "builds-tests",
                          "SESSION_FACTORY": sessions, "DOCUMENT_WAIT_SECONDS": 0,
                          "BUILD_POLL_SECONDS": 1})
        yield app
        executor: ThreadPoolExecutor | None = app.extensions.get("document_builds")
        if executor is not None:
            executor.shutdown(wait=True)


def _signed_in(app: Flask, username: str) -> FlaskClient:
    with app.config["SESSION_FACTORY"]() as session, session.begin():
        account = find_account(session, username)
        assert account is not None
        token = start_session(session, account, datetime.now(UTC))
    client = app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = token
        cookie["_fresh"] = True
    return client


def _settled(client: FlaskClient, page: str) -> str:
    """The build's status once it has ended, polled as the page polls itself."""
    for _ in range(120):
        status = client.get(page, headers={"HX-Request": "true"}).get_data(as_text=True)
        if "could not be prepared" in status or "Download" in status:
            return status
        time.sleep(0.5)
    raise AssertionError("the build never ended")


def test_a_word_build_runs_outside_the_request_and_its_page_shows_progress_then_the_link(
    served: Flask,
) -> None:
    client = _signed_in(served, "secretariat")
    # Hold the app's one build thread, so the build waits its turn where the test can see it.
    hold = threading.Event()
    builder: ThreadPoolExecutor = served.extensions.setdefault(
        "document_builds", ThreadPoolExecutor(1, thread_name_prefix="document-build"))
    builder.submit(hold.wait, 60)

    asked = client.get(at("/documents/comparison.docx?delegation=MEX"))
    assert asked.status_code == 303
    page = asked.headers["Location"]
    assert "/documents/builds/" in page
    waiting = client.get(page).get_data(as_text=True)
    assert "<progress" in waiting and "Waiting to start" in waiting
    assert 'hx-trigger="every 1s"' in waiting

    hold.set()
    status = _settled(client, page)
    assert "could not be prepared" not in status, status
    link = status.split('class="download" href="')[1].split('"')[0]
    download = client.get(link)
    assert download.status_code == 200
    texts = [p.text for p in Document(BytesIO(download.data)).paragraphs]
    assert "Proposals of Mexico" in texts
    # Asked again, the same file comes straight away: it is not built a second time.
    again = client.get(at("/documents/comparison.docx?delegation=MEX"))
    assert again.status_code == 200 and again.data == download.data


#: One entry per conversion the stuck converter was asked for.
CONVERSIONS_ASKED: list[int] = []


class _ThreadedRPC(socketserver.ThreadingMixIn, SimpleXMLRPCServer):
    daemon_threads = True


@pytest.fixture
def stuck_converter(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A converter at the address the app uses that says it is there but never returns a
    PDF, as a LibreOffice stuck on a document does; the app gives it one second."""
    released = threading.Event()
    server = _ThreadedRPC(("127.0.0.1", 0), logRequests=False, allow_none=True)
    server.register_function(lambda: {"unoserver": "stuck"}, "info")

    def convert(*_: object) -> bool:
        CONVERSIONS_ASKED.append(1)
        return released.wait(60)

    CONVERSIONS_ASKED.clear()
    server.register_function(convert, "convert")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("NEGOTIATION_PDF_SERVER", f"127.0.0.1:{server.server_address[1]}")
    monkeypatch.setattr(pdf, "CONVERSION_TIMEOUT", 1)
    monkeypatch.setattr(pdf, "SECONDS_PER_MB", 0)
    yield
    released.set()
    server.shutdown()
    server.server_close()


@requires_soffice
def test_a_pdf_whose_converter_hangs_ends_with_a_clear_message_not_a_hung_request(
    served: Flask, stuck_converter: None,
) -> None:
    client = _signed_in(served, "secretariat")
    pdf_text = at("/documents/comparison.pdf?section=trafficking-in-persons")
    asked = client.get(pdf_text)
    # The request hands the conversion over and answers at once with the build's page.
    assert asked.status_code == 303
    page = asked.headers["Location"]
    status = _settled(client, page)
    assert "The document could not be prepared" in status
    assert "LibreOffice took more than 1 s to convert the document" in status
    assert "Download" not in status
    # One attempt: a conversion out of time is not tried again behind the reader's back.
    assert len(CONVERSIONS_ASKED) == 1
    # Asked again, the failed build is not what the reader gets: it is attempted anew (and,
    # the converter still stuck, ends with the same message).
    again = client.get(pdf_text)
    assert again.status_code == 303 and again.headers["Location"] == page
    assert "could not be prepared" not in client.get(page).get_data(as_text=True)
    assert "took more than 1 s" in _settled(client, page)
