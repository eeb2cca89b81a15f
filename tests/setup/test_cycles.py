"""A new cycle starts from last cycle's resolution, and a document compares the two."""

from __future__ import annotations

import pytest

from negotiation.chairing.decisions import decide, triage_section
from negotiation.documents.formats import render_revisions
from negotiation.draft.drafting import labels, paragraphs_of, sections_of
from negotiation.errors import InvalidSubmission, RefusedTransition
from negotiation.models import Negotiation
from negotiation.setup import sections, structure
from negotiation.setup.cycles import (
    compare_with_previous,
    previous_cycles,
    start_from_previous,
)
from tests.builders import CHAIR, World

APPROVED = ("pp1", "op1", "op3", "op3a", "op3b", "cifta1", "cifta2")


@pytest.fixture
def adopted(world: World) -> Negotiation:
    """The 2023-2024 cycle after its meetings: some paragraphs approved, others not."""
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    for key in APPROVED:
        decide(world.session, world.negotiation, CHAIR, world.paragraphs[key], "approve",
               world.now)
    return world.negotiation


def test_the_next_cycle_starts_from_the_approved_text(
    world: World, adopted: Negotiation, next_cycle: Negotiation
) -> None:
    s, now = world.session, world.now
    assert previous_cycles(s, next_cycle) == [adopted]
    outcome = start_from_previous(s, next_cycle, adopted, CHAIR, now)
    assert outcome.changed and (outcome.sections, outcome.paragraphs) == (3, 7)

    draft = paragraphs_of(s, next_cycle)
    label_of = labels(draft)
    assert [label_of[p.id] for p in draft] == ["PP1", "1", "2", "2 (a)", "2 (b)", "3", "4"]
    assert [p.text for p in draft] == [world.paragraphs[k].text for k in APPROVED]
    assert [p.carried_from_id for p in draft] == [world.paragraphs[k].id for k in APPROVED]
    assert {p.state.value for p in draft} == {"proposed"}
    assert [(x.code, x.kind, x.area) for x in sections_of(s, next_cycle)] == [
        (x.code, x.kind, x.area) for x in sections_of(s, adopted)]

    again = start_from_previous(s, next_cycle, adopted, CHAIR, now)
    assert not again.changed and len(paragraphs_of(s, next_cycle)) == 7


def test_this_years_draft_is_compared_with_last_years_resolution(
    world: World, adopted: Negotiation, next_cycle: Negotiation
) -> None:
    s, now = world.session, world.now
    start_from_previous(s, next_cycle, adopted, CHAIR, now)
    by_origin = {p.carried_from_id: p for p in paragraphs_of(s, next_cycle)}
    op1 = by_origin[world.paragraphs["op1"].id]
    structure.edit_draft_paragraph(
        s, next_cycle, CHAIR, op1, "To urge member states to strengthen cooperation against "
        "trafficking in persons and smuggling of migrants.", now,
        written_on=op1.current_version.id)
    structure.remove_paragraph(s, next_cycle, CHAIR, by_origin[world.paragraphs["cifta2"].id],
                               now)
    cifta = next(x for x in sections_of(s, next_cycle) if x.code == "cifta")
    structure.add_draft_paragraph(s, next_cycle, CHAIR, cifta, "operative",
                                  "To welcome the entry into force of the CIFTA model law.", now)

    comparison = compare_with_previous(s, next_cycle, adopted, now)
    status = {c.changes[0].text if c.status in ("added", "removed") else c.label_to: c.status
              for c in comparison.paragraphs}
    assert status["1"] == "changed" and status["PP1"] == "unchanged"
    assert status[world.paragraphs["cifta2"].text] == "removed"
    assert status["To welcome the entry into force of the CIFTA model law."] == "added"
    assert comparison.symbol_from == "CP/CSH-2251/24 (2023-2024)"
    assert comparison.header.document == (
        "Comparison of the 2024-2025 draft with the 2023-2024 resolution")
    assert not any(c.moved for c in comparison.paragraphs)
    page = render_revisions(comparison, "html").decode()
    assert "smuggling of migrants" in page and "CIFTA model law" in page
    assert render_revisions(comparison, "docx").startswith(b"PK")


def test_a_draft_with_paragraphs_or_another_committee_is_refused(
    world: World, adopted: Negotiation, next_cycle: Negotiation
) -> None:
    s, now = world.session, world.now
    sections.add_section(s, next_cycle, CHAIR, now, title="Cybersecurity",
                          kind=sections_of(s, adopted)[0].kind, area=6)
    structure.add_draft_paragraph(s, next_cycle, CHAIR, sections_of(s, next_cycle)[0],
                                  "operative", "To act.", now)
    with pytest.raises(RefusedTransition, match=r"already has paragraphs \(1\)"):
        start_from_previous(s, next_cycle, adopted, CHAIR, now)
    next_cycle.committee = "CAJP"
    with pytest.raises(InvalidSubmission, match="same committee"):
        start_from_previous(s, next_cycle, adopted, CHAIR, now)
