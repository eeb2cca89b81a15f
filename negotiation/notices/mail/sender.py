"""The sender: delivers the outbox with smtplib outside any request.

    python -m negotiation.notices.mail.sender [--once]

Each pass fans new notices out to their people, gathers the morning's digests, then claims a
batch of due messages (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, so senders never
share one; on SQLite one atomic UPDATE), sends them, and marks each sent (or failed, or
postponed) in the transaction that releases its claim, while the next batch is claimed.
The batch is marked in set-based statements and its messages are read as plain rows; one
connection to the mail server carries a whole pass. A message whose sender died while it
held the claim is claimed again when the lease expires: delivery is at least once across a
crash between the server's acceptance and that commit (at most two batches of 25, as many
messages as one batch of 50 before the marks were made while the next batch is on the
wire), and the Message-ID, the same on every try, lets mail clients drop the duplicate.

Stopped (SIGTERM, as a server's restart or a deployment stops it), the sender finishes the
message on the wire, marks what the mail server took, gives the rest back unsent and due, and
exits: the sender started next sends each of them once, without waiting out a lease.

A mail server that is down or answers 4xx is tried again later, waiting twice as long each
time; a 5xx answer fails the message, with the answer kept for the Mail page. A sender run
"as of" a moment (NEGOTIATION_CLOCK) is a rehearsal's and sends nothing."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import smtplib
import socket
import ssl
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, update
from sqlalchemy.orm import Session, sessionmaker

from negotiation.notices.digests import gather_digests
from negotiation.notices.fanout import fan_out
from negotiation.notices.mail.claims import ACCEPTED, CLAIM, OUTBOX, SETTLE, SETTLE_SENT
from negotiation.notices.mail.composing import message_bytes
from negotiation.notices.mail.outbox import in_rehearsal
from negotiation.notices.mail.settings import MailSettings, from_environment
from negotiation.notices.reminders import remind
from negotiation.notices.signing import signing_key
from negotiation.notices.statuses import FAILED, QUEUED, SENDING, SENT
from negotiation.record.database import WRITE_TRANSACTION
from negotiation.text.languages import known_language

log = logging.getLogger("negotiation.notices.mail.sender")

#: A message is given up after this many tries (with the doubling waits, about two days).
MAX_ATTEMPTS = 12


@dataclass
class Outcome:
    id: int
    status: str
    answer: str = ""


@dataclass
class Sender:
    factory: sessionmaker[Session]
    settings: MailSettings
    key: str
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    batch: int = 25
    lease: timedelta = timedelta(minutes=5)
    #: The first wait after a failure; each later one doubles, up to ``longest_wait``.
    first_wait: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(hours=6)
    timeout: float = 30.0
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    #: Set to stop (SIGTERM, SIGINT): the message on the wire is finished and marked, the
    #: rest of its batch and the batch claimed ahead are given back unsent, and no pass
    #: follows, so that a restart sends nothing twice.
    stopping: threading.Event = field(default_factory=threading.Event)
    #: The mail server's connection, kept from one batch to the next within a pass.
    _connection: smtplib.SMTP | None = field(default=None, init=False, repr=False)
    #: Why the connection opened ahead of a pass's first message could not be opened.
    _failed_to_open: OSError | smtplib.SMTPException | None = field(
        default=None, init=False, repr=False)

    def run_once(self) -> int:
        """One pass; returns how many messages were sent.

        The mail server's answers are the pass's pace, so the database's work is done while
        a batch is on the wire (in a thread of its own: the SMTP exchange waits on the
        server): the transaction that marks the batch sent before it also claims the one
        after it, and its commit (on SQLite, a flush to disk) is paid while the server
        answers. Only the first claim and the last marks are waited for. A crash re-sends at
        most the two batches not marked yet (the one on the wire and the one before it).
        A batch claimed ahead goes out only while at least half its lease is left (renewed
        first otherwise, and then only the messages still this sender's: no other sender can
        have taken one over). A batch claimed ahead is released unsent if the pass stops
        early (the server is down or says later, or the sender is stopping)."""
        sent = 0
        # The batch sent before the one on the wire, marked while that one goes out.
        done: tuple[Sequence[Row[Any]], list[Outcome]] | None = None
        self._failed_to_open = None
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="sender-smtp") as mailer:
                with self.writing() as session:
                    remind(session, self.now())
                    fan_out(session, self.now())
                    gather_digests(session, self.now())
                    claimed = self.claim(session)
                    if claimed:
                        # The server's greeting is awaited while the claim is committed.
                        mailer.submit(self._open)
                while claimed:
                    sending = mailer.submit(self.deliver, claimed)
                    following: list[Row[Any]] = []
                    claimed_at = self.now()
                    try:
                        with self.writing() as session:
                            if done is not None:
                                self.settle(session, *done)
                                done = None
                            following = self.claim(session)
                    finally:
                        outcomes = sending.result()
                    sent += sum(1 for o in outcomes if o.status == SENT)
                    done = (claimed, outcomes)
                    if self.stopping.is_set() or any(o.status == QUEUED for o in outcomes):
                        # The sender stops, or the server is down or busy: what is left (of
                        # this batch, those not tried) waits for the next pass.
                        with self.writing() as session:
                            self.settle(session, *done)
                            self.release(session, [*claimed[len(outcomes):], *following])
                        done = None
                        break
                    if following and self.now() - claimed_at > self.lease / 2:
                        with self.writing() as session:
                            following = self.renew(session, following)
                    claimed = following
                if done is not None:
                    # The server's answer to QUIT is awaited while the last marks are.
                    mailer.submit(self._hang_up)
                    with self.writing() as session:
                        self.settle(session, *done)
        finally:
            self._hang_up()
        return sent

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A transaction that writes from its first statement: on SQLite it takes the write
        lock before it reads the notices and messages it will change, as their row locks do
        on PostgreSQL, so that two senders never both read a notice as not written yet."""
        with (self.factory(execution_options={WRITE_TRANSACTION: True}) as session,
              session.begin()):
            yield session

    def claim(self, session: Session) -> list[Row[Any]]:
        """Claim the next batch of due messages (under a lease) in ``session``'s transaction:
        one UPDATE that returns what composing them reads, the person's language included."""
        now = self.now()
        rows = session.execute(CLAIM, dict(c_now=now, c_batch=self.batch,
                                            c_lease_until=now + self.lease,
                                            c_owner=self.name)).all()
        return sorted(rows, key=lambda row: row.id)

    def renew(self, session: Session, claimed: Sequence[Row[Any]]) -> list[Row[Any]]:
        """A whole lease again for a batch claimed ahead, as it is about to go out; what is
        returned is what is still this sender's (all of it, unless the batch before was
        slower than a lease)."""
        if not claimed:
            return []
        held = set(session.scalars(
            update(OUTBOX).where(_m.id.in_([row.id for row in claimed]),
                                 _m.status == SENDING, _m.claimed_by == self.name)
            .values(lease_until=self.now() + self.lease).returning(_m.id)))
        return [row for row in claimed if row.id in held]

    def release(self, session: Session, claimed: Sequence[Row[Any]]) -> None:
        """Give back a batch claimed ahead and not sent, due as it was, its try not counted."""
        if claimed:
            session.execute(
                update(OUTBOX).where(_m.id.in_([row.id for row in claimed]),
                                     _m.status == SENDING, _m.claimed_by == self.name)
                .values(status=QUEUED, claimed_by="", lease_until=None,
                        attempts=_m.attempts - 1))

    def connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "tls":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=self.timeout, context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                connection.starttls(context=ssl.create_default_context())
        if s.user:
            connection.login(s.user, s.password)
        return connection

    def _open(self) -> None:
        """Open the pass's connection ahead of its first message; a failure is kept for
        that message to report (the server is not tried twice in a row)."""
        try:
            self._connection = self.connect()
        except (OSError, smtplib.SMTPException) as exc:
            self._failed_to_open = exc

    def deliver(self, messages: Sequence[Row[Any]]) -> list[Outcome]:
        """Send a claimed batch on the pass's connection (opened for its first message).
        The whole batch is written first, in one go: written one by one between the
        exchanges with the server, each message cost about four times the processor time,
        each wait for the server's answer leaving the processor's caches cold."""
        written = [self._written(message) for message in messages]
        outcomes: list[Outcome] = []
        for index, (message, data) in enumerate(zip(messages, written, strict=True)):
            if self.stopping.is_set():
                break  # the rest are given back unsent
            outcome = (data if isinstance(data, Outcome)
                       else self._send(message, data, retry=index == 0))
            outcomes.append(outcome)
            if outcome.status == QUEUED and outcome.answer.startswith(_GONE):
                # The server is unreachable or the connection is gone: the rest wait.
                outcomes += [Outcome(m.id, QUEUED, outcome.answer)
                             for m in messages[len(outcomes):]]
                break
        return outcomes

    def _written(self, message: Row[Any]) -> bytes | Outcome:
        """The message as sent, or its failure if it cannot be written."""
        try:
            return message_bytes(message, self.settings, self.key,
                                 known_language(message.language))
        except ValueError as exc:
            return Outcome(message.id, FAILED, f"not sent, the message is malformed: {exc}")

    def _send(self, message: Row[Any], data: bytes, retry: bool) -> Outcome:
        kept = self._connection is not None
        if self._connection is None:
            try:
                if self._failed_to_open is not None:
                    failed, self._failed_to_open = self._failed_to_open, None
                    raise failed
                self._connection = self.connect()
            except (OSError, smtplib.SMTPException) as exc:
                return Outcome(message.id, QUEUED, f"mail server unreachable: {exc}")
        try:
            self._connection.sendmail(self.settings.sender.addr_spec, [message.address], data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return self._answered(message.id, code, text)
        except smtplib.SMTPResponseException as exc:
            return self._answered(message.id, exc.smtp_code, exc.smtp_error)
        except (OSError, smtplib.SMTPException) as exc:
            self._hang_up()
            if kept and retry:
                # The connection kept from the last batch was closed by the server while
                # this sender marked it: nothing of this batch is on it yet, try anew.
                return self._send(message, data, retry=False)
            return Outcome(message.id, QUEUED, f"connection lost: {exc}")
        return Outcome(message.id, SENT, ACCEPTED)

    def _answered(self, message_id: int, code: int, text: bytes | str) -> Outcome:
        if code == 421:  # the server closes the connection: the next message opens one
            self._hang_up()
        return _answered(message_id, code, text)

    def _hang_up(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()

    def settle(self, session: Session, claimed: Sequence[Row[Any]],
               outcomes: list[Outcome]) -> None:
        """Mark each claimed message sent, failed or postponed, and release its claim, in
        ``session``'s transaction: those sent in one statement, the others (rare) one by
        one; a claim another sender took over (the lease ran out) is left."""
        now = self.now()
        attempts = {row.id: row.attempts for row in claimed}
        sent = [o.id for o in outcomes if o.status == SENT]
        if sent:
            session.execute(SETTLE_SENT, dict(s_ids=sent, s_owner=self.name, s_now=now))
        rows = []
        for o in outcomes:
            if o.status == SENT:
                continue
            tries = attempts.get(o.id, 1)
            status = FAILED if o.status == QUEUED and tries >= MAX_ATTEMPTS else o.status
            wait = min(self.first_wait * 2 ** max(tries - 1, 0), self.longest_wait)
            rows.append(dict(
                b_id=o.id, b_owner=self.name, b_status=status, b_answer=o.answer[:2000],
                b_sent_at=None, b_next=now + wait if status == QUEUED else now))
        if rows:
            session.execute(SETTLE, rows)

    def run_forever(self, poll: float = 5.0) -> None:
        """Pass after pass, ``poll`` seconds apart, until :attr:`stopping` is set."""
        while not self.stopping.is_set():
            try:
                self.run_once()
            except Exception:  # the sender keeps going; the next pass tries again
                log.exception("sending pass failed")
            self.stopping.wait(poll)


_GONE = ("connection", "mail server unreachable")
_m = OUTBOX.c


def _answered(message_id: int, code: int, text: bytes | str) -> Outcome:
    said = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    answer = f"{code} {said}"
    return Outcome(message_id, QUEUED if 400 <= code < 500 else FAILED, answer)


def main(argv: list[str] | None = None) -> int:
    from negotiation.record.database import make_engine, make_session_factory

    parser = argparse.ArgumentParser(prog="python -m negotiation.notices.mail.sender",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--once", action="store_true", help="one pass, then stop")
    parser.add_argument("--poll", type=float, default=5.0, help="seconds between passes")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s sender %(message)s")
    if in_rehearsal():
        print("sender: NEGOTIATION_CLOCK is set: a rehearsal mails nobody; its messages stay "
              "in the outbox, on the Mail page.", file=sys.stderr)
        return 0
    sender = Sender(make_session_factory(make_engine()), from_environment(), signing_key())
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, lambda *_: sender.stopping.set())
    if options.once:
        sender.run_once()
    else:
        sender.run_forever(options.poll)
    return 0


if __name__ == "__main__":
    sys.exit(main())
