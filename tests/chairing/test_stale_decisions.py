"""Decisions taken on what a person saw: a paragraph that moved, a revision already out, a
second open proposal the database itself refuses."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from negotiation.chairing.decisions import decide
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import AmendmentKind, AmendmentState, ParagraphState
from negotiation.errors import RefusedTransition
from negotiation.models import Amendment, Revision
from negotiation.proposals.submissions import submit_proposal, withdraw_proposal
from tests.builders import CHAIR, World


def test_a_decision_on_a_paragraph_that_moved_since_is_refused(world: World) -> None:
    world.after_deadline()
    paragraph = world.paragraphs["pp1"]
    decide(world.session, world.negotiation, CHAIR, paragraph, "find_consensus", world.now,
           seen=ParagraphState.PROPOSED)
    # The vice-chair's deferral was decided on the paragraph as it stood before.
    with pytest.raises(RefusedTransition, match="moved from proposed to consensus"):
        decide(world.session, world.negotiation, CHAIR, paragraph, "return_to_consultations",
               world.now, reason="Deferred", seen=ParagraphState.PROPOSED)
    assert paragraph.state is ParagraphState.CONSENSUS


def test_a_revision_already_circulated_is_not_circulated_again(world: World) -> None:
    # The world's first draft went out as rev. 0; two chairs both mean to circulate rev. 1.
    first = circulate_revision(world.session, world.negotiation, CHAIR, world.now,
                               expected_number=1)
    with pytest.raises(RefusedTransition, match=f"{first.symbol} was circulated by Chair"):
        circulate_revision(world.session, world.negotiation, CHAIR, world.now,
                           expected_number=1)
    assert world.session.scalar(select(func.count()).select_from(Revision)) == 2
    circulate_revision(world.session, world.negotiation, CHAIR, world.now, expected_number=2)


def test_the_database_holds_one_open_proposal_per_delegation_and_kind(world: World) -> None:
    paragraph = world.paragraphs["op1"]
    mexico = world.delegate("MEX")
    sent = submit_proposal(world.session, world.negotiation, mexico, paragraph,
                           AmendmentKind.MODIFY, world.now,
                           written_on=paragraph.current_version.id,
                           text=paragraph.text.replace("strengthen", "deepen")).amendment
    # A second one that slipped past the check (two requests checking at the same moment).
    twin = Amendment(
        negotiation_id=world.negotiation.id, number=sent.number + 1, paragraph=paragraph,
        base_version=sent.base_version,
        delegation_id=sent.delegation_id, kind=AmendmentKind.MODIFY, proposed_text="Other.",
        submitted_at=world.now, submitted_by="Delegate", state=AmendmentState.SUBMITTED,
    )
    with world.session.begin_nested():
        world.session.add(twin)
        with pytest.raises(IntegrityError):
            world.session.flush()
    # Once the first is withdrawn, the delegation may send another.
    withdraw_proposal(world.session, world.negotiation, mexico, sent, world.now)
    submit_proposal(world.session, world.negotiation, mexico, paragraph, AmendmentKind.MODIFY,
                    world.now, written_on=paragraph.current_version.id,
                    text=paragraph.text.replace("strengthen", "renew"))
