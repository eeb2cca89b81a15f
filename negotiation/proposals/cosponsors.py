"""Co-sponsors: a delegation joining another's proposal, and leaving it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.calendar.deadlines import check_submission_window
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import Amendment, AmendmentSupport, Negotiation
from negotiation.notices.telling import cosponsor_changed
from negotiation.proposals.positions import refuse_contradiction
from negotiation.proposals.submissions import acting_delegation
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.languages import N_


def join_proposal(
    session: Session, negotiation: Negotiation, actor: Actor, amendment: Amendment,
    now: datetime, *, tell_proposer: bool = True,
) -> AmendmentSupport:
    """Another delegation joins a proposal (modification, deletion or new paragraph).

    ``tell_proposer`` is False when joining is the answer to the proposer's invitation:
    the proposer is then told once, of the answer."""
    delegation = acting_delegation(session, actor)
    if amendment.delegation_id == delegation.id:
        raise InvalidSubmission("Your delegation made this proposal; it is already yours.")
    if not amendment.kind.changes_text:
        raise InvalidSubmission("Only modifications, deletions and new paragraphs can be joined.")
    if not amendment.is_open:
        raise RefusedTransition(
            "The proposal is %(state)s; it can no longer be joined.",
            state=Term(amendment.state.label, lower=True),
        )
    support = next((s for s in amendment.supports if s.delegation_id == delegation.id), None)
    if support is not None and support.withdrawn_at is None:
        raise InvalidSubmission("Your delegation has already joined this proposal.")
    refuse_contradiction(session, negotiation, amendment.paragraph, delegation, amendment.kind)
    # Joining sends the delegation's position: the same deadline and late leave apply.
    leave = check_submission_window(session, negotiation, amendment.paragraph.section,
                                    delegation.id, now, paragraph_id=amendment.paragraph_id)
    if support is None:
        support = AmendmentSupport(
            amendment=amendment, delegation_id=delegation.id, joined_at=now, joined_by=actor.name
        )
        session.add(support)
    else:
        support.withdrawn_at = None
        support.joined_at = now
        support.joined_by = actor.name
    support.late = leave is not None
    support.late_leave_id = leave.id if leave else None
    session.flush()
    joined = says(N_("%(delegation)s joined proposal %(number)s by %(proposer)s (accepted late "
                     "by the chair)") if leave else
                  N_("%(delegation)s joined proposal %(number)s by %(proposer)s"),
                  delegation=delegation, number=amendment.number,
                  proposer=amendment.delegation)
    record(
        session, negotiation.id, actor, now, "proposal_joined", joined,
        subject=f"amendment:{amendment.id}",
    )
    if tell_proposer:
        cosponsor_changed(session, negotiation, amendment, delegation, True, now)
    return support


def leave_proposal(
    session: Session, negotiation: Negotiation, actor: Actor, amendment: Amendment, now: datetime
) -> AmendmentSupport:
    """A delegation leaves a proposal it joined; the record keeps that it had joined."""
    delegation = acting_delegation(session, actor)
    support = next((s for s in amendment.supports
                    if s.delegation_id == delegation.id and s.withdrawn_at is None), None)
    if support is None:
        raise InvalidSubmission("Your delegation has not joined this proposal.")
    if not amendment.is_open:
        raise RefusedTransition(
            "The proposal is %(state)s; its sponsors no longer change.",
            state=Term(amendment.state.label, lower=True),
        )

    support.withdrawn_at = now
    session.flush()
    record(
        session, negotiation.id, actor, now, "proposal_left",
        says(N_("%(delegation)s left proposal %(number)s by %(proposer)s"),
             delegation=delegation, number=amendment.number, proposer=amendment.delegation),
        subject=f"amendment:{amendment.id}",
    )
    cosponsor_changed(session, negotiation, amendment, delegation, False, now)
    return support
