"""Comments and supports follow their paragraph's outcome: once the paragraph is approved,
deleted by agreement or withdrawn they are noted, not left "submitted" as if the chair still owed an
answer; proposals that change the text are never closed in passing."""

from __future__ import annotations

import pytest

from negotiation.chairing.decisions import decide, triage_section
from negotiation.documents.comparison import build_comparison
from negotiation.documents.html import comparison_html
from negotiation.draft.lifecycle import fire_amendment
from negotiation.enums import AmendmentKind, AmendmentState, ParagraphKind
from negotiation.errors import RefusedTransition
from negotiation.proposals.submissions import (
    submit_new_paragraph,
    submit_proposal,
    withdraw_proposal,
)
from negotiation.record.queries import open_proposals_on
from tests.builders import CHAIR, World
from tests.chairing.test_chairing import send

A = AmendmentState


def _triaged(world: World) -> None:
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)


def test_an_approved_paragraphs_comment_and_support_are_noted(world: World) -> None:
    comment = send(world, "pp1", AmendmentKind.COMMENT, comment="We welcome this paragraph.")
    support = send(world, "pp1", AmendmentKind.SUPPORT, code="CAN")
    elsewhere = send(world, "pp2", AmendmentKind.COMMENT, code="PER", comment="Still open.")
    _triaged(world)
    pp1 = world.paragraphs["pp1"]
    decide(world.session, world.negotiation, CHAIR, pp1, "approve", world.now)
    for remark in (comment, support):
        assert remark.state is A.NOTED
        assert remark.resolution_note == "The paragraph was approved"
        assert remark.resolved_at == world.now
    assert elsewhere.state is A.SUBMITTED  # a paragraph still negotiated keeps its remarks
    # No list of open proposals counts them any more.
    assert pp1.id not in open_proposals_on(world.session, [pp1.id])
    # The comparison text says what became of them.
    html = comparison_html(build_comparison(world.session, world.negotiation, world.now))
    assert "We welcome this paragraph." in html and "[Noted]" in html


def test_a_deleted_paragraphs_comment_is_noted_and_a_request_to_delete_accepted_alone(
    world: World,
) -> None:
    comment = send(world, "op2", AmendmentKind.COMMENT, comment="Too vague.")
    modification = send(world, "op2", AmendmentKind.MODIFY, code="CAN",
                        text="To encourage member states to share data on trafficking routes.")
    _triaged(world)
    decide(world.session, world.negotiation, CHAIR, world.paragraphs["op2"],
           "delete_by_agreement", world.now, reason="Merged into op1")
    assert comment.state is A.NOTED
    assert comment.resolution_note == "The paragraph was deleted by agreement"
    # A modification is the chair's to accept, settle or set aside: it is not noted.
    assert modification.state is A.SUBMITTED


def test_a_withdrawn_new_paragraphs_comment_is_noted(world: World) -> None:
    proposal = submit_new_paragraph(
        world.session, world.negotiation, world.delegate("PER"), world.sections["tip"],
        ParagraphKind.PREAMBULAR, "RECOGNIZING the work of RTP VII;", world.now).amendment
    paragraph = proposal.paragraph
    comment = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.COMMENT, world.now, written_on=paragraph.current_version.id,
        comment="Why a new paragraph?").amendment
    withdraw_proposal(world.session, world.negotiation, world.delegate("PER"), proposal,
                      world.now)
    assert proposal.state is A.WITHDRAWN
    assert comment.state is A.NOTED
    assert comment.resolution_note == "The paragraph was withdrawn by Peru"


def test_the_proposal_machine_notes_only_comments_and_supports(world: World) -> None:
    modification = send(world, "op1", AmendmentKind.MODIFY,
                        text="To urge member states to cooperate against trafficking.")
    with pytest.raises(RefusedTransition, match="Only comments and supports are noted"):
        fire_amendment(modification, "note")
    assert modification.state is A.SUBMITTED
    comment = send(world, "op1", AmendmentKind.COMMENT, comment="Fine.")
    fire_amendment(comment, "note")
    assert comment.state is A.NOTED
    with pytest.raises(RefusedTransition, match="Cannot note a proposal that is noted"):
        fire_amendment(comment, "note")
