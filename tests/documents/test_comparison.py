"""The consolidated comparison text: groups and order of the procedure, proposers, filters."""

from __future__ import annotations

from negotiation.chairing.proposal_decisions import write_compromise
from negotiation.documents.comparison import build_comparison
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import AmendmentKind
from negotiation.text.diffs import DELETE, INSERT, Change
from tests.builders import CHAIR, World
from tests.documents.scenario import NEW_TEXT, negotiated


def test_groups_in_the_procedures_order_with_sections_in_draft_order(world: World) -> None:
    negotiated(world)
    text = build_comparison(world.session, world.negotiation, world.now)

    assert [g.key for g in text.groups] == ["consensus", "amended", "new"]
    consensus, amended, new = text.groups
    assert [s.code for s in consensus.sections] == ["trafficking-in-persons", "jid", "cifta"]
    assert [p.label for p in consensus.sections[0].paragraphs] == [
        "PP1", "2", "3", "3 (a)", "3 (b)", "3 (c)"]
    assert [(s.code, [p.label for p in s.paragraphs]) for s in amended.sections] == [
        ("trafficking-in-persons", ["PP2", "1"])]
    assert [(s.code, [p.label for p in s.paragraphs]) for s in new.sections] == [
        ("trafficking-in-persons", ["1 bis"])]
    # Each section carries its cap count.
    assert consensus.sections[0].cap_summary == "preambular 2/3, operative 4/3"
    assert consensus.sections[0].breaches
    assert consensus.sections[2].cap_summary.startswith("paragraphs 3/")


def test_proposals_name_proposers_and_supporters_with_tracked_changes(world: World) -> None:
    negotiated(world)
    text = build_comparison(world.session, world.negotiation, world.now)
    by_label = {p.label: p for p in text.paragraphs()}

    (modify,) = by_label["1"].proposals
    assert modify.kind is AmendmentKind.MODIFY
    assert (modify.delegation, modify.supporters) == ("Mexico", ["Canada"])
    assert modify.proposers == "Mexico, joined by Canada"
    assert Change(DELETE, "strengthen") in modify.changes
    assert Change(INSERT, "and information exchange ") in modify.changes
    assert modify.comment == "Information exchange is where cooperation starts."
    assert not modify.written_on_older_version

    (delete,) = by_label["PP2"].proposals
    assert (delete.kind, delete.delegation, delete.comment) == (
        AmendmentKind.DELETE, "Chile", "Covered by PP1.")
    (remark,) = by_label["2"].proposals
    assert (remark.kind, remark.delegation) == (AmendmentKind.COMMENT, "Barbados")

    new = by_label["1 bis"]
    assert new.proposer == "Peru" and new.text == NEW_TEXT
    (proposal,) = new.proposals
    assert proposal.proposers == "Peru, joined by Mexico"
    assert proposal.changes == [Change(INSERT, NEW_TEXT)]
    # People cite proposals by their number in the negotiation, in the order sent.
    assert [modify.number, delete.number, remark.number, proposal.number] == [1, 2, 3, 4]


def test_older_version_proposals_are_flagged_and_shown_against_their_own_base(
    world: World,
) -> None:
    scenario = negotiated(world)
    op1 = world.paragraphs["op1"]
    write_compromise(world.session, world.negotiation, CHAIR, op1,
                     "To urge member states to strengthen cooperation against trafficking in "
                     "persons and smuggling of migrants.", world.now,
                     written_on=op1.current_version.id, settles=[])
    text = build_comparison(world.session, world.negotiation, world.now)
    view = next(p for p in text.paragraphs() if p.id == op1.id)
    (proposal,) = view.proposals
    assert proposal.id == scenario.modify.id
    assert proposal.written_on_older_version and proposal.base_version_number == 1
    assert view.version_number == 2 and "smuggling" in view.text
    assert "smuggling" not in "".join(c.text for c in proposal.changes)


def test_one_delegation_and_one_section(world: World) -> None:
    negotiated(world)
    mexico = build_comparison(world.session, world.negotiation, world.now,
                              delegation=world.delegations["MEX"])
    assert [p.label for p in mexico.paragraphs()] == ["1", "1 bis"]  # proposed, and joined
    assert mexico.header.scope == "Proposals of Mexico"
    jid = build_comparison(world.session, world.negotiation, world.now,
                           section=world.sections["jid"])
    assert [(g.key, [s.code for s in g.sections]) for g in jid.groups] == [
        ("consensus", ["jid"]), ("amended", []), ("new", [])]


def test_header_and_a_revision_as_circulated(world: World) -> None:
    scenario = negotiated(world)
    live = build_comparison(world.session, world.negotiation, world.now)
    header = live.header
    assert (header.committee_name, header.symbol, header.date, header.original) == (
        "Committee on Hemispheric Security", "CP/CSH-2251/24", "9 May 2024", "Original: English")
    assert header.title == world.negotiation.title

    rev1 = circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    assert build_comparison(world.session, world.negotiation, world.now
                            ).header.symbol == "CP/CSH-2251/24 rev. 1"
    # Rev. 0 was circulated before any proposal arrived: every paragraph, none proposed on.
    as_rev0 = build_comparison(world.session, world.negotiation, world.now,
                               revision=scenario.rev0)
    assert as_rev0.header.symbol == "CP/CSH-2251/24" and as_rev0.header.date == "21 March 2024"
    assert all(not p.proposals for p in as_rev0.paragraphs())
    # ... and none triaged yet: not headed "consensus in principle".
    assert [g.key for g in as_rev0.groups if g.sections] == ["proposed"]
    as_rev1 = build_comparison(world.session, world.negotiation, world.now, revision=rev1)
    assert sum(len(p.proposals) for p in as_rev1.paragraphs()) == 4


def test_each_paragraph_shows_its_state_and_an_approved_new_one_keeps_its_proposers(
    world: World,
) -> None:
    from negotiation.chairing.decisions import decide
    from negotiation.documents.html import comparison_html
    from negotiation.enums import ParagraphState

    scenario = negotiated(world)
    new_paragraph = scenario.new.paragraph
    decide(world.session, world.negotiation, CHAIR, new_paragraph, "approve", world.now,
           override_reason="Agreed in the room")
    text = build_comparison(world.session, world.negotiation, world.now)
    by_id = {p.id: p for p in text.paragraphs()}
    assert by_id[new_paragraph.id].state is ParagraphState.APPROVED
    assert by_id[new_paragraph.id].proposed_by == "Peru, joined by Mexico"
    assert by_id[world.paragraphs["pp1"].id].proposed_by == ""
    html = comparison_html(text)
    assert "[Approved]" in html and "Proposed by Peru, joined by Mexico" in html
    assert "[Modifications proposed]" in html and "[Consensus in principle]" in html


def test_mandates_stay_under_their_chapeau_and_untriaged_ones_are_not_in_consensus(
    world: World,
) -> None:
    from negotiation.proposals.submissions import submit_proposal

    mandate = world.paragraphs["op3b"]
    submit_proposal(world.session, world.negotiation, world.delegate("CAN"), mandate,
                    AmendmentKind.MODIFY, world.now, written_on=mandate.current_version.id,
                    text="Continue and expand training for border officials; and")
    text = build_comparison(world.session, world.negotiation, world.now)
    assert [g.key for g in text.groups] == ["proposed", "consensus", "amended", "new"]
    (untriaged, *_) = text.groups
    labels = [p.label for s in untriaged.sections for p in s.paragraphs]
    assert labels[labels.index("3"):labels.index("3") + 4] == ["3", "3 (a)", "3 (b)", "3 (c)"]
    assert all(not s.paragraphs for g in text.groups[1:] for s in g.sections)


def test_filter_by_state_and_the_whole_draft_in_one_view(world: World) -> None:
    from negotiation.enums import ParagraphState

    negotiated(world)
    amended = build_comparison(world.session, world.negotiation, world.now,
                               states=frozenset({ParagraphState.AMENDED}))
    assert [p.label for p in amended.paragraphs()] == ["PP2", "1"]
    assert amended.header.scope == "Paragraphs: modifications proposed"
    whole = build_comparison(world.session, world.negotiation, world.now, in_draft_order=True)
    assert [g.key for g in whole.groups] == ["draft"]
    labels = [p.label for p in whole.paragraphs()]
    # The draft's own order; the new paragraph, proposed after rev. 0, reads "1 bis".
    assert labels[:5] == ["PP1", "PP2", "1", "1 bis", "2"]
    assert sum(len(p.proposals) for p in whole.paragraphs()) == 4  # every open proposal
