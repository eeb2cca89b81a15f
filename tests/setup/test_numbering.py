"""Paragraph numbers stay as circulated: later paragraphs read "7 bis" until renumbering."""

from __future__ import annotations

import pytest

from negotiation.draft.circulation import circulate_revision
from negotiation.draft.drafting import labels, paragraphs_of
from negotiation.draft.writing import add_paragraph
from negotiation.enums import ParagraphKind
from negotiation.proposals.submissions import submit_new_paragraph
from tests.builders import CHAIR, World

# The chair is still writing the draft: rev. 0 is not circulated yet.
pytestmark = pytest.mark.first_draft


def _labels(world: World) -> dict[str, str]:
    label_of = labels(paragraphs_of(world.session, world.negotiation))
    return {key: label_of[p.id] for key, p in world.paragraphs.items()}


def _propose(world: World, key: str, code: str, after: str, text: str) -> None:
    world.paragraphs[key] = submit_new_paragraph(
        world.session, world.negotiation, world.delegate(code), world.sections["tip"],
        ParagraphKind.OPERATIVE, text, world.now, after=world.paragraphs[after],
    ).amendment.paragraph


def test_before_circulation_the_draft_is_numbered_in_order(world: World) -> None:
    before = _labels(world)
    assert [before[k] for k in ("pp1", "pp2", "op1", "op2", "op3", "op3a", "jid1", "cifta3")
            ] == ["PP1", "PP2", "1", "2", "3", "3 (a)", "4", "7"]
    add_paragraph(world.session, world.sections["tip"], ParagraphKind.OPERATIVE,
                  "To invite observers to share good practices.", CHAIR, world.now,
                  after=world.paragraphs["op1"])
    # Not circulated yet: the chair's new paragraph simply takes its place in the order.
    assert _labels(world)["op2"] == "3"


def test_new_paragraphs_after_circulation_do_not_renumber_the_others(world: World) -> None:
    circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    _propose(world, "peru", "PER", "op1", "To encourage victim-centred approaches.")
    _propose(world, "chile", "CHL", "op1", "To promote regional shelters for victims.")
    mandate = add_paragraph(world.session, world.sections["tip"], ParagraphKind.SUBPARAGRAPH,
                            "Publish a yearly report;", CHAIR, world.now,
                            parent=world.paragraphs["op3"], after=world.paragraphs["op3b"])
    world.paragraphs["op3b+"] = mandate

    after = _labels(world)
    assert (after["op1"], after["chile"], after["peru"], after["op2"]) == (
        "1", "1 bis", "1 ter", "2")
    assert (after["op3b"], after["op3b+"], after["op3c"]) == ("3 (b)", "3 (b bis)", "3 (c)")
    assert (after["jid1"], after["cifta3"]) == ("4", "7")

    # The next revision keeps every number, the inserted ones included.
    rev1 = circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    by_paragraph = {e.paragraph_id: e.label for e in rev1.entries}
    assert by_paragraph[world.paragraphs["peru"].id] == "1 ter"
    assert by_paragraph[world.paragraphs["op2"].id] == "2"
    assert world.paragraphs["peru"].number == "1 ter"

    # Only the chair's renumbering numbers the draft in order again.
    rev2 = circulate_revision(world.session, world.negotiation, CHAIR, world.now,
                              renumber=True)
    by_paragraph = {e.paragraph_id: e.label for e in rev2.entries}
    assert [by_paragraph[world.paragraphs[k].id] for k in ("op1", "chile", "peru", "op2")] == [
        "1", "2", "3", "4"]
    assert by_paragraph[world.paragraphs["op3b+"].id] == "5 (c)"
    assert _labels(world)["op2"] == "4"
