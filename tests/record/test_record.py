"""Nothing a delegation sent, no paragraph version and no record entry is ever lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from negotiation.draft.circulation import circulate_revision, revisions_of
from negotiation.enums import AmendmentKind
from negotiation.errors import ImmutableRecord
from negotiation.models import Amendment, ParagraphVersion, RecordEntry
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World


@pytest.fixture
def proposal(world: World) -> Amendment:
    paragraph = world.paragraphs["op1"]
    return submit_proposal(world.session, world.negotiation, world.delegate("MEX"), paragraph,
                           AmendmentKind.MODIFY, world.now,
                           written_on=paragraph.current_version.id,
                           text="To urge member states to deepen cooperation.").amendment


@pytest.mark.parametrize("field", ["proposed_text", "comment", "delegation_id"])
def test_what_a_delegation_sent_cannot_be_overwritten(
    world: World, proposal: Amendment, field: str
) -> None:
    value = {"proposed_text": "Something else.", "comment": "edited",
             "delegation_id": world.delegations["CAN"].id}[field]
    setattr(proposal, field, value)
    with pytest.raises(ImmutableRecord, match="never changed"):
        world.session.flush()


def test_proposals_versions_and_the_record_are_never_deleted(
    world: World, proposal: Amendment
) -> None:
    rows = [proposal, world.paragraphs["op1"].versions[0],
            world.session.scalars(select(RecordEntry)).first()]
    for row in rows:
        attempt = world.session.begin_nested()
        world.session.delete(row)
        with pytest.raises(ImmutableRecord, match="never deleted"):
            world.session.flush()
        attempt.rollback()
    assert world.session.get(Amendment, proposal.id) is proposal


def test_versions_and_record_entries_are_write_once(world: World, proposal: Amendment) -> None:
    version = world.session.scalars(select(ParagraphVersion)).first()
    assert version is not None
    attempt = world.session.begin_nested()
    version.text = "rewritten"
    with pytest.raises(ImmutableRecord):
        world.session.flush()
    attempt.rollback()
    entry = world.session.scalars(select(RecordEntry)).first()
    assert entry is not None
    entry.summary = "nothing happened"
    with pytest.raises(ImmutableRecord):
        world.session.flush()


def test_a_circulated_revision_is_frozen(world: World, proposal: Amendment) -> None:
    rev0 = revisions_of(world.session, world.negotiation)[0]  # the world's first draft
    world.after_deadline()
    rev1 = circulate_revision(world.session, world.negotiation, CHAIR, world.now,
                              note="Revised draft", confirmed=True)
    assert [r.symbol for r in revisions_of(world.session, world.negotiation)] == [
        "CP/CSH-2251/24", "CP/CSH-2251/24 rev. 1"]
    assert len(rev0.entries) == len(rev1.entries) == 12
    states = {e.paragraph_id: e.state.value for e in rev1.entries}
    assert states[world.paragraphs["op1"].id] == "amended"
    entry = rev1.entries[0]
    entry.label = "changed"
    with pytest.raises(ImmutableRecord):
        world.session.flush()


def test_the_state_of_a_proposal_may_move(world: World, proposal: Amendment) -> None:
    proposal.resolution_note = "Discussed on 9 May"
    world.session.flush()
    assert world.session.get(Amendment, proposal.id).resolution_note == "Discussed on 9 May"  # type: ignore[union-attr]
