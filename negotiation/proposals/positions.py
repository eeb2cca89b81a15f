"""A delegation's positions on a paragraph: one open proposal of each kind, and none that
contradicts another it holds (asking to delete what it supports, or the reverse)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.enums import AmendmentKind, AmendmentState
from negotiation.errors import InvalidSubmission, Term
from negotiation.models import Amendment, AmendmentSupport, Delegation, Negotiation, Paragraph
from negotiation.record.clock import quoted_moment

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
    facts = {"held": Term(held.kind.label, lower=True), "title": held.title,
             "sent": quoted_moment(held.submitted_at, negotiation.zone),
             "kind": Term(kind.label, lower=True)}
    if held.delegation_id == delegation.id:
        raise InvalidSubmission(
            "Your delegation already sent a %(held)s on this paragraph (%(title)s, sent "
            "%(sent)s); a %(kind)s would contradict it. Withdraw or leave that position first.",
            **facts)
    raise InvalidSubmission(
        "Your delegation already joined the %(held)s of %(delegation)s on this paragraph "
        "(%(title)s, sent %(sent)s); a %(kind)s would contradict it. Withdraw or leave that "
        "position first.", delegation=held.delegation.name, **facts)


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
            "Your delegation already has an open %(kind)s on this paragraph (%(title)s); "
            "withdraw it first to send another.",
            kind=Term(kind.label, lower=True), title=existing.title,
        )
