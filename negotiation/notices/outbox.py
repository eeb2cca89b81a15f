"""Writing messages to the outbox, in the transaction of whatever causes them."""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from negotiation.models import MailMessage
from negotiation.notices.statuses import QUEUED, REHEARSAL
from negotiation.record.clock import CLOCK_SETTING


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
