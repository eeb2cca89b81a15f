"""The procedure as the room lives it: circulation, joining late, contradictory positions,
and the rehearsal clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from negotiation.calendar.deadlines import grant_late_leave
from negotiation.chairing.decisions import triage_section
from negotiation.draft.circulation import circulate_revision, revisions_of
from negotiation.enums import AmendmentKind
from negotiation.errors import (
    DeadlinePassed,
    InvalidSubmission,
    NeedsConfirmation,
    RefusedTransition,
)
from negotiation.models import Amendment, RecordEntry
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World


def send(world: World, key: str, kind: AmendmentKind, code: str = "MEX", **fields: str
         ) -> Amendment:
    paragraph = world.paragraphs[key]
    return submit_proposal(world.session, world.negotiation, world.delegate(code), paragraph,
                           kind, world.now, written_on=paragraph.current_version.id,
                           **fields).amendment  # type: ignore[arg-type]


def test_circulating_with_untriaged_sections_names_them_and_waits_for_confirmation(
    world: World,
) -> None:
    # The world's first draft went out as rev. 0, before the deadline, with no warning.
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"], world.now)
    with pytest.raises(NeedsConfirmation, match="2 section") as refused:
        circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    assert refused.value.items == ["Inter-American Defense Board (JID)", "CIFTA"]
    assert len(revisions_of(world.session, world.negotiation)) == 1
    rev1 = circulate_revision(world.session, world.negotiation, CHAIR, world.now,
                              confirmed=True)
    assert rev1.number == 1
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    assert circulate_revision(world.session, world.negotiation, CHAIR, world.now).number == 2


def test_joining_after_the_deadline_needs_late_leave_and_is_marked_late(world: World) -> None:
    proposal = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    world.after_deadline()
    with pytest.raises(DeadlinePassed, match="Proposals due before 22 April"):
        join_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal,
                      world.now)
    assert proposal.supporters == []
    grant_late_leave(world.session, world.negotiation, CHAIR, world.delegations["CAN"],
                     world.now + timedelta(days=1), "Instructions delayed", world.now)
    support = join_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal,
                            world.now)
    assert support.late and support.late_leave_id is not None
    entry = world.session.scalars(
        select(RecordEntry).where(RecordEntry.action == "proposal_joined")).one()
    assert "accepted late by the chair" in entry.summary


def test_a_sections_own_deadline_binds_joining_too(world: World) -> None:
    proposal = send(world, "jid1", AmendmentKind.DELETE)
    world.clock.set(world.now.replace(day=10))  # 10 April: after the JID's 8 April deadline
    with pytest.raises(DeadlinePassed, match="JID/CSH mechanism"):
        join_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal,
                      world.now)


def test_a_delegation_cannot_both_ask_to_delete_and_support_a_paragraph(world: World) -> None:
    deletion = send(world, "op2", AmendmentKind.DELETE, comment="Covered by paragraph 1")
    with pytest.raises(InvalidSubmission, match=(
            rf"already sent a request to delete on this paragraph \(proposal {deletion.number}, "
            r"sent 1 April 2024, 10:00 in Washington\); a support would contradict it")):
        send(world, "op2", AmendmentKind.SUPPORT)
    support = send(world, "op1", AmendmentKind.SUPPORT, code="CAN")
    with pytest.raises(InvalidSubmission, match=f"proposal {support.number}"):
        send(world, "op1", AmendmentKind.DELETE, code="CAN")
    send(world, "op2", AmendmentKind.SUPPORT, code="CHL")  # another delegation may differ
    assert world.session.scalars(
        select(Amendment).where(Amendment.kind == AmendmentKind.SUPPORT)).all() != []


def test_a_delegation_cannot_both_ask_to_delete_and_modify_a_paragraph(world: World) -> None:
    modification = send(world, "op1", AmendmentKind.MODIFY,
                        text="To urge member states to deepen cooperation.")
    with pytest.raises(InvalidSubmission, match=(
            rf"already sent a proposed modification.*\(proposal {modification.number}.*"
            r"a request to delete would contradict it")):
        send(world, "op1", AmendmentKind.DELETE)
    deletion = send(world, "op2", AmendmentKind.DELETE, code="CAN")
    with pytest.raises(InvalidSubmission, match=(
            rf"already sent a request to delete.*\(proposal {deletion.number}.*"
            r"would contradict it")):
        send(world, "op2", AmendmentKind.MODIFY, code="CAN",
             text="To encourage member states to cooperate.")
    assert world.session.scalars(select(Amendment).where(
        Amendment.kind == AmendmentKind.DELETE)).all() == [deletion]


def test_joining_a_request_to_delete_contradicts_the_delegations_own_support(
    world: World,
) -> None:
    support = send(world, "op2", AmendmentKind.SUPPORT, code="CAN")
    deletion = send(world, "op2", AmendmentKind.DELETE)
    with pytest.raises(InvalidSubmission,
                       match=f"already sent a support.*proposal {support.number}"):
        join_proposal(world.session, world.negotiation, world.delegate("CAN"), deletion,
                      world.now)
    assert deletion.supporters == []
    join_proposal(world.session, world.negotiation, world.delegate("CHL"), deletion, world.now)
    with pytest.raises(InvalidSubmission, match="joined the request to delete of Mexico"):
        send(world, "op2", AmendmentKind.SUPPORT, code="CHL")


def test_a_delegation_revises_its_own_proposal_and_the_first_text_is_kept(
    world: World,
) -> None:
    from negotiation.enums import AmendmentState
    from negotiation.proposals.submissions import revise_proposal

    first = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    join_proposal(world.session, world.negotiation, world.delegate("CAN"), first, world.now)
    revised = revise_proposal(world.session, world.negotiation, world.delegate("MEX"), first,
                              world.now, text="To urge member states to cooperate closely.")
    assert first.state is AmendmentState.SUPERSEDED
    assert first.proposed_text == "To urge states to cooperate."  # as sent, kept
    assert revised.amendment.rebased_from is first and revised.amendment.is_open
    assert revised.amendment.proposed_text == "To urge member states to cooperate closely."
    assert revised.warnings == ["Canada joined the earlier text and may join this one again."]
    with pytest.raises(RefusedTransition, match="Only the delegation that made a proposal"):
        revise_proposal(world.session, world.negotiation, world.delegate("CAN"),
                        revised.amendment, world.now, text="Something else.")
    world.after_deadline()
    with pytest.raises(DeadlinePassed):
        revise_proposal(world.session, world.negotiation, world.delegate("MEX"),
                        revised.amendment, world.now, text="Too late now.")
    assert revised.amendment.is_open


def test_a_delegation_leaves_a_proposal_it_joined(world: World) -> None:
    from negotiation.proposals.cosponsors import leave_proposal

    proposal = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    join_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal, world.now)
    leave_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal, world.now)
    assert proposal.supporters == []
    with pytest.raises(InvalidSubmission, match="has not joined"):
        leave_proposal(world.session, world.negotiation, world.delegate("CAN"), proposal,
                       world.now)


def test_the_chair_replies_to_a_comment_and_the_reply_is_kept_as_written(
    world: World,
) -> None:
    from negotiation.errors import ImmutableRecord, NotPermitted
    from negotiation.proposals.replies import reply_to_comment
    from tests.builders import SECRETARIAT

    comment = send(world, "pp2", AmendmentKind.COMMENT, code="CAN", comment="Add boys too?")
    reply = reply_to_comment(world.session, world.negotiation, SECRETARIAT, comment,
                             "  Boys are covered in the chair's rev. 1.  ", world.now)
    assert [r.text for r in comment.replies] == ["Boys are covered in the chair's rev. 1."]
    with pytest.raises(NotPermitted):
        reply_to_comment(world.session, world.negotiation, world.delegate("MEX"), comment,
                         "Me too", world.now)
    with pytest.raises(InvalidSubmission, match="The reply is empty"):
        reply_to_comment(world.session, world.negotiation, CHAIR, comment, " ", world.now)
    reply.text = "changed"
    with pytest.raises(ImmutableRecord):
        world.session.flush()
