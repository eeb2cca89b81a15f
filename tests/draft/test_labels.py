"""A paragraph's label read alone, or one section's labels, say what numbering the whole
draft says: pages that show one paragraph or one section must not renumber differently."""

from __future__ import annotations

from negotiation.chairing.decisions import decide
from negotiation.draft.capcheck import cap_reports, section_report
from negotiation.draft.drafting import label_of, labels, numbering_of, paragraphs_of
from negotiation.enums import ParagraphKind
from negotiation.proposals.submissions import submit_new_paragraph, withdraw_proposal
from tests.builders import CHAIR, World, chair_paragraph


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
