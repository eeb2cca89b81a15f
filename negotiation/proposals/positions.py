"""A delegation's positions on a paragraph: one open proposal of each kind, and none that
contradicts another it holds (asking to delete what it supports, or the reverse)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.enums import AmendmentKind, AmendmentState
from negotiation.errors import InvalidSubmission
from negotiation.models import Amendment, AmendmentSupport, Delegation, Negotiation, Paragraph
from negotiation.record.clock import format_moment

#: Positions one delegation cannot hold at once on one paragraph.
CONTRADICTS: dict[AmendmentKind, frozenset[AmendmentKind]] = {
    AmendmentKind.DELETE: frozenset({AmendmentKind.SUPPORT, AmendmentKind.MODIFY}),
    AmendmentKind.SUPPORT: frozenset({AmendmentKind.DELETE}),
    AmendmentKind.MODIFY: frozenset({AmendmentKind.DELETE}),
}


def refuse_contradiction(
    session: Session,
    negotiation: Negotiation,
    paragraph: Paragraph,
    delegation: Delegation,
    kind: AmendmentKind,
) -> None:
    """Refuse a position that contradicts one the delegation holds on the paragraph, its
    own open proposal or one it joined, naming the earlier one."""
    against = CONTRADICTS.get(kind, frozenset())
    if not against:
        return
    held = session.scalars(
        select(Amendment)
        .outerjoin(AmendmentSupport, (AmendmentSupport.amendment_id == Amendment.id)
                   & (AmendmentSupport.delegation_id == delegation.id)
                   & AmendmentSupport.withdrawn_at.is_(None))
        .where(
            Amendment.paragraph_id == paragraph.id,
            Amendment.state == AmendmentState.SUBMITTED,
            Amendment.kind.in_(list(against)),
            (Amendment.delegation_id == delegation.id) | AmendmentSupport.id.is_not(None),
        )
        .order_by(Amendment.submitted_at, Amendment.id)
    ).first()
    if held is None:
        return
    held_as = (f"sent a {held.kind.label.lower()}" if held.delegation_id == delegation.id
               else f"joined the {held.kind.label.lower()} of {held.delegation.name}")
    raise InvalidSubmission(
        f"Your delegation already {held_as} on this paragraph ({held.title}, sent "
        f"{format_moment(held.submitted_at, negotiation.zone)}); a {kind.label.lower()} "
        "would contradict it. Withdraw or leave that position first."
    )


def refuse_duplicate(
    session: Session, paragraph: Paragraph, delegation: Delegation, kind: AmendmentKind
) -> None:
    """Refuse a second open proposal of the same kind from one delegation (comments apart)."""
    if kind is AmendmentKind.COMMENT:
        return
    existing = session.scalars(
        select(Amendment).where(
            Amendment.paragraph_id == paragraph.id,
            Amendment.delegation_id == delegation.id,
            Amendment.kind == kind,
            Amendment.state == AmendmentState.SUBMITTED,
        )
    ).first()
    if existing is not None:
        raise InvalidSubmission(
            f"Your delegation already has an open {kind.label.lower()} on this paragraph "
            f"({existing.title}); withdraw it first to send another."
        )
