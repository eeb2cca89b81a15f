"""A paragraph's label read alone, or one section's labels, say what numbering the whole
draft says: pages that show one paragraph or one section must not renumber differently."""

from __future__ import annotations

import pytest

from negotiation.chairing.decisions import decide
from negotiation.draft.capcheck import cap_reports, section_report
from negotiation.draft.drafting import label_of, labels, numbering_of, paragraphs_of
from negotiation.draft.sectionnumbers import label_in_section, section_numbering
from negotiation.enums import ParagraphKind
from negotiation.proposals.submissions import submit_new_paragraph, withdraw_proposal
from tests.builders import CHAIR, World, chair_paragraph


def _read_by_section(world: World) -> dict[int, str]:
    """Every paragraph's label as the pages of one paragraph and of one section read it:
    with their section only."""
    found: dict[int, str] = {}
    for section in world.sections.values():
        found.update(section_numbering(world.session, section).label_of)
    return found


def _shake(world: World) -> None:
    """Paragraphs that leave the draft, a new one in the middle, one more mandate."""
    session, now = world.session, world.now
    new = submit_new_paragraph(session, world.negotiation, world.delegate("MEX"),
                               world.sections["tip"], ParagraphKind.PREAMBULAR,
                               "RECOGNIZING the work of the ministers;", now,
                               after=world.paragraphs["pp1"]).amendment
    gone = submit_new_paragraph(session, world.negotiation, world.delegate("CAN"),
                                world.sections["jid"], ParagraphKind.OPERATIVE,
                                "To thank the Board.", now).amendment
    withdraw_proposal(session, world.negotiation, world.delegate("CAN"), gone, now)
    chair_paragraph(world, "op3d", ParagraphKind.SUBPARAGRAPH, "Publish the findings.",
                    parent=world.paragraphs["op3"])
    world.paragraphs["new"] = new.paragraph
    world.after_deadline()
    for key in ("op2", "op3b"):
        decide(session, world.negotiation, CHAIR, world.paragraphs[key], "delete_by_agreement",
               world.now, reason="Merged into another paragraph")
    session.flush()


def test_one_paragraphs_label_is_its_label_in_the_whole_draft(world: World) -> None:
    _shake(world)
    draft = paragraphs_of(world.session, world.negotiation)
    whole = labels(draft)
    # Numbers stay as circulated in rev. 0: what came later reads "bis".
    assert whole[world.paragraphs["new"].id] == "PP1 bis"
    assert whole[world.paragraphs["op3d"].id] == "3 (c bis)"
    assert {p.id: label_of(world.session, p) for p in draft} == whole
    assert {p.id: label_in_section(world.session, p) for p in draft} == whole
    assert _read_by_section(world) == whole


def test_a_sections_labels_continue_from_the_sections_before(world: World) -> None:
    # A new paragraph whose kind has no numbered paragraph in its own section: it follows
    # the last numbered one of the sections before ("PP2 bis", not "PP3").
    late = submit_new_paragraph(world.session, world.negotiation, world.delegate("MEX"),
                                world.sections["cifta"], ParagraphKind.PREAMBULAR,
                                "RECALLING the Convention;", world.now).amendment.paragraph
    _shake(world)
    draft = paragraphs_of(world.session, world.negotiation)
    whole = labels(draft)
    assert whole[late.id] == "PP2 bis"
    assert label_of(world.session, late) == "PP2 bis"
    assert label_in_section(world.session, late) == "PP2 bis"
    assert _read_by_section(world) == whole
    numbering = numbering_of(world.session, world.negotiation.id)
    assert numbering.label_of == whole
    assert whole[world.paragraphs["cifta1"].id] == "5"


def test_one_sections_caps_read_alone_are_its_caps_in_the_whole_draft(world: World) -> None:
    _shake(world)
    for n in range(3):  # the mandates paragraph over its sub-paragraph cap, named by label
        chair_paragraph(world, f"op3-{n}", ParagraphKind.SUBPARAGRAPH, f"Act {n}.",
                        parent=world.paragraphs["op3"])
    whole = {r.code: r for r in cap_reports(world.session, world.negotiation, world.now)}
    assert any("mandates paragraph 3 has" in b for b in whole["trafficking-in-persons"].breaches)
    for section in world.sections.values():
        assert section_report(world.session, world.negotiation, section, world.now) \
            == whole[section.code]


def test_a_kind_numbered_only_in_a_later_section_is_numbered_there(world: World) -> None:
    # Every numbered operative paragraph before the CIFTA section leaves the draft: a new
    # one in the first section comes before every numbered one ("0 bis"), not "1".
    early = submit_new_paragraph(world.session, world.negotiation, world.delegate("MEX"),
                                 world.sections["tip"], ParagraphKind.OPERATIVE,
                                 "To welcome the plan.", world.now).amendment.paragraph
    _shake(world)
    for key in ("op1", "op3", "jid1"):
        decide(world.session, world.negotiation, CHAIR, world.paragraphs[key],
               "delete_by_agreement", world.now, reason="Merged into another paragraph")
    world.session.flush()
    whole = labels(paragraphs_of(world.session, world.negotiation))
    assert _read_by_section(world) == whole
    assert whole[early.id] == "0 bis"
    assert label_in_section(world.session, early) == "0 bis"


@pytest.mark.first_draft
def test_before_circulation_a_section_counts_on_from_the_sections_before(world: World) -> None:
    late = chair_paragraph(world, "cifta-pp", ParagraphKind.PREAMBULAR,
                           "RECALLING the Convention;", "cifta")
    world.session.flush()
    whole = labels(paragraphs_of(world.session, world.negotiation))
    assert whole[late.id] == "PP3"  # after the two of the first section
    assert _read_by_section(world) == whole
    assert label_in_section(world.session, late) == whole[late.id]


def test_paragraphs_that_came_in_after_the_last_number_carry_over_to_later_sections(
    world: World,
) -> None:
    # After PP2, the last numbered preambular paragraph, one new in its own section and
    # one in CIFTA: "PP2 bis", then "PP2 ter", whichever page reads them.
    after_pp2 = submit_new_paragraph(world.session, world.negotiation, world.delegate("MEX"),
                                     world.sections["tip"], ParagraphKind.PREAMBULAR,
                                     "NOTING the report;", world.now,
                                     after=world.paragraphs["pp2"]).amendment.paragraph
    late = submit_new_paragraph(world.session, world.negotiation, world.delegate("CAN"),
                                world.sections["cifta"], ParagraphKind.PREAMBULAR,
                                "RECALLING the Convention;", world.now).amendment.paragraph
    _shake(world)  # and "PP1 bis" before PP2, which does not count after it
    whole = labels(paragraphs_of(world.session, world.negotiation))
    assert (whole[after_pp2.id], whole[late.id]) == ("PP2 bis", "PP2 ter")
    assert label_in_section(world.session, late) == "PP2 ter"
    assert _read_by_section(world) == whole
