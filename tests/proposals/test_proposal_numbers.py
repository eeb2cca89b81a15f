"""Proposal numbers: "proposal 23" within its negotiation, in the order sent, never changed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from negotiation.chairing.proposal_decisions import set_aside
from negotiation.draft.circulation import circulate_revision
from negotiation.draft.writing import add_paragraph
from negotiation.enums import AmendmentKind, AmendmentState, ParagraphKind, SectionKind
from negotiation.errors import ImmutableRecord, InvalidSubmission, NotPermitted
from negotiation.models import Amendment, Negotiation, Paragraph, RecordEntry, Section
from negotiation.people.appointments import admit_delegations
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import (
    revise_proposal,
    submit_new_paragraph,
    submit_proposal,
    withdraw_proposal,
)
from tests.builders import CHAIR, OBSERVER, World


def send(world: World, key: str, kind: AmendmentKind, code: str = "MEX", **extra: str
         ) -> Amendment:
    paragraph = world.paragraphs[key]
    return submit_proposal(world.session, world.negotiation, world.delegate(code), paragraph,
                           kind, world.now, written_on=paragraph.current_version.id,
                           **extra).amendment  # type: ignore[arg-type]


def summaries(world: World, action: str) -> list[str]:
    return list(world.session.scalars(
        select(RecordEntry.summary).where(RecordEntry.action == action).order_by(RecordEntry.id)))


def another_negotiation(world: World) -> tuple[Negotiation, Paragraph]:
    """Next year's cycle of the committee, with the same delegations and one paragraph."""
    negotiation = Negotiation(
        committee="CSH", committee_name="Committee on Hemispheric Security", cycle="2024-2025",
        title="Next year's draft", symbol="CP/CSH-2300/25", timezone="America/New_York",
        rules="csh-2023-2024",
    )
    world.session.add(negotiation)
    world.session.flush()
    admit_delegations(world.session, negotiation, world.delegations.values())
    section = Section(negotiation_id=negotiation.id, code="cyber", kind=SectionKind.ITEM, area=6,
                      title="Cybersecurity", position=1)
    world.session.add(section)
    world.session.flush()
    paragraph = add_paragraph(world.session, section, ParagraphKind.OPERATIVE,
                              "To encourage member states to protect critical networks.",
                              CHAIR, world.now)
    circulate_revision(world.session, negotiation, CHAIR, world.now)
    return negotiation, paragraph


def test_proposals_are_numbered_in_the_order_sent_whatever_their_kind(world: World) -> None:
    modify = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    comment = send(world, "op2", AmendmentKind.COMMENT, code="CAN", comment="Name the routes.")
    new = submit_new_paragraph(world.session, world.negotiation, world.delegate("PER"),
                               world.sections["tip"], ParagraphKind.OPERATIVE,
                               "To welcome the work of the RTP.", world.now).amendment
    delete = send(world, "pp2", AmendmentKind.DELETE, code="CHL")
    assert [a.number for a in (modify, comment, new, delete)] == [1, 2, 3, 4]
    assert modify.title == "proposal 1"
    assert world.negotiation.last_proposal_number == 4


def test_a_new_negotiation_numbers_its_proposals_from_one(world: World) -> None:
    send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    send(world, "op2", AmendmentKind.SUPPORT, code="CAN")
    other, paragraph = another_negotiation(world)
    first = submit_proposal(world.session, other, world.delegate("MEX"), paragraph,
                            AmendmentKind.COMMENT, world.now,
                            written_on=paragraph.current_version.id,
                            comment="We support the aim.").amendment
    assert first.number == 1
    assert send(world, "op2", AmendmentKind.COMMENT, comment="Routes.").number == 3


def test_a_revised_or_withdrawn_proposal_keeps_its_number_and_the_new_text_takes_the_next(
    world: World,
) -> None:
    first = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    send(world, "op2", AmendmentKind.SUPPORT, code="CAN")
    revised = revise_proposal(world.session, world.negotiation, world.delegate("MEX"), first,
                              world.now, text="To urge all states to cooperate.").amendment
    assert (first.number, revised.number) == (1, 3)
    assert first.resolution_note == "Replaced by its proposer's revised text (proposal 3)"
    withdraw_proposal(world.session, world.negotiation, world.delegate("MEX"), revised,
                      world.now)
    assert revised.number == 3 and revised.state is AmendmentState.WITHDRAWN
    assert summaries(world, "proposal_revised") == [
        "Mexico revised its proposed modification (proposal 1) as proposal 3"]
    assert summaries(world, "proposal_withdrawn") == [
        "Mexico withdrew its proposed modification (proposal 3)"]


def test_the_record_and_refusals_name_proposals_by_number_not_by_id(world: World) -> None:
    # Another negotiation's proposals come first, so ids and numbers differ here.
    other, paragraph = another_negotiation(world)
    for code in ("MEX", "CAN", "CHL"):
        submit_proposal(world.session, other, world.delegate(code), paragraph,
                        AmendmentKind.SUPPORT, world.now,
                        written_on=paragraph.current_version.id)
    deletion = send(world, "pp2", AmendmentKind.DELETE, code="CHL")
    modify = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    assert (deletion.number, modify.number) == (1, 2) and modify.id != modify.number
    join_proposal(world.session, world.negotiation, world.delegate("CAN"), modify, world.now)
    assert summaries(world, "proposal_joined") == ["Canada joined proposal 2 by Mexico"]
    with pytest.raises(InvalidSubmission, match=r"\(proposal 2\); withdraw it first"):
        send(world, "op1", AmendmentKind.MODIFY, text="To urge states to act.")
    with pytest.raises(InvalidSubmission, match=r"\(proposal 1, sent"):
        send(world, "pp2", AmendmentKind.SUPPORT, code="CHL")
    world.after_deadline()
    set_aside(world.session, world.negotiation, CHAIR, modify, "Not agreed.", world.now)
    assert summaries(world, "proposal_set_aside") == ["Proposal 2 by Mexico not retained"]


def test_a_number_is_never_changed(world: World) -> None:
    first = send(world, "op1", AmendmentKind.MODIFY, text="To urge states to cooperate.")
    first.number = 7
    with pytest.raises(ImmutableRecord, match=r"proposal 7, number"):
        world.session.flush()


def test_the_database_never_gives_a_number_twice_in_a_negotiation(world: World) -> None:
    sent = send(world, "op2", AmendmentKind.COMMENT, comment="Routes.")
    # One that slipped past the counter (a number taken by hand) is refused by the database.
    twin = Amendment(
        negotiation_id=world.negotiation.id, number=sent.number, paragraph=sent.paragraph,
        base_version=sent.base_version, delegation_id=world.delegations["PER"].id,
        kind=AmendmentKind.COMMENT, comment="Also.", submitted_at=world.now,
        submitted_by="Delegate", state=AmendmentState.SUBMITTED,
    )
    with world.session.begin_nested():
        world.session.add(twin)
        with pytest.raises(IntegrityError):
            world.session.flush()


def test_a_refused_submission_takes_no_number(world: World) -> None:
    with pytest.raises(NotPermitted):
        submit_proposal(world.session, world.negotiation, OBSERVER, world.paragraphs["op1"],
                        AmendmentKind.COMMENT, world.now,
                        written_on=world.paragraphs["op1"].current_version.id, comment="x")
    with pytest.raises(InvalidSubmission):
        send(world, "op1", AmendmentKind.MODIFY, text=world.paragraphs["op1"].text)
    assert send(world, "op2", AmendmentKind.SUPPORT).number == 1
