"""The chair writes the first draft: sections and paragraphs before rev. 0, then frozen."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from negotiation.draft.capcheck import cap_reports
from negotiation.draft.circulation import circulate_revision
from negotiation.draft.drafting import labels, paragraphs_of, sections_of
from negotiation.enums import AmendmentKind, ParagraphKind, SectionKind
from negotiation.errors import InvalidSubmission, NotPermitted, RefusedTransition, StaleEdit
from negotiation.models import Amendment, Paragraph, ParagraphVersion, RecordEntry, Section
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from negotiation.setup import sections, structure
from tests.builders import CHAIR, SECRETARIAT, World

# The chair is still writing the draft: rev. 0 is not circulated yet.
pytestmark = pytest.mark.first_draft


def _texts(world: World, section: Section) -> list[tuple[str, str]]:
    everything = paragraphs_of(world.session, world.negotiation)
    label_of = labels(everything)
    return [(label_of[p.id], p.text) for p in everything if p.section_id == section.id]


def _actions(world: World) -> list[str]:
    return list(world.session.scalars(select(RecordEntry.action).order_by(RecordEntry.id)))


def test_the_chair_builds_a_section_with_its_paragraphs_and_sees_its_caps(world: World) -> None:
    s, n, now = world.session, world.negotiation, world.now
    cyber = sections.add_section(s, n, CHAIR, now, title="Cybersecurity",
                                  kind=SectionKind.ITEM, area=6)
    assert (cyber.code, cyber.position) == ("cybersecurity", 4)
    op = structure.add_draft_paragraph(s, n, CHAIR, cyber, "operative",
                                       "To urge member states to adopt national strategies.", now)
    mandates = structure.add_draft_paragraph(s, n, CHAIR, cyber, "mandates",
                                             "To request the General Secretariat to:", now)
    for text in ("Hold a workshop;", "Publish a guide;", "Map incidents;", "Report back."):
        structure.add_draft_paragraph(s, n, CHAIR, cyber, "subparagraph", text, now,
                                      parent=mandates)
    # A preambular paragraph written last still goes before the operative part.
    structure.add_draft_paragraph(s, n, CHAIR, cyber, "preambular",
                                  "RECOGNIZING the growth of cyber threats;", now)

    assert _texts(world, cyber) == [
        ("PP3", "RECOGNIZING the growth of cyber threats;"),
        ("8", "To urge member states to adopt national strategies."),
        ("9", "To request the General Secretariat to:"),
        ("9 (a)", "Hold a workshop;"), ("9 (b)", "Publish a guide;"),
        ("9 (c)", "Map incidents;"), ("9 (d)", "Report back."),
    ]
    report = next(r for r in cap_reports(s, n, now) if r.code == "cybersecurity")
    assert report.summary == "preambular 1/3, operative 2/3"
    assert report.breaches == [
        "Cybersecurity: mandates paragraph 9 has 4 sub-paragraphs, the cap is 3"]
    assert _actions(world).count("draft_paragraph_added") == 7
    assert "draft_section_added" in _actions(world)
    assert op.is_mandates is False and mandates.is_mandates is True


def test_edit_move_change_and_remove_before_circulation(world: World) -> None:
    s, n, now, p = world.session, world.negotiation, world.now, world.paragraphs
    tip, cifta = world.sections["tip"], world.sections["cifta"]
    structure.edit_draft_paragraph(s, n, CHAIR, p["op2"], "To encourage sharing of routes.",
                                   now, written_on=p["op2"].current_version.id)
    with pytest.raises(StaleEdit):
        structure.edit_draft_paragraph(s, n, CHAIR, p["op2"], "Older", now,
                                       written_on=p["op2"].versions[0].id)
    structure.move_paragraph(s, n, CHAIR, p["op2"], -1, now)
    structure.move_paragraph(s, n, CHAIR, p["pp2"], -1, now)
    with pytest.raises(InvalidSubmission, match="already at that end"):
        # The first operative paragraph does not climb into the preamble.
        structure.move_paragraph(s, n, CHAIR, p["op2"], -1, now)
    structure.move_to_section(s, n, CHAIR, p["op1"], cifta, now)
    structure.change_kind(s, n, CHAIR, p["op1"], "preambular", now)
    structure.remove_paragraph(s, n, CHAIR, p["op3"], now)

    assert [t for _, t in _texts(world, tip)] == [
        "NOTING WITH CONCERN that trafficking in persons affects women and girls;",
        "RECALLING the Inter-American Convention on trafficking in persons;",
        "To encourage sharing of routes."]
    assert _texts(world, cifta)[0] == (
        "PP3", "To urge member states to strengthen cooperation against trafficking in persons.")
    gone = [p["op3"].id, p["op3a"].id]
    assert s.scalars(select(Paragraph).where(Paragraph.id.in_(gone))).all() == []
    assert s.scalars(select(ParagraphVersion).where(
        ParagraphVersion.paragraph_id.in_(gone))).all() == []
    removed = s.scalars(select(RecordEntry).where(
        RecordEntry.action == "draft_paragraph_removed")).one()
    assert "To request the General Secretariat to:" in removed.summary


def test_sections_are_reordered_edited_and_removed_only_when_empty(world: World) -> None:
    s, n, now = world.session, world.negotiation, world.now
    sections.move_section(s, n, CHAIR, world.sections["cifta"], -1, now)
    assert [x.code for x in sections_of(s, n)] == ["trafficking-in-persons", "cifta", "jid"]
    with pytest.raises(InvalidSubmission, match="still has paragraphs"):
        sections.remove_section(s, n, CHAIR, world.sections["tip"], now)
    empty = sections.add_section(s, n, CHAIR, now, title="JID bis", kind=SectionKind.ENTITY)
    sections.edit_section(s, n, CHAIR, empty, now, title="Landmines",
                           kind=SectionKind.ITEM, area=2)
    assert (empty.title, empty.kind, empty.area) == ("Landmines", SectionKind.ITEM, 2)
    sections.remove_section(s, n, CHAIR, empty, now)
    assert [x.code for x in sections_of(s, n)] == ["trafficking-in-persons", "cifta", "jid"]
    for p in world.paragraphs.values():
        if p.section_id == world.sections["jid"].id and p.parent_id is None:
            structure.remove_paragraph(s, n, CHAIR, p, now)
    with pytest.raises(InvalidSubmission, match="deadline"):
        sections.remove_section(s, n, CHAIR, world.sections["jid"], now)


@pytest.mark.parametrize(("title", "kind", "area", "message"), [
    ("", SectionKind.ITEM, 3, "title"),
    ("Landmines", SectionKind.ITEM, None, "thematic areas"),
    ("Landmines", SectionKind.ITEM, 9, "thematic areas"),
])
def test_bad_sections_are_refused_and_change_nothing(
    world: World, title: str, kind: SectionKind, area: int | None, message: str
) -> None:
    with pytest.raises(InvalidSubmission, match=message):
        sections.add_section(world.session, world.negotiation, CHAIR, world.now,
                              title=title, kind=kind, area=area)
    assert len(sections_of(world.session, world.negotiation)) == 3


def test_only_the_chair_drafts(world: World) -> None:
    with pytest.raises(NotPermitted):
        structure.add_draft_paragraph(world.session, world.negotiation, SECRETARIAT,
                                      world.sections["tip"], "operative", "To act.", world.now)
    with pytest.raises(InvalidSubmission, match="under a mandates paragraph"):
        structure.add_draft_paragraph(world.session, world.negotiation, CHAIR,
                                      world.sections["tip"], "subparagraph", "Act;", world.now,
                                      parent=world.paragraphs["op1"])


def test_circulating_rev_0_freezes_the_draft(world: World) -> None:
    s, n, now, p = world.session, world.negotiation, world.now, world.paragraphs
    circulate_revision(s, n, CHAIR, now, note="First draft")
    acts = [
        lambda: sections.add_section(s, n, CHAIR, now, title="Cyber", kind=SectionKind.ENTITY),
        lambda: structure.add_draft_paragraph(s, n, CHAIR, world.sections["tip"], "operative",
                                              "To act.", now),
        lambda: structure.edit_draft_paragraph(s, n, CHAIR, p["op1"], "To act.", now,
                                               written_on=p["op1"].current_version.id),
        lambda: structure.move_paragraph(s, n, CHAIR, p["op2"], -1, now),
        lambda: structure.remove_paragraph(s, n, CHAIR, p["op1"], now),
        lambda: sections.move_section(s, n, CHAIR, world.sections["cifta"], -1, now),
    ]
    for act in acts:
        with pytest.raises(RefusedTransition, match=r"rev\. 0\) has been circulated"):
            act()
    assert p["op1"].text.startswith("To urge member states to strengthen")
    assert [x.code for x in sections_of(s, n)] == ["trafficking-in-persons", "jid", "cifta"]


def test_proposals_open_only_when_rev_0_is_circulated(world: World) -> None:
    s, n, now, p = world.session, world.negotiation, world.now, world.paragraphs

    def comment() -> object:
        return submit_proposal(s, n, world.delegate("MEX"), p["op1"], AmendmentKind.COMMENT,
                               now, written_on=p["op1"].current_version.id, comment="Too broad.")

    with pytest.raises(RefusedTransition, match=r"not circulated the first draft \(rev\. 0\)"):
        comment()
    with pytest.raises(RefusedTransition, match="not circulated"):
        submit_new_paragraph(s, n, world.delegate("PER"), world.sections["tip"],
                             ParagraphKind.OPERATIVE, "To act.", now)
    assert s.scalars(select(Amendment)).all() == []
    revision = structure.circulate_first_draft(s, n, CHAIR, now)
    assert (revision.number, revision.note) == (0, "First draft")
    comment()
    assert len(s.scalars(select(Amendment)).all()) == 1
    with pytest.raises(RefusedTransition, match="again"):
        structure.circulate_first_draft(s, n, CHAIR, now)
