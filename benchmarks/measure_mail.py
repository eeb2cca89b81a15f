"""E-mail notifications: what they cost the chair's act, and how fast the sender delivers.

1. Circulating a revision of the demo cycle to 35 delegations of 4 people each, every one
   with a confirmed address and "each message", against the same circulation with
   notifications off (the act without its notice, as before there were any). The act
   writes one notice whoever is told, so the goal is within 1.2x.
2. The sender delivering those messages (fan-out, claim, compose, send, settle) to a local
   aiosmtpd server, against smtplib sending the very same bytes over one connection
   (the limit). The goal is at least 0.8 of the limit's throughput. The server runs in a
   process of its own, as a real mail server does: in a thread of the measuring process it
   shared the interpreter's lock with whichever side was measured, and so slowed most the
   side doing more Python work of its own.

Both on SQLite (a scratch file) and on PostgreSQL, the production engine, in the same run:
the database BENCH_POSTGRES_URL names with ``_mail`` appended (default ``bench_rush_mail`` on
127.0.0.1), created if missing and wiped; skipped, with the reason, when none answers.
"""

from __future__ import annotations

import os
import smtplib
import statistics
import tempfile
import time
from datetime import UTC, datetime
from email.headerregistry import Address
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.harness import Bench, Result
from benchmarks.rush_database import DEFAULT_URL, wiped
from benchmarks.schema import migrated
from benchmarks.smtp_sink import mail_server
from negotiation.actors import Actor
from negotiation.demo.loader import find_cycle, load_cycle
from negotiation.draft import circulation
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import Role
from negotiation.models import (
    Account,
    Delegation,
    MailAddress,
    MailMessage,
    Negotiation,
    Notice,
)
from negotiation.notices.mail.composing import message_bytes
from negotiation.notices.mail.sender import Sender
from negotiation.notices.mail.settings import MailSettings
from negotiation.notices.statuses import QUEUED
from negotiation.people.appointments import admit_delegations, participating_delegations
from negotiation.record.clock import parse_moment
from negotiation.record.database import make_engine, make_session_factory

CLOCK = parse_moment("2024-04-24 10:00 America/New_York")
DELEGATIONS, PEOPLE = 35, 4
KEY = "bench-signing-key"
CHAIR = Actor(Role.CHAIR, "Chair")


def _committee(sessions: sessionmaker[Session]) -> None:
    """The demo cycle with 35 delegations of 4 people, each with a confirmed address."""
    with sessions() as session, session.begin():
        negotiation = load_cycle(session)
        taking_part = list(participating_delegations(session, negotiation))
        for n in range(len(taking_part), DELEGATIONS):
            extra = Delegation(code=f"X{n:02d}", name_en=f"Delegation {n}",
                               name_es=f"Delegation {n}", name_fr=f"Delegation {n}",
                               name_pt=f"Delegation {n}")
            session.add(extra)
            taking_part.append(extra)
        session.flush()
        admit_delegations(session, negotiation, taking_part)
        for delegation in taking_part[:DELEGATIONS]:
            for k in range(PEOPLE):
                account = Account(username=f"{delegation.code.lower()}-{k}",
                                  display_name=f"Delegate {k} of {delegation.name_en}",
                                  password_hash="x", delegation=delegation, active=True,
                                  created_at=CLOCK)
                session.add(account)
                session.flush()
                session.add(MailAddress(account_id=account.id,
                                        address=f"{account.username}@mission.example.org",
                                        verified_at=CLOCK, changed_at=CLOCK))
        session.execute(update(Notice).values(fanned_out=True))


def _circulate(sessions: sessionmaker[Session], notify: bool) -> None:
    """The chair's act, rolled back; without notifications its notice is not written."""
    told = circulation.revision_circulated
    if not notify:
        circulation.revision_circulated = lambda *args, **kwargs: None  # type: ignore
    try:
        with sessions() as session:
            negotiation = find_cycle(session, "CSH", "2023-2024")
            assert negotiation is not None
            circulate_revision(session, negotiation, CHAIR, CLOCK, note="Benchmark",
                               confirmed=True)
            session.rollback()
    finally:
        circulation.revision_circulated = told  # type: ignore


def _circulation(bench: Bench, sessions: sessionmaker[Session], engine_name: str) -> None:
    on: list[float] = []
    off: list[float] = []
    _circulate(sessions, True), _circulate(sessions, False)  # warm both
    for _ in range(bench.repeat):
        for notify, times in [(True, on), (False, off)]:
            start = time.perf_counter()
            _circulate(sessions, notify)
            times.append(time.perf_counter() - start)
    _report(bench, Result(
        f"circulating rev. N to {DELEGATIONS} delegations x {PEOPLE}, notifications on, "
        f"{engine_name}",
        1, statistics.median(on), statistics.median(off), "notifications off", None,
        "goal <= 1.2x"))


def _queue(sessions: sessionmaker[Session], settings: MailSettings) -> None:
    """One circulation's notice, not fanned out yet, and nothing else in the outbox."""
    with sessions() as session, session.begin():
        session.execute(delete(MailMessage))
        negotiation = session.get(Negotiation, _negotiation_id(session))
        assert negotiation is not None
        circulate_revision(session, negotiation, CHAIR, CLOCK, note="Benchmark",
                           confirmed=True)


def _negotiation_id(session: Session) -> int:
    found = find_cycle(session, "CSH", "2023-2024")
    assert found is not None
    return found.id


def _throughput(bench: Bench, sessions: sessionmaker[Session], engine_name: str) -> None:
    with mail_server() as port:
        settings = MailSettings(host="127.0.0.1", port=port, security="none", user="",
                                password="", sender=Address("Tracker", "tracker", "oas.test"),
                                base_url="https://tracker.oas.test")
        sender = Sender(sessions, settings, KEY, name="bench", now=lambda: datetime.now(UTC))
        ours: list[float] = []
        limit: list[float] = []
        # Each round's own ratio, each side's best round (what a busy machine's
        # interruptions least inflate) and this process's CPU time on each side (the SMTP
        # server's is in neither), less swayed by a busy machine than the wall clock's
        # medians taken apart.
        paired: list[float] = []
        cpu: list[float] = []
        count = 0
        for round_ in range(bench.repeat + 1):
            _queue(sessions, settings)
            start, start_cpu = time.perf_counter(), time.process_time()
            count = sender.run_once()
            taken, taken_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            with sessions() as session:
                mails = [(m.address, message_bytes(m, settings, KEY)) for m in session.scalars(
                    select(MailMessage).where(MailMessage.status != QUEUED))]
            start, start_cpu = time.perf_counter(), time.process_time()
            with smtplib.SMTP("127.0.0.1", port) as connection:
                for address, data in mails:
                    connection.sendmail("tracker@oas.test", [address], data)
            direct, direct_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if round_:  # the first round warms both
                ours.append(taken / count)
                limit.append(direct / len(mails))
                paired.append((direct / len(mails)) / (taken / count))
                cpu.append((direct_cpu / len(mails)) / (taken_cpu / count))
        assert count == DELEGATIONS * PEOPLE, count
        _report(bench, Result(
            f"sender, {count} messages to a local SMTP server, {engine_name} (seconds per "
            "message)", 1,
            statistics.median(ours), statistics.median(limit),
            "smtplib alone, same messages", None, "goal: throughput >= 0.8 of smtplib's"))
        print(f"  throughput, {engine_name}: {1 / statistics.median(ours):.0f} messages/s, "
              f"smtplib alone "
              f"{1 / statistics.median(limit):.0f}/s: "
              f"{statistics.median(limit) / statistics.median(ours):.2f} of the limit "
              f"(each round's own: median {statistics.median(paired):.2f}, "
              f"{min(paired):.2f}-{max(paired):.2f}; best round of each "
              f"{min(limit) / min(ours):.2f}; in CPU time "
              f"{statistics.median(cpu):.2f})", flush=True)


def _report(bench: Bench, result: Result) -> None:
    bench.results.append(result)
    bench.print(result)


def _on(bench: Bench, url: str, engine_name: str) -> None:
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    _committee(sessions)
    _circulation(bench, sessions, engine_name)
    _throughput(bench, sessions, engine_name)
    engine.dispose()


def measure(bench: Bench) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'mail.sqlite3'}"
        migrated(url)
        _on(bench, url, "SQLite")
    base = make_url(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL))
    url = base.set(database=f"{base.database}_mail").render_as_string(hide_password=False)
    try:
        wiped(url)
    except OperationalError as exc:
        print(f"  PostgreSQL skipped: not reachable ({exc.orig})")
        return
    migrated(url)
    _on(bench, url, "PostgreSQL")
