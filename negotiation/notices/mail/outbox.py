"""Writing messages to the outbox, in the transaction of whatever causes them."""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import RefusedTransition, Term
from negotiation.models import MailMessage
from negotiation.notices.statuses import FAILED, QUEUED, REHEARSAL, SENT
from negotiation.people.permissions import require
from negotiation.record.clock import CLOCK_SETTING
from negotiation.text.languages import N_


def in_rehearsal() -> bool:
    """A server run "as of" a moment (NEGOTIATION_CLOCK) rehearses: it mails nobody."""
    return bool(os.environ.get(CLOCK_SETTING))


def new_message_id() -> str:
    """The id part of a Message-ID; the sender adds the mail domain when composing."""
    return uuid.uuid4().hex


def message_values(*, account_id: int | None, negotiation_id: int | None, address: str,
                   display_name: str, kind: str, subject: str, body: str, link: str,
                   now: datetime, notice_id: int | None = None, thread: str = "",
                   status: str = QUEUED) -> dict[str, Any]:
    return dict(notice_id=notice_id, negotiation_id=negotiation_id, account_id=account_id,
                address=address, display_name=display_name, kind=kind, subject=subject,
                body=body, link=link, thread=thread, message_id=new_message_id(),
                status=status, attempts=0, next_attempt_at=now, lease_until=None,
                claimed_by="", answer="", created_at=now, sent_at=None, digest_id=None)


def queue_message(session: Session, **values: Any) -> None:
    """Queue one message; in a rehearsal it is kept, marked, and never sent."""
    row = message_values(**values)
    if in_rehearsal():
        row["status"] = REHEARSAL
    session.execute(insert(MailMessage.__table__), [row])


def messages_of(session: Session, negotiation_id: int, *, with_unscoped: bool,
                limit: int = 200) -> list[MailMessage]:
    """The negotiation's latest messages (and, for an administrator, the address
    verifications, which belong to no negotiation), newest first."""
    scope = MailMessage.negotiation_id == negotiation_id
    if with_unscoped:
        scope = scope | MailMessage.negotiation_id.is_(None)
    return list(session.scalars(select(MailMessage).where(scope)
                                .order_by(MailMessage.id.desc()).limit(limit)))


def send_again(session: Session, actor: Actor, message: MailMessage, now: datetime) -> None:
    """Queue a sent or failed message again, as it was (a rehearsal's is never sent)."""
    require(actor.role in (Role.ADMIN, Role.SECRETARIAT),
            N_("Only the secretariat or an administrator may send a message again."))
    if message.status not in (SENT, FAILED):
        raise RefusedTransition("Only a message sent or failed can be sent again; this one "
                                "is %(status)s.", status=Term(message.status))

    if message.kind == "verify":
        raise RefusedTransition("A confirmation link is not sent again: its person asks for "
                                "a new one from My settings.")
    message.status, message.attempts, message.next_attempt_at = QUEUED, 0, now
    message.answer, message.lease_until, message.claimed_by = "", None, ""
    session.flush()
