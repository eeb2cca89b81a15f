"""The sender stopped as a server stops it (SIGTERM, when the app is restarted or deployed) in
the middle of a circulation: it marks what the mail server took, gives the rest back, and the
sender started after it sends the rest at once, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, delete, select

from negotiation.models import MailMessage
from negotiation.notices.mail.outbox import message_values
from negotiation.notices.mail.sender import Sender
from negotiation.notices.signing import SECRET_SETTING
from negotiation.notices.statuses import QUEUED, SENT
from negotiation.record.database import DATABASE_SETTING, make_session_factory
from tests.notices.conftest import KEY, settings_for
from tests.notices.smtp import MailServer

COUNT = 60


@pytest.fixture
def outbox(engine: Engine) -> Iterator[Engine]:
    """Sixty messages waiting, committed (the sender is a process of its own)."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(MailMessage.__table__.insert(), [
            message_values(account_id=None, negotiation_id=None,
                           address=f"person{n}@mission.test", display_name=f"Person {n}",
                           kind="stop-test", subject=f"Message {n}", body="Body", link="",
                           now=now)
            for n in range(COUNT)])
    yield engine
    with engine.begin() as connection:
        connection.execute(delete(MailMessage.__table__).where(
            MailMessage.__table__.c.kind == "stop-test"))


def test_a_sender_stopped_mid_circulation_leaves_nothing_to_send_twice_or_wait_for(
        outbox: Engine, database_url: str, mail_server: MailServer) -> None:
    mail_server.inbox.pause = 0.05  # about three seconds for the sixty
    process = subprocess.Popen(
        [sys.executable, "-m", "negotiation.notices.mail.sender", "--poll", "0.2"],
        env=dict(os.environ, **{
            DATABASE_SETTING: database_url, SECRET_SETTING: KEY,
            "NEGOTIATION_SMTP_HOST": "127.0.0.1", "NEGOTIATION_SMTP_PORT": str(mail_server.port),
            "NEGOTIATION_SMTP_SECURITY": "none", "NEGOTIATION_MAIL_FROM": "tracker@oas.test"}),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while len(mail_server.inbox.received) < 5:
            assert time.monotonic() < deadline, "the sender sent nothing"
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
    taken = len(mail_server.inbox.received)
    assert 5 <= taken < COUNT, "stopped in the middle"
    with outbox.connect() as connection:
        statuses = Counter(connection.scalars(select(MailMessage.status).where(
            MailMessage.kind == "stop-test")))
    # Each message the server took is marked sent; the others wait, due now, untried.
    assert statuses == {SENT: taken, QUEUED: COUNT - taken}
    mail_server.inbox.pause = 0
    after = Sender(make_session_factory(outbox), settings_for(mail_server), KEY,
                   name="after-restart", timeout=10)
    assert after.run_once() == COUNT - taken, "the rest goes at once, no lease to wait out"
    ids = Counter(mail_server.inbox.ids())
    assert len(ids) == COUNT and max(ids.values()) == 1
