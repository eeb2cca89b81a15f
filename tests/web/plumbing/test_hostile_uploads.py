"""Hostile Word files uploaded to the production server (gunicorn, several workers) as a
chair importing a first draft would: each is refused with the import's own words, quickly,
and the worker that read it stays small and goes on serving.

Each file is small on disk and far within the upload limit: millions of empty paragraphs,
megabytes of text, a body inflating to hundreds of megabytes while the zip's headers say
5,000 bytes. Before the reading was bounded, one such upload held a worker for minutes and
gigabytes until gunicorn killed it.
"""

from __future__ import annotations

import re
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from negotiation.actors import SYSTEM
from negotiation.demo.loader import demo_password
from negotiation.enums import Role
from negotiation.models import Negotiation, Section
from negotiation.people.accounts import find_account
from negotiation.people.appointments import appoint, create_negotiation
from negotiation.record.clock import SystemClock
from negotiation.record.database import make_engine, make_session_factory
from tests.live import HttpClient
from tests.setup.imports.hostile_word import HOSTILE_FILES
from tests.web.plumbing.production import Production

NEW = "/cicte/2025"
#: What one hostile upload may add to the peak memory of the worker that read it, and how
#: long its answer may take (the reading's own time budget is 5 seconds).
GROWTH_MB = 300
SECONDS = 20


def _open_a_new_cycle(database_url: str) -> None:
    """CICTE 2025 with the demo's chair, nothing written yet: the import is open."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            now = SystemClock().now()
            opened = create_negotiation(
                session, SYSTEM, now, committee="CICTE", cycle="2025",
                committee_name="Inter-American Committee against Terrorism",
                title="Draft resolution of CICTE 2025", symbol="CICTE/doc.5/25",
                timezone="America/New_York")
            chair = find_account(session, "chair")
            assert chair is not None
            appoint(session, opened, SYSTEM, chair, Role.CHAIR, now)
    finally:
        engine.dispose()


def _peaks(master: int) -> dict[int, float]:
    """Each worker's peak resident memory so far, in MB (VmHWM), by process id."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    peaks = {}
    for pid in map(int, children):
        status = Path(f"/proc/{pid}/status").read_text()
        peaks[pid] = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
    return peaks


def _upload(client: HttpClient, path: Path) -> tuple[int, str]:
    """Send the import form with the file, as the browser does (multipart)."""
    client.get(f"{NEW}/drafting/import")  # the form's CSRF token
    boundary = secrets.token_hex(16)
    body = b"".join([
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f"{client.csrf}\r\n".encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="draft.docx"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode(),
        path.read_bytes(), f"\r\n--{boundary}--\r\n".encode()])
    request = urllib.request.Request(
        client.base + f"{NEW}/drafting/import", data=body, method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with client.opener.open(request, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@HOSTILE_FILES
def test_a_hostile_word_file_is_refused_by_the_server_in_bounded_memory(
    production: Production, tmp_path: Path, build: Callable[[Path], Path], refusal: str,
) -> None:
    hostile = build(tmp_path / "draft.docx")
    _open_a_new_cycle(production.database_url)
    client = production.client
    assert client.sign_in("chair", demo_password("chair")) == 303
    before = _peaks(production.pid)
    start = time.monotonic()
    status, page = _upload(client, hostile)
    took = time.monotonic() - start
    after = _peaks(production.pid)
    assert status == 422, page[-2000:]
    said = re.sub(r"\s+", " ", page)
    # Its own limit names it, or on a busy machine the time budget may be met first.
    assert re.search(refusal, said) or "takes too long to read" in said, said[-2000:]
    assert took < SECONDS, took
    grown = {pid: after[pid] - before.get(pid, 0) for pid in after}
    assert before.keys() == after.keys(), (before, after)  # no worker killed and replaced
    assert max(grown.values()) < GROWTH_MB, grown
    # The workers go on serving, and nothing was imported.
    assert client.get(f"{NEW}/drafting/")[0] == 200
    assert _sections(production.database_url) == 0


def _sections(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            return session.scalar(select(func.count()).select_from(Section).join(Negotiation)
                                  .where(Negotiation.committee == "CICTE")) or 0
    finally:
        engine.dispose()
