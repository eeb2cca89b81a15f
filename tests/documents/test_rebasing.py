"""Re-basing a proposal written on an older text: the clean case, the conflict, who may."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from sqlalchemy import select

from negotiation.chairing.proposal_decisions import write_compromise
from negotiation.documents.comparison import build_comparison
from negotiation.documents.word.body import comparison_docx
from negotiation.enums import AmendmentKind, AmendmentState, ParagraphKind
from negotiation.errors import InvalidSubmission, NotPermitted
from negotiation.models import Amendment, AmendmentSupport, RecordEntry
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.rebasing import rebase_proposal
from negotiation.proposals.submissions import submit_proposal
from negotiation.text.diffs import DELETE, EQUAL, INSERT, Change, diff_from_json
from tests.builders import CHAIR, OBSERVER, SECRETARIAT, World, chair_paragraph

BASE = ("Prie le Secrétariat général de continuer à fournir une assistance technique aux "
        "États membres qui en font la demande\u00a0;")
PROPOSED = ("Prie le Secrétariat général de renforcer l\u2019assistance technique fournie aux "
            "États membres qui en font la demande\u00a0;")
# The chair changed the end of the sentence: Mexico's words are still there, verbatim.
COMPROMISE = ("Prie le Secrétariat général de continuer à fournir une assistance technique aux "
              "États membres et aux sous-régions qui en font la demande\u00a0;")
# The chair rewrote the very words Mexico changed.
REWRITTEN = ("Prie le Secrétariat général d\u2019étendre l\u2019assistance technique aux "
             "États membres qui en font la demande\u00a0;")


def _stale_proposal(world: World, chair_text: str) -> Amendment:
    paragraph = chair_paragraph(world, "fr", ParagraphKind.OPERATIVE, BASE)
    amendment = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text=PROPOSED, comment="Plus ambitieux.",
    ).amendment
    join_proposal(world.session, world.negotiation, world.delegate("CAN"), amendment, world.now)
    join_proposal(world.session, world.negotiation, world.delegate("CHL"), amendment, world.now)
    write_compromise(world.session, world.negotiation, CHAIR, paragraph, chair_text, world.now,
                     written_on=paragraph.current_version.id, settles=[])
    assert amendment.written_on_older_version
    return amendment


def test_clean_rebase_makes_a_new_proposal_and_supersedes_the_original(world: World) -> None:
    original = _stale_proposal(world, COMPROMISE)
    base_before, diff_before = original.base_version_id, original.diff

    outcome = rebase_proposal(world.session, world.negotiation, world.delegate("MEX"),
                              original, world.now)

    assert outcome.status == "rebased" and outcome.proposal is not None
    new = outcome.proposal
    paragraph = original.paragraph
    assert new.base_version_id == paragraph.current_version.id
    assert new.proposed_text == (
        "Prie le Secrétariat général de renforcer l\u2019assistance technique fournie aux "
        "États membres et aux sous-régions qui en font la demande\u00a0;"
    )
    assert (new.delegation_id, new.kind, new.comment) == (
        original.delegation_id, AmendmentKind.MODIFY, "Plus ambitieux.")
    assert new.rebased_from_id == original.id and new.state is AmendmentState.SUBMITTED
    # The new diff is against the chair's text: Mexico's change, and nothing of the chair's.
    assert diff_from_json(new.diff or "") == [
        Change(EQUAL, "Prie le Secrétariat général de "),
        Change(DELETE, "continuer à fournir une "),
        Change(INSERT, "renforcer l\u2019"),
        Change(EQUAL, "assistance technique "),
        Change(INSERT, "fournie "),
        Change(EQUAL, "aux États membres et aux sous-régions qui en font la demande\u00a0;"),
    ]
    assert sorted(d.code for d in new.supporters) == ["CAN", "CHL"]
    # The original keeps what Mexico sent, forever, and says where it went.
    world.session.expire_all()
    assert original.state is AmendmentState.SUPERSEDED
    assert (original.base_version_id, original.diff, original.proposed_text) == (
        base_before, diff_before, PROPOSED)
    assert str(new.number) in original.resolution_note
    assert world.session.scalars(select(AmendmentSupport).where(
        AmendmentSupport.amendment_id == original.id)).all()
    actions = world.session.scalars(select(RecordEntry.action)).all()
    assert "proposal_rebased" in actions


def test_conflict_leaves_the_original_open_and_flagged(world: World) -> None:
    original = _stale_proposal(world, REWRITTEN)

    outcome = rebase_proposal(world.session, world.negotiation, SECRETARIAT, original, world.now)

    assert outcome.status == "conflict" and outcome.proposal is None
    world.session.expire_all()
    assert original.state is AmendmentState.SUBMITTED
    assert original.conflicts_with_version_id == original.paragraph.current_version.id
    assert original.proposed_text == PROPOSED and original.base_version.text == BASE
    assert world.session.scalars(select(Amendment).where(
        Amendment.rebased_from_id == original.id)).all() == []
    assert "proposal_rebase_conflict" in world.session.scalars(select(RecordEntry.action)).all()


def test_current_text_already_reading_as_proposed_settles_it(world: World) -> None:
    original = _stale_proposal(world, PROPOSED)
    outcome = rebase_proposal(world.session, world.negotiation, CHAIR, original, world.now)
    assert outcome.status == "already_in_text"
    assert original.state is AmendmentState.SETTLED
    assert original.resolved_by_version_id == original.paragraph.current_version.id


@pytest.mark.parametrize("who", ["observer", "other delegation"])
def test_only_proposer_chair_or_secretariat_may_rebase(world: World, who: str) -> None:
    original = _stale_proposal(world, COMPROMISE)
    actor = OBSERVER if who == "observer" else world.delegate("CAN")
    with pytest.raises(NotPermitted):
        rebase_proposal(world.session, world.negotiation, actor, original, world.now)
    assert original.state is AmendmentState.SUBMITTED


def test_a_proposal_on_the_current_text_is_not_rebased(world: World) -> None:
    paragraph = world.paragraphs["op1"]
    amendment = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To urge member states to strengthen cooperation.",
    ).amendment
    with pytest.raises(InvalidSubmission):
        rebase_proposal(world.session, world.negotiation, CHAIR, amendment, world.now)


def test_the_word_text_says_a_proposal_waits_on_an_older_version(world: World) -> None:
    """Under an open proposal written on a version since changed, the Word comparison text
    says so, and that it could not be re-applied when re-basing met a conflict."""
    original = _stale_proposal(world, REWRITTEN)
    rebase_proposal(world.session, world.negotiation, SECRETARIAT, original, world.now)
    world.session.expire_all()
    docx = comparison_docx(build_comparison(world.session, world.negotiation, world.now))
    text = "\n".join(p.text for p in Document(BytesIO(docx)).paragraphs)
    assert ("Written on version 1 of the paragraph, which has changed since; shown against its "
            "own base. It could not be re-applied to the current text (conflict).") in text
