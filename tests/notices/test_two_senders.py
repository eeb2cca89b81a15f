"""Two senders at once on the same outbox (on PostgreSQL each skips the rows the other
claimed; on SQLite the claim is one atomic UPDATE): every message arrives, none twice."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import Engine, delete

from negotiation.models import MailMessage
from negotiation.notices.mail.outbox import message_values
from negotiation.notices.mail.sender import Sender
from negotiation.record.database import make_session_factory
from tests.notices.conftest import KEY, settings_for
from tests.notices.smtp import MailServer

COUNT = 120


def test_two_senders_never_send_one_message_twice(engine: Engine,
                                                   mail_server: MailServer) -> None:
    now = datetime.now(UTC)
    rows = [message_values(account_id=None, negotiation_id=None,
                           address=f"person{n}@mission.test", display_name=f"Person {n}",
                           kind="test", subject=f"Message {n}", body="Body", link="", now=now)
            for n in range(COUNT)]
    with engine.begin() as connection:
        connection.execute(MailMessage.__table__.insert(), rows)
    factory = make_session_factory(engine)
    senders = [Sender(factory, settings_for(mail_server), KEY, name=f"sender-{n}", batch=7,
                      timeout=10) for n in range(2)]
    sent: Counter[str] = Counter()
    try:
        def work(sender: Sender) -> None:
            while (count := sender.run_once()) > 0:
                sent[sender.name] += count

        threads = [threading.Thread(target=work, args=(s,)) for s in senders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        ids = Counter(mail_server.inbox.ids())
        assert len(ids) == COUNT
        assert max(ids.values()) == 1
        assert sum(sent.values()) == COUNT
    finally:
        with engine.begin() as connection:
            connection.execute(delete(MailMessage.__table__).where(
                MailMessage.__table__.c.kind == "test"))
