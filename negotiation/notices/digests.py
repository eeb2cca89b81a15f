"""The daily digest: at 07:00 at headquarters, one message per person gathering what
happened since the last one."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from negotiation.models import Account, MailMessage, Negotiation
from negotiation.notices.mail.outbox import queue_message
from negotiation.notices.statuses import DIGESTED, FOR_DIGEST
from negotiation.text.languages import N_, known_language, translate

DIGEST_HOUR = time(7, 0)


def next_morning(moment: datetime, zone: str) -> datetime:
    """The first 07:00 at headquarters after ``moment``."""
    local = moment.astimezone(ZoneInfo(zone))
    morning = datetime.combine(local.date(), DIGEST_HOUR, tzinfo=ZoneInfo(zone))
    if morning <= local:
        morning = datetime.combine(local.date() + timedelta(days=1), DIGEST_HOUR,
                                   tzinfo=ZoneInfo(zone))
    return morning


def gather_digests(session: Session, now: datetime) -> int:
    """Queue the digests due; returns how many were queued."""
    waiting = session.execute(
        select(MailMessage, Negotiation.timezone, Negotiation.committee, Negotiation.cycle,
               Account.language)
        .join(Negotiation, Negotiation.id == MailMessage.negotiation_id)
        .outerjoin(Account, Account.id == MailMessage.account_id)
        .where(MailMessage.status == FOR_DIGEST).order_by(MailMessage.id)
        .with_for_update(skip_locked=True, of=MailMessage)).all()
    due: dict[tuple[int, int], list[MailMessage]] = defaultdict(list)
    names: dict[int, str] = {}
    languages: dict[int, str] = {}
    for message, zone, committee, cycle, language in waiting:
        if message.account_id is not None and next_morning(message.created_at, zone) <= now:
            due[(message.account_id, message.negotiation_id or 0)].append(message)
            names[message.negotiation_id or 0] = f"{committee} {cycle}"
            languages[message.account_id] = known_language(language)
    for (account_id, negotiation_id), items in due.items():
        first = items[0]
        body = "\n\n".join(f"{m.subject}\n{m.body}\n{{base}}{m.link}" for m in items)
        queue_message(
            session, account_id=account_id, negotiation_id=negotiation_id,
            address=first.address, display_name=first.display_name, kind="digest",
            # The items were written in the person's language when they were fanned out.
            subject=translate(N_("[%(negotiation)s] Daily digest: %(count)s update(s)"),
                              languages[account_id], negotiation=names[negotiation_id],
                              count=len(items)),
            body=body, link="", now=now)
        digest_id = session.scalar(select(MailMessage.id).where(
            MailMessage.account_id == account_id, MailMessage.kind == "digest")
            .order_by(MailMessage.id.desc()).limit(1))
        session.execute(update(MailMessage).where(MailMessage.id.in_([m.id for m in items]))
                        .values(status=DIGESTED, digest_id=digest_id))
    return len(due)
