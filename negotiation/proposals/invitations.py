"""Invitations to co-sponsor: the proposing delegation invites other delegations of the
negotiation to join its proposal; each accepts (joining it, with the same deadline and late
leave as joining unasked) or declines, once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from negotiation.actors import Actor
from negotiation.enums import AmendmentState, InvitationAnswer
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import (
    Amendment,
    Delegation,
    Negotiation,
    SponsorInvitation,
)
from negotiation.notices.telling import cosponsor_invited, invitation_answered
from negotiation.people.appointments import participates, participating_delegations
from negotiation.people.permissions import acts_for, require
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import acting_delegation
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.delegations import state_name
from negotiation.text.languages import N_

#: What the record says of each answer to an invitation.
_ANSWERED = {
    InvitationAnswer.ACCEPTED: N_("%(delegation)s accepted the invitation of %(proposer)s to "
                                  "co-sponsor proposal %(number)s"),
    InvitationAnswer.DECLINED: N_("%(delegation)s declined the invitation of %(proposer)s to "
                                  "co-sponsor proposal %(number)s"),
}


def invitable_delegations(
    session: Session,
    negotiation: Negotiation,
    amendments: list[Amendment],
    invited: dict[int, list[SponsorInvitation]],
) -> dict[int, list[Delegation]]:
    """For each proposal, the negotiation's active delegations its proposer may still invite:
    not itself, not a co-sponsor, not one ``invited`` before (whatever its answer). One
    query whatever the number of proposals (their sponsors are read as loaded)."""
    taking_part = [d for d in participating_delegations(session, negotiation) if d.active]
    found = {}
    for amendment in amendments:
        left_out = ({amendment.delegation_id} | {d.id for d in amendment.supporters}
                    | {i.delegation_id for i in invited.get(amendment.id, [])})
        found[amendment.id] = [d for d in taking_part if d.id not in left_out]
    return found


def invite_cosponsor(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    amendment: Amendment,
    delegation_id: int,
    now: datetime,
) -> SponsorInvitation:
    """The proposing delegation invites another delegation of the negotiation to co-sponsor
    its open proposal."""
    proposer = acting_delegation(session, actor)
    require(acts_for(actor, amendment.delegation_id),
            N_("Only the delegation that made a proposal may invite co-sponsors to it."))
    if amendment.negotiation_id != negotiation.id:
        raise InvalidSubmission("That proposal belongs to another negotiation.")
    if not amendment.kind.changes_text:
        raise InvalidSubmission("Only modifications, deletions and new paragraphs have "
                                "co-sponsors.")
    if not amendment.is_open:
        raise RefusedTransition(
            "Proposal %(number)s is %(state)s; no delegation can join it any more.",
            number=amendment.number, state=Term(amendment.state.label, lower=True))
    invited = session.get(Delegation, delegation_id)
    if invited is None or not invited.active or not participates(session, negotiation,
                                                                   invited.id):
        raise InvalidSubmission("Choose a delegation taking part in this negotiation.")
    if invited.id == proposer.id:
        raise InvalidSubmission("Your delegation made this proposal; invite another delegation.")
    if invited in amendment.supporters:
        raise InvalidSubmission("%(delegation)s already co-sponsors proposal %(number)s.",
                                delegation=state_name(invited), number=amendment.number)
    earlier = session.scalars(
        select(SponsorInvitation).where(SponsorInvitation.amendment_id == amendment.id,
                                        SponsorInvitation.delegation_id == invited.id)
    ).first()
    if earlier is not None:
        raise InvalidSubmission(
            "%(delegation)s was already invited to co-sponsor proposal %(number)s (answer: "
            "%(answer)s).", delegation=state_name(invited), number=amendment.number,
            answer=Term(earlier.answer.label, lower=True))
    invitation = SponsorInvitation(amendment=amendment, delegation=invited, invited_at=now,
                                   invited_by=actor.name, answer=InvitationAnswer.PENDING)
    session.add(invitation)
    session.flush()
    record(
        session, negotiation.id, actor, now, "cosponsor_invited",
        says(N_("%(proposer)s invited %(invited)s to co-sponsor proposal %(number)s"),
             proposer=proposer, invited=invited, number=amendment.number),
        subject=f"amendment:{amendment.id}",
    )
    cosponsor_invited(session, negotiation, amendment, invited, now)
    return invitation


def _answerable(actor: Actor, invitation: SponsorInvitation) -> None:
    require(acts_for(actor, invitation.delegation_id),
            N_("Only the invited delegation may answer an invitation."))
    if not invitation.is_pending:
        if invitation.answer is InvitationAnswer.ACCEPTED:
            raise RefusedTransition("Your delegation already accepted this invitation to "
                                    "co-sponsor proposal %(number)s.",
                                    number=invitation.amendment.number)
        raise RefusedTransition("Your delegation already declined this invitation to "
                                "co-sponsor proposal %(number)s.",
                                number=invitation.amendment.number)


def accept_invitation(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    invitation: SponsorInvitation,
    now: datetime,
) -> SponsorInvitation:
    """The invited delegation accepts: it joins the proposal as a co-sponsor."""
    delegation = acting_delegation(session, actor)
    _answerable(actor, invitation)
    amendment = invitation.amendment
    if not amendment.is_open:
        if amendment.state is AmendmentState.WITHDRAWN:
            raise RefusedTransition(
                "Proposal %(number)s of %(delegation)s is withdrawn by its proposer: it can no "
                "longer be joined, so the invitation can no longer be accepted. You may decline "
                "it.", number=amendment.number, delegation=state_name(amendment.delegation))
        raise RefusedTransition(
            "Proposal %(number)s of %(delegation)s is %(state)s: it can no longer be joined, "
            "so the invitation can no longer be accepted. You may decline it.",
            number=amendment.number, delegation=state_name(amendment.delegation),
            state=Term(amendment.state.label, lower=True))

    # Joining unasked and accepting are one act for the deadline, late leave and
    # contradicting positions; a delegation that joined meanwhile has only to answer.
    if delegation not in amendment.supporters:
        join_proposal(session, negotiation, actor, amendment, now, tell_proposer=False)
    return _answer(session, negotiation, actor, invitation, InvitationAnswer.ACCEPTED, now)


def decline_invitation(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    invitation: SponsorInvitation,
    now: datetime,
) -> SponsorInvitation:
    """The invited delegation declines; the proposer sees the answer."""
    acting_delegation(session, actor)
    _answerable(actor, invitation)
    return _answer(session, negotiation, actor, invitation, InvitationAnswer.DECLINED, now)


def _answer(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    invitation: SponsorInvitation,
    answer: InvitationAnswer,
    now: datetime,
) -> SponsorInvitation:
    """Store the invited delegation's answer and record it."""
    amendment = invitation.amendment
    invitation.answer = answer
    invitation.answered_at = now
    invitation.answered_by = actor.name
    session.flush()
    record(
        session, negotiation.id, actor, now, f"cosponsor_invitation_{answer.value}",
        says(_ANSWERED[answer], delegation=invitation.delegation,
             proposer=amendment.delegation, number=amendment.number),
        subject=f"amendment:{amendment.id}",
    )
    invitation_answered(session, negotiation, amendment, invitation.delegation, answer.value,
                        now)
    return invitation


def invitations_to(
    session: Session, negotiation: Negotiation, delegation_id: int
) -> list[SponsorInvitation]:
    """The invitations a delegation has not answered yet, newest first, with the proposal,
    its paragraph and its proposer, in one query."""
    return list(session.scalars(
        select(SponsorInvitation)
        .join(Amendment, Amendment.id == SponsorInvitation.amendment_id)
        .where(Amendment.negotiation_id == negotiation.id,
               SponsorInvitation.delegation_id == delegation_id,
               SponsorInvitation.answer == InvitationAnswer.PENDING)
        .options(joinedload(SponsorInvitation.amendment).joinedload(Amendment.paragraph),
                 joinedload(SponsorInvitation.amendment).joinedload(Amendment.delegation))
        .order_by(SponsorInvitation.invited_at.desc(), SponsorInvitation.id.desc())
    ))


def invitations_on(
    session: Session, amendment_ids: list[int]
) -> dict[int, list[SponsorInvitation]]:
    """The invitations sent for these proposals, by proposal, oldest first (one query)."""
    if not amendment_ids:
        return {}
    found: dict[int, list[SponsorInvitation]] = {}
    for invitation in session.scalars(
        select(SponsorInvitation).where(SponsorInvitation.amendment_id.in_(amendment_ids))
        .options(joinedload(SponsorInvitation.delegation))
        .order_by(SponsorInvitation.invited_at, SponsorInvitation.id)
    ):
        found.setdefault(invitation.amendment_id, []).append(invitation)
    return found
