"""Two revisions compared: paragraphs changed, added, removed, moved and renumbered."""

from __future__ import annotations

from negotiation.chairing.proposal_decisions import accept_proposal
from negotiation.documents.revision_comparison import compare_revisions
from negotiation.draft.circulation import circulate_revision
from negotiation.text.diffs import DELETE, INSERT, Change
from tests.builders import CHAIR, World
from tests.documents.scenario import NEW_TEXT, negotiated


def test_revision_comparison_says_what_became_of_each_paragraph(world: World) -> None:
    scenario = negotiated(world)
    session, p = world.session, world.paragraphs
    accept_proposal(session, world.negotiation, CHAIR, scenario.modify, world.now)  # op1 text
    accept_proposal(session, world.negotiation, CHAIR, scenario.delete, world.now)  # pp2 goes
    # The chair puts the CIFTA section's third paragraph first (no other paragraph moves).
    p["cifta3"].position = p["cifta1"].position - 500
    session.flush()
    # The chair renumbers the draft in this revision: the new paragraph becomes 2.
    rev1 = circulate_revision(session, world.negotiation, CHAIR, world.now, renumber=True)

    comparison = compare_revisions(session, scenario.rev0, rev1)
    by_id = {c.paragraph_id: c for c in comparison.paragraphs}

    assert (comparison.symbol_from, comparison.symbol_to) == (
        "CP/CSH-2251/24", "CP/CSH-2251/24 rev. 1")
    assert [c.paragraph_id for c in comparison.by_status("removed")] == [p["pp2"].id]
    assert by_id[p["pp2"].id].notes == ["removed"]
    assert by_id[p["pp2"].id].changes == [Change(DELETE, p["pp2"].text)]
    (added,) = comparison.by_status("added")
    assert added.changes == [Change(INSERT, NEW_TEXT)] and added.label_to == "2"
    assert [c.paragraph_id for c in comparison.by_status("changed")] == [p["op1"].id]
    assert Change(INSERT, "deepen") in by_id[p["op1"].id].changes
    assert "text changed" in by_id[p["op1"].id].notes
    assert [c.paragraph_id for c in comparison.moved] == [p["cifta3"].id]
    assert by_id[p["cifta3"].id].notes[0].startswith("moved (was")
    # op2 only shifted because a new paragraph came before it: renumbered, not moved.
    assert by_id[p["op2"].id].status == "unchanged" and not by_id[p["op2"].id].moved
    assert by_id[p["op2"].id].notes[0] == "renumbered (was 2)"
    # The removed paragraph stays where it was: right after PP1.
    order = [c.paragraph_id for c in comparison.paragraphs]
    assert order.index(p["pp2"].id) == order.index(p["pp1"].id) + 1
    assert comparison.header.document == "Comparison of CP/CSH-2251/24 rev. 1 with CP/CSH-2251/24"
