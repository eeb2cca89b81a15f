"""What the domain's acts call to tell people: one plain function per kind of event, each
writing one notice row in the act's own transaction (the sender fans it out to each
person's address outside the request, so an act pays for one INSERT whatever the
committee's size)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from negotiation.models import Negotiation, Notice
from negotiation.notices.outbox import in_rehearsal


def negotiation_path(negotiation: Negotiation, rest: str = "") -> str:
    committee, cycle = negotiation.slug
    return f"/{committee}/{cycle}/{rest}"


def tell(session: Session, negotiation: Negotiation, kind: str, at: datetime, title: str,
         body: str, link: str, *, delegation_id: int | None = None, thread: str = "",
         once_key: str | None = None) -> None:
    """Write one notice; ``delegation_id`` limits it to that delegation's people."""
    session.execute(_INSERT, [dict(
        negotiation_id=negotiation.id, kind=kind, at=at, title=title, body=body, link=link,
        thread=thread, delegation_id=delegation_id, once_key=once_key,
        rehearsal=in_rehearsal(), fanned_out=False)])


_INSERT = insert(Notice.__table__)


def revision_circulated(session: Session, negotiation: Negotiation, symbol: str,
                        number: int, at: datetime) -> None:
    """Everyone taking part is told, with the link to the comparison of the revisions."""
    what = "the first draft" if number == 0 else f"revision {number}"
    tell(session, negotiation, "revision", at, f"{symbol} circulated",
         f"The chair circulated {what} of the draft resolution ({symbol}). The comparison "
         "text shows what changed.",
         negotiation_path(negotiation, "documents/revisions" if number else "draft/"))
