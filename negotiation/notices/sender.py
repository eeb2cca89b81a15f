"""The sender: delivers the outbox with smtplib outside any request.

    python -m negotiation.notices.sender [--once]

Each pass fans new notices out to their people, gathers the morning's digests, then claims a
batch of due messages (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, so senders never
share one; on SQLite one atomic UPDATE), sends them, and marks each sent (or failed, or
postponed) in the transaction that releases its claim. A message whose sender died while it
held the claim is claimed again when the lease expires: delivery is at least once across a
crash between the server's acceptance and that commit, and the Message-ID, the same on
every try, lets mail clients drop the duplicate.

A mail server that is down or answers 4xx is tried again later, waiting twice as long each
time; a 5xx answer fails the message, with the answer kept for the Mail page. A sender run
"as of" a moment (NEGOTIATION_CLOCK) is a rehearsal's and sends nothing."""

from __future__ import annotations

import argparse
import logging
import os
import smtplib
import socket
import ssl
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from negotiation.models import Account, MailMessage
from negotiation.notices.composing import message_bytes
from negotiation.notices.digests import gather_digests
from negotiation.notices.fanout import fan_out
from negotiation.notices.outbox import in_rehearsal
from negotiation.notices.reminders import remind
from negotiation.notices.settings import MailSettings, from_environment
from negotiation.notices.signing import signing_key
from negotiation.notices.statuses import FAILED, QUEUED, SENDING, SENT
from negotiation.text.languages import DEFAULT_LANGUAGE, known_language

log = logging.getLogger("negotiation.notices.sender")

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
    batch: int = 50
    lease: timedelta = timedelta(minutes=5)
    #: The first wait after a failure; each later one doubles, up to ``longest_wait``.
    first_wait: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(hours=6)
    timeout: float = 30.0
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    #: The language of each claimed message's person (its footer is written in it).
    languages: dict[int, str] = field(default_factory=dict, init=False, repr=False)

    def run_once(self) -> int:
        """One pass; returns how many messages were sent."""
        with self.factory.begin() as session:
            remind(session, self.now())
        with self.factory.begin() as session:
            fan_out(session, self.now())
        with self.factory.begin() as session:
            gather_digests(session, self.now())
        sent = 0
        while True:
            claimed = self.claim()
            if not claimed:
                return sent
            outcomes = self.deliver(claimed)
            self.settle(outcomes)
            sent += sum(1 for o in outcomes if o.status == SENT)
            if any(o.status == QUEUED for o in outcomes):
                return sent  # the server is down or busy: wait before the next pass

    def claim(self) -> list[MailMessage]:
        now = self.now()
        due = (select(MailMessage.id).where(or_(
            (MailMessage.status == QUEUED) & (MailMessage.next_attempt_at <= now),
            (MailMessage.status == SENDING) & (MailMessage.lease_until < now),
        )).order_by(MailMessage.id).limit(self.batch).with_for_update(skip_locked=True))
        with self.factory.begin() as session:
            ids = list(session.scalars(
                update(MailMessage).where(MailMessage.id.in_(due.scalar_subquery()))
                .values(status=SENDING, lease_until=now + self.lease, claimed_by=self.name,
                        attempts=MailMessage.attempts + 1)
                .returning(MailMessage.id)))
            if not ids:
                return []
            claimed = list(session.scalars(
                select(MailMessage).where(MailMessage.id.in_(ids)).order_by(MailMessage.id)))
            people = {m.account_id for m in claimed if m.account_id is not None}
            self.languages = {
                account_id: known_language(language) for account_id, language in
                session.execute(select(Account.id, Account.language)
                                .where(Account.id.in_(people)))} if people else {}
            return claimed

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

    def deliver(self, messages: list[MailMessage]) -> list[Outcome]:
        try:
            connection = self.connect()
        except (OSError, smtplib.SMTPException) as exc:
            answer = f"mail server unreachable: {exc}"
            return [Outcome(m.id, QUEUED, answer) for m in messages]
        outcomes: list[Outcome] = []
        try:
            for message in messages:
                outcome = self._send(connection, message)
                outcomes.append(outcome)
                if outcome.status == QUEUED and outcome.answer.startswith("connection"):
                    # The connection is gone: the rest wait for the next pass.
                    outcomes += [Outcome(m.id, QUEUED, outcome.answer)
                                 for m in messages[len(outcomes):]]
                    break
        finally:
            try:
                connection.quit()
            except (OSError, smtplib.SMTPException):
                connection.close()
        return outcomes

    def _send(self, connection: smtplib.SMTP, message: MailMessage) -> Outcome:
        try:
            language = self.languages.get(message.account_id or 0, DEFAULT_LANGUAGE)
            data = message_bytes(message, self.settings, self.key, language)
        except ValueError as exc:
            return Outcome(message.id, FAILED, f"not sent, the message is malformed: {exc}")
        try:
            connection.sendmail(self.settings.sender.addr_spec, [message.address], data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return _answered(message.id, code, text)
        except smtplib.SMTPResponseException as exc:
            return _answered(message.id, exc.smtp_code, exc.smtp_error)
        except (OSError, smtplib.SMTPException) as exc:
            return Outcome(message.id, QUEUED, f"connection lost: {exc}")
        return Outcome(message.id, SENT, "250 accepted")

    def settle(self, outcomes: list[Outcome]) -> None:
        """Mark each claimed message sent, failed or postponed, and release its claim, in
        one transaction; a claim another sender took over (the lease ran out) is left."""
        now = self.now()
        with self.factory.begin() as session:
            attempts = dict(session.execute(
                select(MailMessage.id, MailMessage.attempts)
                .where(MailMessage.id.in_([o.id for o in outcomes]))).all())
            rows = []
            for o in outcomes:
                tries = attempts.get(o.id, 1)
                status = FAILED if o.status == QUEUED and tries >= MAX_ATTEMPTS else o.status
                wait = min(self.first_wait * 2 ** max(tries - 1, 0), self.longest_wait)
                rows.append(dict(
                    b_id=o.id, b_owner=self.name, b_status=status, b_answer=o.answer[:2000],
                    b_sent_at=now if status == SENT else None,
                    b_next=now + wait if status == QUEUED else now))
            session.execute(_SETTLE, rows)

    def run_forever(self, poll: float = 5.0) -> None:
        while True:
            try:
                self.run_once()
            except Exception:  # the sender keeps going; the next pass tries again
                log.exception("sending pass failed")
            time.sleep(poll)


def _answered(message_id: int, code: int, text: bytes | str) -> Outcome:
    said = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    answer = f"{code} {said}"
    return Outcome(message_id, QUEUED if 400 <= code < 500 else FAILED, answer)


_m = MailMessage.__table__.c
_SETTLE = (update(MailMessage.__table__)
           .where(_m.id == bindparam("b_id"), _m.status == SENDING,
                  _m.claimed_by == bindparam("b_owner"))
           .values(claimed_by="", status=bindparam("b_status"), answer=bindparam("b_answer"),
                   sent_at=bindparam("b_sent_at"), next_attempt_at=bindparam("b_next"),
                   lease_until=None))


def main(argv: list[str] | None = None) -> int:
    from negotiation.record.database import make_engine, make_session_factory

    parser = argparse.ArgumentParser(prog="python -m negotiation.notices.sender",
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
    if options.once:
        sender.run_once()
    else:
        sender.run_forever(options.poll)
    return 0


if __name__ == "__main__":
    sys.exit(main())
