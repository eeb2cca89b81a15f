"""Turning a notice into one message per person it concerns, with a verified address and a
choice that is not "none"."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from negotiation.enums import Role
from negotiation.models import (
    Account,
    Appointment,
    MailAddress,
    MailMessage,
    Negotiation,
    Notice,
    NoticePreference,
    Participation,
)
from negotiation.notices.mail.composing import one_line
from negotiation.notices.mail.outbox import message_values
from negotiation.notices.statuses import DIGEST, EACH, FOR_DIGEST, NONE, QUEUED, REHEARSAL
from negotiation.notices.wording import notice_in
from negotiation.record.wording import headquarters_time
from negotiation.text.languages import N_, known_language, translate


class Recipient(NamedTuple):
    account_id: int
    display_name: str
    language: str | None
    address: str
    time_zone: str | None
    choice: str


def recipients(session: Session, notice: Notice) -> list[Recipient]:
    """Everyone the notice concerns with a verified address and a choice that is not "none",
    as plain rows (a circulation reaches a hundred people or more)."""
    appointed = exists().where(Appointment.negotiation_id == notice.negotiation_id,
                               Appointment.account_id == Account.id)
    if notice.roles:
        # Told as holders of a role here (the chair, the secretariat): by appointment only.
        concerned = exists().where(Appointment.negotiation_id == notice.negotiation_id,
                                   Appointment.account_id == Account.id,
                                   Appointment.role.in_(roles_of(notice)))
    elif notice.delegation_id is None:
        admitted = exists().where(Participation.negotiation_id == notice.negotiation_id,
                                  Participation.delegation_id == Account.delegation_id)
        concerned = or_(appointed, admitted)
    else:
        # An appointment in the negotiation wins over the person's own mission there.
        as_delegate = exists().where(Appointment.negotiation_id == notice.negotiation_id,
                                     Appointment.account_id == Account.id,
                                     Appointment.delegation_id == notice.delegation_id)
        concerned = or_(as_delegate,
                        and_(Account.delegation_id == notice.delegation_id, ~appointed))
    rows = session.execute(
        select(Account.id, Account.display_name, Account.language, MailAddress.address,
               MailAddress.time_zone, NoticePreference.choice)
        .join(MailAddress, MailAddress.account_id == Account.id)
        .outerjoin(NoticePreference, and_(NoticePreference.account_id == Account.id,
                                          NoticePreference.negotiation_id
                                          == notice.negotiation_id))
        .where(Account.active.is_(True), MailAddress.verified_at.is_not(None), concerned)
        .order_by(Account.id)
    )
    return [Recipient(account_id, name, language, address, zone, choice or EACH)
            for account_id, name, language, address, zone, choice in rows
            if (choice or EACH) != NONE]


def roles_of(notice: Notice) -> list[Role]:
    """The roles a notice is addressed to (none: a delegation's people, or everyone)."""
    return [Role(name) for name in notice.roles.split()]


def fan_out(session: Session, now: datetime, limit: int = 50) -> int:
    """Write the messages of notices not fanned out yet; each notice once, even with several
    senders (they skip the notices another holds). Returns how many messages were written."""
    notices = list(session.scalars(
        select(Notice).where(Notice.fanned_out.is_(False)).order_by(Notice.id).limit(limit)
        .with_for_update(skip_locked=True)))
    written = 0
    for notice in notices:
        negotiation = session.get(Negotiation, notice.negotiation_id)
        assert negotiation is not None
        rows = []
        people = recipients(session, notice)
        started = _threads_started(session, notice, [person.account_id for person in people])
        # Written once per language, not once per person.
        wordings: dict[str, tuple[str, str]] = {}
        for person in people:
            status = (REHEARSAL if notice.rehearsal
                      else FOR_DIGEST if person.choice == DIGEST else QUEUED)
            language = known_language(person.language)
            if language not in wordings:
                wordings[language] = notice_in(notice, language)
            title, body = wordings[language]
            row = message_values(
                account_id=person.account_id, negotiation_id=notice.negotiation_id,
                address=person.address, display_name=person.display_name,
                kind=notice.kind,
                subject=f"[{negotiation.committee} {negotiation.cycle}] {one_line(title)}",
                body=body + in_own_time(notice, negotiation, person.time_zone, language),
                link=notice.link, now=now, notice_id=notice.id, thread=notice.thread,
                status=status)
            if notice.thread and person.account_id not in started and status != REHEARSAL:
                # The first message about a proposal is its thread's root: the later ones
                # answer it (In-Reply-To), so mail clients show them together.
                row["message_id"] = thread_root_id(notice.negotiation_id, notice.thread,
                                                   person.account_id)
            rows.append(row)
        if rows:
            session.execute(insert(MailMessage.__table__), rows)
        session.execute(update(Notice).where(Notice.id == notice.id).values(fanned_out=True))
        written += len(rows)
    return written


def thread_root_id(negotiation_id: int, thread: str, account_id: int) -> str:
    """The Message-ID's id part of the first message to one person about one thread."""
    return f"thread.{negotiation_id}.{thread}.{account_id}"


def _threads_started(session: Session, notice: Notice, account_ids: list[int]) -> set[int]:
    """Those of the people who already had a message of the notice's thread."""
    if not notice.thread or not account_ids:
        return set()
    return set(session.scalars(select(MailMessage.account_id).where(
        MailMessage.negotiation_id == notice.negotiation_id,
        MailMessage.thread == notice.thread, MailMessage.status != REHEARSAL,
        MailMessage.account_id.in_(account_ids)).distinct()))


def in_own_time(notice: Notice, negotiation: Negotiation, zone: str | None,
                language: str = "en") -> str:
    """The moment a notice is about, in the reader's own time zone (``zone``, the one the
    account's address keeps) when it is not headquarters' (otherwise the body's
    headquarters' time is the only one)."""
    if notice.falls_at is None or not zone or zone == negotiation.timezone:
        return ""
    return "\n\n" + translate(N_("In your time zone: %(when)s."), language,
                               when=headquarters_time(notice.falls_at, zone, language))
