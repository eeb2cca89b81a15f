"""Deadlines: the draft's and a section's own, a second either side, and late acceptance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from negotiation.calendar.deadlines import grant_late_leave
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.errors import DeadlinePassed, InvalidSubmission, NotPermitted
from negotiation.models import Amendment, RecordEntry
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from tests.builders import CHAIR, DRAFT_DEADLINE, JID_DEADLINE, World

SECOND = timedelta(seconds=1)


def propose(world: World, key: str, code: str = "MEX") -> Amendment:
    paragraph = world.paragraphs[key]
    return submit_proposal(
        world.session, world.negotiation, world.delegate(code), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text=paragraph.text.replace("strengthen", "deepen").replace("recognize", "welcome")
        .replace("apply", "fully apply"),
    ).amendment


def count_amendments(world: World) -> int:
    return world.session.scalar(select(func.count()).select_from(Amendment)) or 0


def test_a_second_before_the_draft_deadline_is_in_time(world: World) -> None:
    world.clock.set(DRAFT_DEADLINE - SECOND)
    amendment = propose(world, "op1")
    assert amendment.late is False


def test_at_and_a_second_after_the_deadline_are_refused_and_nothing_is_stored(
    world: World,
) -> None:
    for moment in (DRAFT_DEADLINE, DRAFT_DEADLINE + SECOND):
        world.clock.set(moment)
        with pytest.raises(DeadlinePassed, match=r"Proposals due before 22 April.*22 April 2024"):
            propose(world, "op1")
    assert count_amendments(world) == 0


def test_a_section_keeps_its_own_earlier_deadline(world: World) -> None:
    world.clock.set(JID_DEADLINE - SECOND)
    propose(world, "jid1")
    world.clock.set(JID_DEADLINE + SECOND)
    with pytest.raises(DeadlinePassed) as refused:
        propose(world, "jid1", code="CAN")
    assert refused.value.deadline_at == JID_DEADLINE
    # The rest of the draft is still open at that moment.
    assert propose(world, "op1").late is False


def test_new_paragraphs_share_the_deadline(world: World) -> None:
    world.clock.set(DRAFT_DEADLINE + SECOND)
    with pytest.raises(DeadlinePassed):
        submit_new_paragraph(world.session, world.negotiation, world.delegate("PER"),
                             world.sections["tip"], ParagraphKind.OPERATIVE,
                             "To invite member states to host RTP VIII.", world.now)


def test_the_chair_accepts_a_delegation_late_and_it_is_recorded(world: World) -> None:
    world.clock.set(DRAFT_DEADLINE + timedelta(hours=10))
    leave = grant_late_leave(
        world.session, world.negotiation, CHAIR, world.delegations["MEX"],
        until=DRAFT_DEADLINE + timedelta(days=1), reason="Capital's instructions delayed",
        now=world.now,
    )
    amendment = propose(world, "op1")
    assert amendment.late is True and amendment.late_leave_id == leave.id
    # Another delegation was not given leave.
    with pytest.raises(DeadlinePassed):
        propose(world, "op2", code="CAN")
    # Leave ends when the chair said.
    world.clock.set(DRAFT_DEADLINE + timedelta(days=1))
    with pytest.raises(DeadlinePassed):
        propose(world, "op2")
    actions = world.session.scalars(select(RecordEntry.action).order_by(RecordEntry.id)).all()
    assert actions == ["revision_circulated", "late_leave_granted", "proposal_modify"]


def test_a_section_scoped_leave_does_not_open_other_sections(world: World) -> None:
    world.clock.set(DRAFT_DEADLINE + SECOND)
    grant_late_leave(world.session, world.negotiation, CHAIR, world.delegations["MEX"],
                     until=DRAFT_DEADLINE + timedelta(days=1), reason="Agreed in meeting",
                     now=world.now, section=world.sections["cifta"])
    assert propose(world, "cifta1").late is True
    with pytest.raises(DeadlinePassed):
        propose(world, "op1")


def test_only_the_chair_grants_late_leave_and_a_reason_is_required(world: World) -> None:
    args = (world.session, world.negotiation)
    until = DRAFT_DEADLINE + timedelta(days=1)
    with pytest.raises(NotPermitted):
        grant_late_leave(*args, world.delegate("MEX"), world.delegations["MEX"], until,
                         "please", world.now)
    with pytest.raises(InvalidSubmission):
        grant_late_leave(*args, CHAIR, world.delegations["MEX"], until, "  ", world.now)
