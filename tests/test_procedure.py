"""The procedure as the room lives it: circulation, joining late, contradictory positions,
and the rehearsal clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from negotiation.chairing import triage_section
from negotiation.circulation import circulate_revision, revisions_of
from negotiation.deadlines import grant_late_leave
from negotiation.enums import AmendmentKind
from negotiation.errors import DeadlinePassed, NeedsConfirmation
from negotiation.models import Amendment, RecordEntry
from negotiation.submissions import join_proposal, submit_proposal
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
    circulate_revision(world.session, world.negotiation, CHAIR, world.now)  # rev. 0: no warning
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

