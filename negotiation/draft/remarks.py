"""Comments and supports follow their paragraph's outcome: once the paragraph is approved,
deleted by agreement or withdrawn, they are noted, so that no delegation reads them as still
waiting for the chair. Proposals that change the text are never closed here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.draft.lifecycle import fire_amendment
from negotiation.enums import AmendmentKind, AmendmentState
from negotiation.models import Amendment, Paragraph

REMARKS = (AmendmentKind.COMMENT, AmendmentKind.SUPPORT)


def note_remarks(session: Session, paragraph: Paragraph, outcome: str, now: datetime) -> None:
    """Note the open comments and supports on the paragraph, with its ``outcome`` beside."""
    for remark in session.scalars(
        select(Amendment).where(Amendment.paragraph_id == paragraph.id,
                                Amendment.state == AmendmentState.SUBMITTED,
                                Amendment.kind.in_(REMARKS))
        .order_by(Amendment.id)
    ):
        fire_amendment(remark, "note")
        remark.resolved_at = now
        remark.resolution_note = outcome
