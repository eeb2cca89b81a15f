"""Invitations to co-sponsor: only the proposer invites, once per delegation; the invited
delegation accepts (joining, under the joining rules) or declines; all of it in the record."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from negotiation.calendar.deadlines import grant_late_leave
from negotiation.chairing.proposal_decisions import set_aside
from negotiation.enums import AmendmentKind, InvitationAnswer
from negotiation.errors import (
    DeadlinePassed,
    InvalidSubmission,
    NotPermitted,
    RefusedTransition,
)
from negotiation.models import Amendment, Delegation, RecordEntry, SponsorInvitation
from negotiation.proposals.invitations import (
    accept_invitation,
    decline_invitation,
    invitable_delegations,
    invitations_on,
    invitations_to,
    invite_cosponsor,
)
from negotiation.proposals.submissions import submit_proposal, withdraw_proposal
from tests.builders import CHAIR, World


@pytest.fixture
def proposal(world: World) -> Amendment:
    """Mexico's modification of OP1: proposal 1."""
    paragraph = world.paragraphs["op1"]
    return submit_proposal(world.session, world.negotiation, world.delegate("MEX"), paragraph,
                           AmendmentKind.MODIFY, world.now,
                           written_on=paragraph.current_version.id,
                           text="To urge member states to deepen cooperation.").amendment


def invite(world: World, proposal: Amendment, code: str, by: str = "MEX") -> SponsorInvitation:
    return invite_cosponsor(world.session, world.negotiation, world.delegate(by), proposal,
                            world.delegations[code].id, world.now)


def summaries(world: World, action: str) -> list[str]:
    return list(world.session.scalars(
        select(RecordEntry.summary).where(RecordEntry.action == action).order_by(RecordEntry.id)))


def test_mexico_invites_canada_who_accepts_and_joins_the_proposal(
    world: World, proposal: Amendment
) -> None:
    invitation = invite(world, proposal, "CAN")
    assert [i.amendment for i in invitations_to(world.session, world.negotiation,
                                                world.delegations["CAN"].id)] == [proposal]
    accept_invitation(world.session, world.negotiation, world.delegate("CAN"), invitation,
                      world.now)
    assert invitation.answer is InvitationAnswer.ACCEPTED
    assert [d.code for d in proposal.supporters] == ["CAN"]
    assert invitations_to(world.session, world.negotiation, world.delegations["CAN"].id) == []
    assert invitations_on(world.session, [proposal.id]) == {proposal.id: [invitation]}
    assert summaries(world, "cosponsor_invited") == [
        "Mexico invited Canada to co-sponsor proposal 1"]
    assert summaries(world, "proposal_joined") == ["Canada joined proposal 1 by Mexico"]
    assert summaries(world, "cosponsor_invitation_accepted") == [
        "Canada accepted the invitation of Mexico to co-sponsor proposal 1"]


def test_an_invited_delegation_declines_and_cannot_answer_twice(
    world: World, proposal: Amendment
) -> None:
    invitation = invite(world, proposal, "CHL")
    decline_invitation(world.session, world.negotiation, world.delegate("CHL"), invitation,
                       world.now)
    assert invitation.answer is InvitationAnswer.DECLINED and proposal.supporters == []
    assert summaries(world, "cosponsor_invitation_declined") == [
        "Chile declined the invitation of Mexico to co-sponsor proposal 1"]
    with pytest.raises(RefusedTransition, match="already declined"):
        accept_invitation(world.session, world.negotiation, world.delegate("CHL"), invitation,
                          world.now)


def test_only_the_proposer_invites_and_only_the_invited_delegation_answers(
    world: World, proposal: Amendment
) -> None:
    with pytest.raises(NotPermitted, match="Only the delegation that made a proposal"):
        invite(world, proposal, "CHL", by="CAN")
    with pytest.raises(NotPermitted, match="Only a delegation"):
        invite_cosponsor(world.session, world.negotiation, CHAIR, proposal,
                         world.delegations["CHL"].id, world.now)
    invitation = invite(world, proposal, "CAN")
    for code in ("MEX", "CHL"):
        with pytest.raises(NotPermitted, match="Only the invited delegation"):
            accept_invitation(world.session, world.negotiation, world.delegate(code),
                              invitation, world.now)
        with pytest.raises(NotPermitted, match="Only the invited delegation"):
            decline_invitation(world.session, world.negotiation, world.delegate(code),
                               invitation, world.now)


def test_no_invitation_to_oneself_a_sponsor_twice_or_outside_the_negotiation(
    world: World, proposal: Amendment
) -> None:
    from negotiation.proposals.cosponsors import join_proposal

    with pytest.raises(InvalidSubmission, match="invite another delegation"):
        invite(world, proposal, "MEX")
    join_proposal(world.session, world.negotiation, world.delegate("PER"), proposal, world.now)
    with pytest.raises(InvalidSubmission, match="Peru already co-sponsors proposal 1"):
        invite(world, proposal, "PER")
    invite(world, proposal, "CAN")
    with pytest.raises(InvalidSubmission, match=r"Canada was already invited .*no answer yet"):
        invite(world, proposal, "CAN")
    outsider = Delegation(code="URY", name_en="Uruguay", name_es="Uruguay", name_fr="Uruguay",
                          name_pt="Uruguai")
    world.session.add(outsider)
    world.session.flush()
    with pytest.raises(InvalidSubmission, match="taking part in this negotiation"):
        invite_cosponsor(world.session, world.negotiation, world.delegate("MEX"), proposal,
                         outsider.id, world.now)
    invitable = invitable_delegations(world.session, world.negotiation, [proposal],
                                      invitations_on(world.session, [proposal.id]))
    assert [d.code for d in invitable[proposal.id]] == ["BRB", "CHL"]


def test_the_database_holds_one_invitation_per_delegation_and_proposal(
    world: World, proposal: Amendment
) -> None:
    first = invite(world, proposal, "CAN")
    with world.session.begin_nested():
        world.session.add(SponsorInvitation(
            amendment=proposal, delegation_id=first.delegation_id, invited_at=world.now,
            invited_by="Delegate", answer=InvitationAnswer.PENDING))
        with pytest.raises(IntegrityError):
            world.session.flush()


def test_an_invitation_to_a_withdrawn_or_decided_proposal_cannot_be_accepted(
    world: World, proposal: Amendment
) -> None:
    invitation = invite(world, proposal, "CAN")
    withdraw_proposal(world.session, world.negotiation, world.delegate("MEX"), proposal,
                      world.now)
    with pytest.raises(RefusedTransition,
                       match="Proposal 1 of Mexico is withdrawn by its proposer: it can no "
                             "longer be joined"):
        accept_invitation(world.session, world.negotiation, world.delegate("CAN"), invitation,
                          world.now)
    with pytest.raises(RefusedTransition, match="no delegation can join it any more"):
        invite(world, proposal, "CHL")
    # Declining still clears it from Canada's list.
    decline_invitation(world.session, world.negotiation, world.delegate("CAN"), invitation,
                       world.now)

    paragraph = world.paragraphs["op2"]
    decided = submit_proposal(world.session, world.negotiation, world.delegate("MEX"),
                              paragraph, AmendmentKind.DELETE, world.now,
                              written_on=paragraph.current_version.id).amendment
    late = invite(world, decided, "CHL")
    world.after_deadline()
    set_aside(world.session, world.negotiation, CHAIR, decided, "Not agreed.", world.now)
    with pytest.raises(RefusedTransition, match="Proposal 2 of Mexico is not retained: it"):
        accept_invitation(world.session, world.negotiation, world.delegate("CHL"), late,
                          world.now)


def test_accepting_after_the_deadline_needs_the_chairs_late_leave_as_joining_does(
    world: World, proposal: Amendment
) -> None:
    invitation = invite(world, proposal, "CAN")
    world.after_deadline()
    with pytest.raises(DeadlinePassed):
        accept_invitation(world.session, world.negotiation, world.delegate("CAN"), invitation,
                          world.now)
    assert invitation.is_pending
    grant_late_leave(world.session, world.negotiation, CHAIR, world.delegations["CAN"],
                     world.now.replace(hour=23), "Capital's instructions", world.now)
    accept_invitation(world.session, world.negotiation, world.delegate("CAN"), invitation,
                      world.now)
    assert proposal.supports[0].late and invitation.answer is InvitationAnswer.ACCEPTED


def test_only_proposals_that_change_the_text_take_co_sponsors(world: World) -> None:
    paragraph = world.paragraphs["op2"]
    comment = submit_proposal(world.session, world.negotiation, world.delegate("MEX"),
                              paragraph, AmendmentKind.COMMENT, world.now,
                              written_on=paragraph.current_version.id,
                              comment="Name the routes.").amendment
    with pytest.raises(InvalidSubmission, match="Only modifications, deletions"):
        invite(world, comment, "CAN")
