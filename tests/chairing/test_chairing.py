"""The chair's side: triage, compromise, decisions on proposals, approval in order, caps."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from negotiation.chairing.agenda import order_of_consideration
from negotiation.chairing.decisions import decide, triage_section
from negotiation.chairing.proposal_decisions import accept_proposal, set_aside, write_compromise
from negotiation.enums import (
    AmendmentKind,
    AmendmentState,
    MilestoneKind,
    ParagraphKind,
    ParagraphState,
)
from negotiation.errors import NotPermitted, RefusedTransition
from negotiation.models import Amendment, Milestone, Paragraph, RecordEntry
from negotiation.proposals.submissions import (
    submit_new_paragraph,
    submit_proposal,
    withdraw_proposal,
)
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, SECRETARIAT, World

P = ParagraphState


def send(world: World, key: str, kind: AmendmentKind, code: str = "MEX",
         text: str | None = None, comment: str = "") -> Amendment:
    paragraph = world.paragraphs[key]
    return submit_proposal(world.session, world.negotiation, world.delegate(code), paragraph,
                           kind, world.now, written_on=paragraph.current_version.id,
                           text=text, comment=comment).amendment


def new_paragraph(world: World, code: str = "PER") -> Paragraph:
    return submit_new_paragraph(
        world.session, world.negotiation, world.delegate(code), world.sections["tip"],
        ParagraphKind.PREAMBULAR, "RECOGNIZING the work of RTP VII;", world.now,
    ).amendment.paragraph


def approve(world: World, key_or_paragraph: str | Paragraph, override: str = "") -> None:
    paragraph = (world.paragraphs[key_or_paragraph] if isinstance(key_or_paragraph, str)
                 else key_or_paragraph)
    decide(world.session, world.negotiation, CHAIR, paragraph, "approve", world.now,
           override_reason=override)


@pytest.fixture
def triaged(world: World) -> World:
    """Proposals sent before the deadline, then the chair's triage after it."""
    send(world, "op1", AmendmentKind.MODIFY, text="To urge member states to deepen cooperation.")
    send(world, "pp2", AmendmentKind.COMMENT, code="CAN", comment="Add boys too?")
    world.paragraphs["new"] = new_paragraph(world)
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    return world


def test_triage_before_the_deadline_is_refused(world: World) -> None:
    with pytest.raises(RefusedTransition, match="may still send proposals"):
        triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"],
                       world.now)
    assert world.paragraphs["pp1"].state is P.PROPOSED


def test_triage_sorts_paragraphs_into_the_procedure_groups(triaged: World) -> None:
    states = {key: p.state for key, p in triaged.paragraphs.items()}
    assert states["op1"] is P.AMENDED
    assert states["new"] is P.NEW
    assert states["pp2"] is P.CONSENSUS  # only a comment: consensus, the comment beside it
    assert states["pp1"] is P.CONSENSUS and states["op3b"] is P.CONSENSUS
    # The chair may still judge that the comment asks for a change.
    decide(triaged.session, triaged.negotiation, CHAIR, triaged.paragraphs["pp2"],
           "mark_amended", triaged.now)
    assert triaged.paragraphs["pp2"].state is P.AMENDED


def test_triage_leaves_no_paragraph_proposed_and_puts_supported_ones_on_the_agenda(
    world: World,
) -> None:
    send(world, "op2", AmendmentKind.SUPPORT, code="CHL")
    send(world, "op3a", AmendmentKind.COMMENT, code="BRB", comment="Name the RTP VII report.")
    send(world, "op3", AmendmentKind.MODIFY, code="CAN", text="To instruct the General "
         "Secretariat to:")  # the chapeau is amended; its mandates still need triage
    world.after_deadline()
    moved = triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"],
                           world.now)
    tip = [p for p in world.paragraphs.values() if p.section_id == world.sections["tip"].id]
    assert world.paragraphs["op3"].state is P.AMENDED
    assert {p.state for p in tip if p is not world.paragraphs["op3"]} == {P.CONSENSUS}
    assert moved == {P.CONSENSUS: len(tip) - 1}
    agenda = order_of_consideration(world.session, world.negotiation)
    assert world.paragraphs["op2"] in agenda and world.paragraphs["op3a"] in agenda


def test_agenda_lists_consensus_then_amended_then_new(triaged: World) -> None:
    agenda = order_of_consideration(triaged.session, triaged.negotiation)
    groups = [p.state for p in agenda]
    assert groups == sorted(groups, key=[P.CONSENSUS, P.AMENDED, P.NEW].index)
    assert agenda[-1] is triaged.paragraphs["new"]
    assert agenda[0] is triaged.paragraphs["pp1"]


def test_an_amended_paragraph_waits_for_the_consensus_ones(triaged: World) -> None:
    amendment = triaged.session.scalars(select(Amendment)).first()
    assert amendment is not None
    accept_proposal(triaged.session, triaged.negotiation, CHAIR, amendment, triaged.now)
    with pytest.raises(RefusedTransition, match=r"consensus in principle first.*PP1"):
        approve(triaged, "op1")
    assert triaged.paragraphs["op1"].state is P.AMENDED


def test_the_chair_overrides_the_order_with_a_recorded_reason(triaged: World) -> None:
    with pytest.raises(RefusedTransition, match="consensus in principle first"):
        approve(triaged, triaged.paragraphs["new"])
    approve(triaged, triaged.paragraphs["new"], override="The proposer must leave early")
    assert triaged.paragraphs["new"].state is P.APPROVED
    entry = triaged.session.scalars(
        select(RecordEntry).where(RecordEntry.action == "approve")).one()
    assert "order of consideration overridden" in entry.summary
    assert entry.reason == "The proposer must leave early"
    new_proposal = triaged.session.scalars(
        select(Amendment).where(Amendment.kind == AmendmentKind.NEW)).one()
    assert new_proposal.state is AmendmentState.ACCEPTED


def test_an_amended_paragraph_is_not_approved_while_a_proposal_is_open(triaged: World) -> None:
    for p in order_of_consideration(triaged.session, triaged.negotiation):
        if p.state is P.CONSENSUS:
            approve(triaged, p)
    with pytest.raises(RefusedTransition, match="1 proposal is still unresolved"):
        approve(triaged, "op1")
    amendment = triaged.session.scalars(select(Amendment)).first()
    set_aside(triaged.session, triaged.negotiation, CHAIR, amendment, "No support in the room",
              triaged.now)  # type: ignore[arg-type]
    approve(triaged, "op1")
    assert triaged.paragraphs["op1"].state is P.APPROVED
    assert triaged.paragraphs["op1"].text.startswith("To urge member states to strengthen")


def test_an_amended_paragraph_is_not_approved_while_a_request_to_delete_it_is_open(
    world: World,
) -> None:
    request = send(world, "op2", AmendmentKind.DELETE, comment="Covered by paragraph 1")
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    assert world.paragraphs["op2"].state is P.AMENDED
    for p in order_of_consideration(world.session, world.negotiation):
        if p.state is P.CONSENSUS:
            approve(world, p)
    with pytest.raises(RefusedTransition, match="1 proposal is still unresolved"):
        approve(world, "op2")
    assert world.paragraphs["op2"].state is P.AMENDED
    set_aside(world.session, world.negotiation, CHAIR, request, "The room keeps it",
              world.now)
    approve(world, "op2")
    assert world.paragraphs["op2"].state is P.APPROVED


def test_approving_in_order_records_no_override_even_with_a_reason_given(
    triaged: World,
) -> None:
    first = order_of_consideration(triaged.session, triaged.negotiation)[0]
    # Nothing comes before the first paragraph of the agenda: a reason typed anyway
    # overrides nothing, and the record must not say the order was set aside.
    approve(triaged, first, override="Item by item")
    entry = triaged.session.scalars(
        select(RecordEntry).where(RecordEntry.action == "approve")).one()
    assert "overridden" not in entry.summary
    assert entry.reason != "Item by item"


def test_accepting_a_modification_makes_a_new_version_and_keeps_the_old(triaged: World) -> None:
    amendment = triaged.session.scalars(select(Amendment)).first()
    assert amendment is not None
    version = accept_proposal(triaged.session, triaged.negotiation, CHAIR, amendment,
                              triaged.now)
    paragraph = triaged.paragraphs["op1"]
    assert version is paragraph.current_version and version.number == 2
    assert paragraph.versions[0].text.startswith("To urge member states to strengthen")
    assert amendment.state is AmendmentState.ACCEPTED
    assert amendment.resolved_by_version is version


def test_a_compromise_settles_the_proposals_it_names_and_keeps_others_open(
    world: World,
) -> None:
    first = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    second = send(world, "op1", AmendmentKind.MODIFY, code="CAN",
                  text="To urge member states to cooperate closely.")
    world.after_deadline()
    paragraph = world.paragraphs["op1"]
    write_compromise(world.session, world.negotiation, CHAIR, paragraph,
                     "To urge states to cooperate closely.", world.now,
                     written_on=paragraph.current_version.id, settles=[first])
    assert first.state is AmendmentState.SETTLED
    assert second.state is AmendmentState.SUBMITTED
    assert second.written_on_older_version
    with pytest.raises(RefusedTransition, match="older text"):
        accept_proposal(world.session, world.negotiation, CHAIR, second, world.now)


def test_an_accepted_request_to_delete_deletes_by_agreement(world: World) -> None:
    request = send(world, "op2", AmendmentKind.DELETE, comment="Covered by paragraph 1")
    world.after_deadline()
    accept_proposal(world.session, world.negotiation, CHAIR, request, world.now)
    assert world.paragraphs["op2"].state is P.DELETED
    assert world.paragraphs["op2"].text.startswith("To encourage")


def test_approving_over_the_cap_is_refused(world: World) -> None:
    extra = submit_new_paragraph(
        world.session, world.negotiation, world.delegate("PER"), world.sections["tip"],
        ParagraphKind.OPERATIVE, "To invite member states to host RTP VIII.", world.now,
    ).amendment.paragraph
    world.after_deadline()
    for key in ("op1", "op2", "op3"):
        decide(world.session, world.negotiation, CHAIR, world.paragraphs[key],
               "find_consensus", world.now)
        approve(world, key, override="Item by item")
    with pytest.raises(RefusedTransition, match="4 operative paragraphs, the cap is 3"):
        approve(world, extra, override="Item by item")
    assert extra.state is P.NEW


def test_consultations_and_resumption(triaged: World) -> None:
    paragraph = triaged.paragraphs["new"]
    decide(triaged.session, triaged.negotiation, CHAIR, paragraph, "return_to_consultations",
           triaged.now, reason="Informal consultations led by Peru")
    assert paragraph.state is P.CONSULTATIONS
    decide(triaged.session, triaged.negotiation, CHAIR, paragraph, "resume", triaged.now)
    assert paragraph.state is P.NEW


@pytest.mark.parametrize("actor", [SECRETARIAT])
def test_only_the_chair_decides(triaged: World, actor: object) -> None:
    with pytest.raises(NotPermitted):
        decide(triaged.session, triaged.negotiation, actor, triaged.paragraphs["pp1"],  # type: ignore[arg-type]
               "approve", triaged.now)
    with pytest.raises(NotPermitted):
        decide(triaged.session, triaged.negotiation, triaged.delegate("MEX"),
               triaged.paragraphs["pp1"], "approve", triaged.now)
    assert triaged.paragraphs["pp1"].state is P.CONSENSUS


def test_a_refused_compromise_writes_no_version(world: World) -> None:
    proposal = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    withdraw_proposal(world.session, world.negotiation, world.delegate("MEX"),
                               proposal, world.now)
    world.after_deadline()
    paragraph = world.paragraphs["op1"]
    with pytest.raises(RefusedTransition, match="only open proposals are settled"):
        write_compromise(world.session, world.negotiation, CHAIR, paragraph,
                         "To urge states to cooperate closely.", world.now,
                         written_on=paragraph.current_version.id, settles=[proposal])
    assert len(paragraph.versions) == 1
    assert proposal.state is AmendmentState.WITHDRAWN


def test_accepting_a_request_to_delete_before_the_deadline_changes_nothing(
    world: World,
) -> None:
    request = send(world, "op2", AmendmentKind.DELETE, comment="Covered by paragraph 1")
    with pytest.raises(RefusedTransition, match="may still send proposals"):
        accept_proposal(world.session, world.negotiation, CHAIR, request, world.now)
    assert request.state is AmendmentState.SUBMITTED
    assert world.paragraphs["op2"].state is P.AMENDED


def test_a_resolved_proposal_is_not_accepted_twice(world: World) -> None:
    proposal = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    world.after_deadline()
    accept_proposal(world.session, world.negotiation, CHAIR, proposal, world.now)
    with pytest.raises(RefusedTransition, match="Cannot accept a proposal that is accepted"):
        accept_proposal(world.session, world.negotiation, CHAIR, proposal, world.now)
    assert len(world.paragraphs["op1"].versions) == 2


def _meeting(world: World, at: str, section: str | None = None) -> None:
    world.session.add(Milestone(
        negotiation_id=world.negotiation.id, kind=MilestoneKind.MEETING,
        section_id=world.sections[section].id if section else None,
        title=f"Examination of the draft ({at})", at=parse_moment(f"{at} America/New_York")))
    world.session.flush()


def test_approval_belongs_to_the_meetings_of_the_calendar(triaged: World) -> None:
    _meeting(triaged, "2024-05-16 10:00")
    _meeting(triaged, "2024-04-23 10:00", section="jid")
    triaged.clock.set(parse_moment("2024-05-15 10:00 America/New_York"))
    with pytest.raises(RefusedTransition, match=r"approved in meetings.*16 May 2024, 10:00"):
        approve(triaged, "pp1")
    assert triaged.paragraphs["pp1"].state is P.CONSENSUS
    triaged.clock.set(parse_moment("2024-05-16 09:00 America/New_York"))
    with pytest.raises(RefusedTransition, match="no meeting sits now"):
        approve(triaged, "pp1")  # the meeting has not begun yet
    triaged.clock.set(parse_moment("2024-05-16 15:30 America/New_York"))
    assert decide(triaged.session, triaged.negotiation, CHAIR, triaged.paragraphs["pp1"],
                  "approve", triaged.now) == []
    assert triaged.paragraphs["pp1"].state is P.APPROVED


def test_a_sections_own_meeting_approves_only_that_section(triaged: World) -> None:
    _meeting(triaged, "2024-05-16 10:00")
    _meeting(triaged, "2024-04-23 10:00", section="jid")
    triaged.clock.set(parse_moment("2024-04-23 11:00 America/New_York"))
    approve(triaged, "jid1")
    assert triaged.paragraphs["jid1"].state is P.APPROVED
    with pytest.raises(RefusedTransition, match="no meeting sits now"):
        approve(triaged, "pp1")


def test_with_no_meetings_in_the_calendar_approval_says_so(triaged: World) -> None:
    notices = decide(triaged.session, triaged.negotiation, CHAIR, triaged.paragraphs["pp1"],
                     "approve", triaged.now)
    assert notices == ["The calendar has no meetings, so the approval was made outside one."]
    entry = triaged.session.scalars(
        select(RecordEntry).where(RecordEntry.action == "approve")).one()
    assert "no meeting in the calendar" in entry.summary
