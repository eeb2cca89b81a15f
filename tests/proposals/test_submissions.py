"""Delegations' proposals: stored against the exact version, never lost, joined, withdrawn."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from negotiation.chairing.proposal_decisions import write_compromise
from negotiation.enums import AmendmentKind, AmendmentState, ParagraphKind, ParagraphState
from negotiation.errors import (
    InvalidSubmission,
    NotPermitted,
    RefusedTransition,
    StaleEdit,
)
from negotiation.models import Amendment, RecordEntry
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import (
    submit_new_paragraph,
    submit_proposal,
    withdraw_proposal,
)
from negotiation.text.diffs import Change, diff_from_json
from tests.builders import CHAIR, OBSERVER, World


def modify(world: World, key: str, text: str, code: str = "MEX") -> Amendment:
    paragraph = world.paragraphs[key]
    return submit_proposal(
        world.session, world.negotiation, world.delegate(code), paragraph, AmendmentKind.MODIFY,
        world.now, written_on=paragraph.current_version.id, text=text,
    ).amendment


def test_a_modification_is_stored_with_its_word_diff_and_marks_the_paragraph(
    world: World,
) -> None:
    amendment = modify(world, "op1",
                       "To urge member states to deepen cooperation against trafficking in "
                       "persons and its financing.")
    assert amendment.base_version.number == 1
    assert diff_from_json(amendment.diff or "") == [
        Change(0, "To urge member states to "),
        Change(-1, "strengthen"),
        Change(1, "deepen"),
        Change(0, " cooperation against trafficking in persons"),
        Change(1, " and its financing"),
        Change(0, "."),
    ]
    assert world.paragraphs["op1"].state is ParagraphState.AMENDED


def test_comments_and_support_do_not_mark_a_paragraph_amended(world: World) -> None:
    paragraph = world.paragraphs["op2"]
    for kind, comment in [(AmendmentKind.COMMENT, "We wish to hear the Secretariat."),
                          (AmendmentKind.SUPPORT, "")]:
        submit_proposal(world.session, world.negotiation, world.delegate("CAN"), paragraph,
                        kind, world.now, written_on=paragraph.current_version.id,
                        comment=comment)
    assert paragraph.state is ParagraphState.PROPOSED


def test_several_delegations_propose_on_one_paragraph_and_others_join(world: World) -> None:
    first = modify(world, "op1", "To urge member states to deepen cooperation.")
    second = modify(world, "op1", "To urge all member states to strengthen cooperation.",
                    code="CAN")
    join_proposal(world.session, world.negotiation, world.delegate("CHL"), first, world.now)
    join_proposal(world.session, world.negotiation, world.delegate("BRB"), first, world.now)
    assert [d.code for d in first.supporters] == ["CHL", "BRB"]
    assert second.supporters == []
    with pytest.raises(InvalidSubmission, match="already joined"):
        join_proposal(world.session, world.negotiation, world.delegate("CHL"), first, world.now)
    with pytest.raises(InvalidSubmission, match="already yours"):
        join_proposal(world.session, world.negotiation, world.delegate("MEX"), first, world.now)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty"), ("   ", "empty"),
     ("To urge member states to strengthen cooperation against trafficking in persons.",
      "same as the paragraph")],
)
def test_malformed_proposals_are_refused(world: World, text: str, message: str) -> None:
    with pytest.raises(InvalidSubmission, match=message):
        modify(world, "op1", text)
    assert world.session.scalars(select(Amendment)).all() == []
    assert world.paragraphs["op1"].state is ParagraphState.PROPOSED


def test_a_proposal_written_on_an_older_text_is_refused_with_both_versions(
    world: World,
) -> None:
    paragraph = world.paragraphs["op1"]
    read = paragraph.current_version
    world.after_deadline()
    write_compromise(world.session, world.negotiation, CHAIR, paragraph,
                     "To urge member states to intensify cooperation.", world.now,
                     written_on=read.id, settles=[])
    with pytest.raises(StaleEdit) as refused:
        write_compromise(world.session, world.negotiation, CHAIR, paragraph,
                         "To urge member states to cooperate.", world.now,
                         written_on=read.id, settles=[])
    assert refused.value.written_on is read
    assert refused.value.current is paragraph.current_version
    assert [v.text for v in paragraph.versions] == [
        "To urge member states to strengthen cooperation against trafficking in persons.",
        "To urge member states to intensify cooperation.",
    ]


def test_a_delegate_on_a_stale_page_is_told_and_nothing_is_stored(world: World) -> None:
    paragraph = world.paragraphs["op2"]
    stale = paragraph.current_version.id
    first = modify(world, "op2", "To encourage member states to exchange information.")
    assert first.base_version_id == stale
    world.after_deadline()
    write_compromise(world.session, world.negotiation, CHAIR, paragraph,
                     "To encourage states to share information.", world.now,
                     written_on=stale, settles=[first])
    assert first.state is AmendmentState.SETTLED
    world.clock.set(world.now.replace(year=2024, month=4, day=2))
    with pytest.raises(StaleEdit, match="changed while you were writing"):
        submit_proposal(world.session, world.negotiation, world.delegate("CAN"), paragraph,
                        AmendmentKind.MODIFY, world.now, written_on=stale, text="Other text.")
    assert len(world.session.scalars(select(Amendment)).all()) == 1


def test_one_open_modification_per_delegation_and_paragraph(world: World) -> None:
    first = modify(world, "op1", "To urge member states to deepen cooperation.")
    with pytest.raises(InvalidSubmission, match="withdraw it first"):
        modify(world, "op1", "To urge member states to widen cooperation.")
    withdraw_proposal(world.session, world.negotiation, world.delegate("MEX"), first, world.now)
    second = modify(world, "op1", "To urge member states to widen cooperation.")
    # The withdrawn one is kept, exactly as sent.
    assert first.state is AmendmentState.WITHDRAWN
    assert first.proposed_text == "To urge member states to deepen cooperation."
    assert second.state is AmendmentState.SUBMITTED


def test_only_the_proposer_withdraws(world: World) -> None:
    amendment = modify(world, "op1", "To urge member states to deepen cooperation.")
    with pytest.raises(RefusedTransition, match="Only the delegation"):
        withdraw_proposal(world.session, world.negotiation, world.delegate("CAN"), amendment,
                          world.now)
    assert amendment.state is AmendmentState.SUBMITTED


@pytest.mark.parametrize("actor", [CHAIR, OBSERVER])
def test_only_delegations_submit(world: World, actor: object) -> None:
    paragraph = world.paragraphs["op1"]
    with pytest.raises(NotPermitted):
        submit_proposal(world.session, world.negotiation, actor, paragraph,  # type: ignore[arg-type]
                        AmendmentKind.COMMENT, world.now,
                        written_on=paragraph.current_version.id, comment="x")


def test_a_new_paragraph_over_the_cap_is_accepted_and_flagged(world: World) -> None:
    submission = submit_new_paragraph(
        world.session, world.negotiation, world.delegate("PER"), world.sections["tip"],
        ParagraphKind.OPERATIVE, "To invite member states to host RTP VIII.", world.now,
        after=world.paragraphs["op2"],
    )
    assert submission.warnings == [
        "Trafficking in persons: 4 operative paragraphs, the cap is 3"
    ]
    paragraph = submission.amendment.paragraph
    assert paragraph.state is ParagraphState.NEW
    assert paragraph.proposer_delegation.code == "PER"  # type: ignore[union-attr]
    positions = [world.paragraphs[k].position for k in ("op2", "op3")]
    assert positions[0] < paragraph.position < positions[1]
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.action != "revision_circulated")).one()  # after the world's rev. 0
    assert "over the cap" in entry.summary


def test_withdrawing_a_new_paragraph_withdraws_the_paragraph_too(world: World) -> None:
    submission = submit_new_paragraph(
        world.session, world.negotiation, world.delegate("PER"), world.sections["cifta"],
        ParagraphKind.OPERATIVE, "To welcome the CIFTA Consultative Committee's work.",
        world.now,
    )
    withdraw_proposal(world.session, world.negotiation, world.delegate("PER"),
                      submission.amendment, world.now)
    assert submission.amendment.paragraph.state is ParagraphState.WITHDRAWN
    assert submission.amendment.paragraph.text.startswith("To welcome")
