"""A delegation's positions on a paragraph: one open proposal of each kind, and none that
contradicts another it holds (asking to delete what it supports, or the reverse)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.enums import AmendmentKind, AmendmentState
from negotiation.errors import InvalidSubmission, Term
from negotiation.models import Amendment, AmendmentSupport, Delegation, Negotiation, Paragraph
from negotiation.record.clock import quoted_moment
from negotiation.text.delegations import state_name

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
    refuse_held_positions(session, negotiation, paragraph, delegation, kind, duplicates=False)


def refuse_held_positions(
    session: Session,
    negotiation: Negotiation,
    paragraph: Paragraph,
    delegation: Delegation,
    kind: AmendmentKind,
    *,
    duplicates: bool = True,
) -> None:
    """Refuse a second open proposal of the same kind from one delegation (comments apart;
    when ``duplicates``), then a position that contradicts one it holds on the paragraph
    (see :func:`refuse_contradiction`), from one read of its open positions there: every
    submission asks both."""
    against = CONTRADICTS.get(kind, frozenset())
    same = duplicates and kind is not AmendmentKind.COMMENT
    if not against and not same:
        return
    own = Amendment.delegation_id == delegation.id
    joined = AmendmentSupport.id.is_not(None)
    if same:
        wanted = (own & Amendment.kind.in_([kind, *against])) | (
            joined & Amendment.kind.in_(list(against)))
    else:
        wanted = (own | joined) & Amendment.kind.in_(list(against))
    held = list(session.scalars(
        select(Amendment)
        .outerjoin(AmendmentSupport, (AmendmentSupport.amendment_id == Amendment.id)
                   & (AmendmentSupport.delegation_id == delegation.id)
                   & AmendmentSupport.withdrawn_at.is_(None))
        .where(Amendment.paragraph_id == paragraph.id,
               Amendment.state == AmendmentState.SUBMITTED, wanted)
        .order_by(Amendment.submitted_at, Amendment.id)
    ).unique())
    if same:
        existing = next((a for a in held if a.delegation_id == delegation.id
                         and a.kind is kind), None)
        if existing is not None:
            _refuse_duplicate(existing, kind)
    contradicting = next((a for a in held if a.kind in against), None)
    if contradicting is not None:
        _refuse_contradicting(contradicting, negotiation, delegation, kind)


def _refuse_duplicate(existing: Amendment, kind: AmendmentKind) -> None:
    raise InvalidSubmission(
        "Your delegation already has an open %(kind)s on this paragraph (%(title)s); "
        "withdraw it first to send another.",
        kind=Term(kind.label, lower=True), title=existing.title,
    )


def _refuse_contradicting(held: Amendment, negotiation: Negotiation, delegation: Delegation,
                          kind: AmendmentKind) -> None:
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
        "position first.", delegation=state_name(held.delegation), **facts)
