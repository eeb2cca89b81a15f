"""Answers to what delegations wrote: the chair or the secretariat replies to a comment, and
the delegation reads the answer beside it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.writing import clean_text
from negotiation.enums import Role
from negotiation.errors import InvalidSubmission
from negotiation.models import Amendment, CommentReply, Negotiation
from negotiation.notices.telling import comment_replied
from negotiation.people.permissions import require
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.languages import N_


def can_reply(actor: Actor) -> bool:
    """Those who keep the negotiation answer delegations: the chair and the secretariat."""
    return actor.role in (Role.CHAIR, Role.SECRETARIAT)


def reply_to_comment(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    amendment: Amendment,
    text: str,
    now: datetime,
) -> CommentReply:
    """Answer a delegation's comment (or the explanation sent with a proposal)."""
    require(can_reply(actor), N_("Only the chair or the secretariat replies to comments."))
    if amendment.negotiation_id != negotiation.id:
        raise InvalidSubmission("That proposal belongs to another negotiation.")
    if not amendment.comment:
        raise InvalidSubmission("This proposal carries no comment to reply to.")
    reply = CommentReply(amendment=amendment, author_role=actor.role, author_name=actor.name,
                         text=clean_text(text, N_("The reply")), written_at=now)
    session.add(reply)
    session.flush()
    record(
        session, negotiation.id, actor, now, "comment_replied",
        says(N_("%(author)s replied to the comment of %(delegation)s (proposal %(number)s)"),
             author=actor.name, delegation=amendment.delegation, number=amendment.number),
        subject=f"amendment:{amendment.id}",
    )
    comment_replied(session, negotiation, amendment, actor.name, now)
    return reply
