"""A whole cycle read at each stage: what each comparison text says it is, which group each
paragraph stands in (then, or today), and the proposals that shaped the text with their
fate, in the domain, on the web page and in the Word file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

import pytest
from docx import Document
from flask.testing import FlaskClient

from negotiation.chairing.decisions import decide, triage_section
from negotiation.chairing.proposal_decisions import accept_proposal, set_aside
from negotiation.documents.comparison import build_comparison
from negotiation.documents.parts import ComparisonText
from negotiation.documents.word.body import comparison_docx
from negotiation.draft.circulation import circulate_revision, revisions_of
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.models import Account, Amendment, Paragraph, Revision
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import (
    submit_new_paragraph,
    submit_proposal,
    withdraw_proposal,
)
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]

PERU_TEXT = "To encourage member states to adopt victim-centred approaches."
CHILE_TEXT = "To invite member states to share data on missing children."
GROUP_TITLES = {
    "consensus": "Paragraphs in consensus in principle",
    "amended": "Paragraphs with proposed modifications",
    "new": "New paragraphs proposed by delegations",
}


@dataclass
class Cycle:
    world: World
    rev0: Revision
    rev1: Revision
    modify: Amendment  # Mexico on op1, joined by Canada: accepted at the meeting
    delete: Amendment  # Chile asks to delete pp2: set aside at the meeting
    withdrawn: Amendment  # Canada's modification of op2, withdrawn before the deadline
    peru: Amendment  # Peru's new paragraph: approved at the meeting
    chile: Amendment  # Chile's new paragraph, sent a minute before the deadline: deferred



def run_cycle(world: World) -> Cycle:
    """Rev. 0 (21 March), proposals of every kind, a new paragraph a minute before the
    deadline, triage, rev. 1 (26 April); the meeting (9 May) is left to ``meet``."""
    session, negotiation, p = world.session, world.negotiation, world.paragraphs
    rev0 = revisions_of(session, negotiation)[0]
    world.clock.set(parse_moment("2024-04-10 10:00 America/New_York"))

    def send(code: str, key: str, kind: AmendmentKind, **extra: str) -> Amendment:
        return submit_proposal(session, negotiation, world.delegate(code), p[key], kind,
                               world.now, written_on=p[key].current_version.id,
                               **extra).amendment  # type: ignore[arg-type]

    modify = send("MEX", "op1", AmendmentKind.MODIFY,
                  text="To urge member states to deepen cooperation against trafficking.")
    join_proposal(session, negotiation, world.delegate("CAN"), modify, world.now)
    delete = send("CHL", "pp2", AmendmentKind.DELETE, comment="Covered by PP1.")
    send("BRB", "op2", AmendmentKind.COMMENT, comment="Name the Caribbean routes.")
    send("BRB", "pp1", AmendmentKind.SUPPORT)
    withdrawn = send("CAN", "op2", AmendmentKind.MODIFY,
                     text="To encourage member states to share data on trafficking routes.")
    withdraw_proposal(session, negotiation, world.delegate("CAN"), withdrawn, world.now)
    peru = submit_new_paragraph(session, negotiation, world.delegate("PER"),
                                world.sections["tip"], ParagraphKind.OPERATIVE, PERU_TEXT,
                                world.now, after=p["op1"]).amendment
    world.clock.set(parse_moment("2024-04-21 23:59 America/New_York"))
    chile = submit_new_paragraph(session, negotiation, world.delegate("CHL"),
                                 world.sections["tip"], ParagraphKind.OPERATIVE, CHILE_TEXT,
                                 world.now).amendment
    world.clock.set(parse_moment("2024-04-24 10:00 America/New_York"))
    for section in world.sections.values():
        triage_section(session, negotiation, CHAIR, section, world.now)
    world.clock.set(parse_moment("2024-04-26 10:00 America/New_York"))
    rev1 = circulate_revision(session, negotiation, CHAIR, world.now)
    return Cycle(world, rev0, rev1, modify, delete, withdrawn, peru, chile)


def meet(cycle: Cycle) -> None:
    """The meeting of 9 May: op2 approved (its modification withdrawn), Mexico's
    modification accepted and op1 approved, Chile's request to delete set aside and pp2
    approved, Peru's paragraph approved, Chile's returned to informal consultations."""
    world = cycle.world
    session, negotiation, p = world.session, world.negotiation, world.paragraphs
    world.clock.set(parse_moment("2024-05-09 10:00 America/New_York"))

    def approve(paragraph: Paragraph) -> None:
        decide(session, negotiation, CHAIR, paragraph, "approve", world.now,
               override_reason="Taken item by item")

    approve(p["op2"])
    accept_proposal(session, negotiation, CHAIR, cycle.modify, world.now)
    approve(p["op1"])
    set_aside(session, negotiation, CHAIR, cycle.delete, "Kept as a reminder of PP1.", world.now)
    approve(p["pp2"])
    approve(cycle.peru.paragraph)
    decide(session, negotiation, CHAIR, cycle.chile.paragraph, "return_to_consultations",
           world.now, reason="Consultations led by Chile")


def groups_of(text: ComparisonText) -> dict[int, str]:
    return {view.id: group.key for group in text.groups for section in group.sections
            for view in section.paragraphs}


def proposals_of(text: ComparisonText) -> dict[int, str]:
    """Each proposal shown, by number, with its fate as printed ("" while open)."""
    return {proposal.number: proposal.fate_label for view in text.paragraphs()
            for proposal in view.proposals}


def test_rev_0_says_it_holds_what_was_received_by_its_circulation(world: World) -> None:
    cycle = run_cycle(world)
    text = build_comparison(world.session, world.negotiation, world.now, revision=cycle.rev0)
    assert text.header.standing == (
        "Comparison text as of rev. 0, circulated 21 March 2024: the proposals received up "
        "to then, with what had become of them by that day")
    assert proposals_of(text) == {}
    assert {g.key for g in text.groups} == {"proposed", "consensus", "amended", "new"}


def test_rev_1_groups_what_was_proposed_by_its_circulation(world: World) -> None:
    cycle = run_cycle(world)
    p = world.paragraphs
    text = build_comparison(world.session, world.negotiation, world.now, revision=cycle.rev1)
    assert text.header.standing.startswith(
        "Comparison text as of rev. 1, circulated 26 April 2024: the proposals received")
    groups = groups_of(text)
    # Canada's modification marked op2 amended as it came, and its withdrawal kept it there.
    assert groups[p["op1"].id] == groups[p["pp2"].id] == groups[p["op2"].id] == "amended"
    assert groups[p["pp1"].id] == groups[p["op3"].id] == "consensus"
    # Both new paragraphs, the one sent a minute before the deadline too.
    assert groups[cycle.peru.paragraph_id] == groups[cycle.chile.paragraph_id] == "new"
    shown = proposals_of(text)
    assert shown[cycle.modify.number] == shown[cycle.chile.number] == ""
    assert shown[cycle.withdrawn.number] == "Withdrawn by the delegation"


def test_today_after_the_meeting_keeps_the_groups_and_each_proposal_with_its_fate(
    world: World,
) -> None:
    cycle = run_cycle(world)
    meet(cycle)
    p = world.paragraphs
    text = build_comparison(world.session, world.negotiation, world.now)
    assert text.header.standing == (
        "Comparison text as it stands today, 9 May 2024: every proposal received, with "
        "what became of it")
    groups = groups_of(text)
    assert groups[p["op1"].id] == groups[p["pp2"].id] == groups[p["op2"].id] == "amended"
    assert groups[p["pp1"].id] == "consensus"
    assert groups[cycle.peru.paragraph_id] == groups[cycle.chile.paragraph_id] == "new"
    shown = proposals_of(text)
    assert shown[cycle.modify.number] == "Accepted"
    assert shown[cycle.delete.number] == "Set aside"
    assert shown[cycle.peru.number] == "Approved"
    assert shown[cycle.chile.number] == ""  # deferred to consultations, still open
    by_id = {view.id: view for view in text.paragraphs()}
    assert by_id[p["op1"].id].state_label == "Approved"
    reasons = [prop.set_aside_reason for prop in by_id[p["pp2"].id].proposals]
    assert reasons == ["Kept as a reminder of PP1."]
    # Rev. 1, read after the meeting, still shows the proposals as they stood then.
    then = build_comparison(world.session, world.negotiation, world.now, revision=cycle.rev1)
    assert proposals_of(then)[cycle.modify.number] == ""
    # A revision circulated after the meeting keeps the approved paragraphs in their groups.
    rev2 = circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    after = groups_of(build_comparison(world.session, world.negotiation, world.now,
                                       revision=rev2))
    assert after[p["op1"].id] == "amended" and after[cycle.peru.paragraph_id] == "new"


def _word_lines(text: ComparisonText) -> list[str]:
    return [paragraph.text for paragraph in Document(BytesIO(comparison_docx(text))).paragraphs]


def test_word_file_shares_the_grouping_the_fates_and_what_it_is(world: World) -> None:
    cycle = run_cycle(world)
    meet(cycle)
    lines = _word_lines(build_comparison(world.session, world.negotiation, world.now))
    assert "Comparison text as it stands today, 9 May 2024: every proposal received, with " \
        "what became of it" in lines
    amended = lines.index("II. " + GROUP_TITLES["amended"])
    new = lines.index("III. " + GROUP_TITLES["new"])
    block = "\n".join(lines[amended:new])
    assert "Mexico" in block and "[Accepted]" in block and "[Set aside]" in block
    assert "Reason: Kept as a reminder of PP1." in block
    assert PERU_TEXT in "\n".join(lines[new:])
    assert "None." not in lines[new:new + 2]


@pytest.fixture
def cycle_met(world: World, accounts: dict[str, Account]) -> Cycle:
    cycle = run_cycle(world)
    meet(cycle)
    world.session.flush()
    return cycle


def _group_of_text(html: str, fragment: str) -> str:
    """The title of the group under which ``fragment`` first appears on the page."""
    place = html.index(fragment)
    before = {key: html.rfind(f'id="group-{key}"', 0, place) for key in GROUP_TITLES}
    return max(before, key=lambda key: before[key])


def test_pages_say_what_each_text_is_and_group_it_as_the_procedure_does(
    cycle_met: Cycle, client_as: Client
) -> None:
    client = client_as("secretariat")
    today = client.get(at("/documents/comparison"))
    assert today.status_code == 200
    html = today.get_data(as_text=True)
    assert "Comparison text as it stands today, 9 May 2024" in html
    assert _group_of_text(html, "Kept as a reminder of PP1.") == "amended"
    assert _group_of_text(html, PERU_TEXT) == "new"
    assert "[Accepted]" in html and "[Approved]" in html
    rev0 = client.get(at("/documents/comparison?revision=0")).get_data(as_text=True)
    assert "Comparison text as of rev. 0, circulated 21 March 2024: the proposals received " \
        "up to then" in rev0
    rev1 = client.get(at("/documents/comparison?revision=1")).get_data(as_text=True)
    assert _group_of_text(rev1, CHILE_TEXT) == "new"
    download = client.get(at("/documents/comparison.html?revision=1"))
    assert "Comparison text as of rev. 1, circulated 26 April 2024" in \
        download.get_data(as_text=True)


def test_a_revision_circulated_the_moment_proposals_arrive_holds_all_of_them(
    world: World,
) -> None:
    session, negotiation, p = world.session, world.negotiation, world.paragraphs
    world.clock.set(parse_moment("2024-04-21 23:59 America/New_York"))
    modify = submit_proposal(session, negotiation, world.delegate("MEX"), p["op1"],
                             AmendmentKind.MODIFY, world.now,
                             written_on=p["op1"].current_version.id,
                             text="To urge member states to cooperate.").amendment
    new = submit_new_paragraph(session, negotiation, world.delegate("PER"),
                               world.sections["tip"], ParagraphKind.OPERATIVE, PERU_TEXT,
                               world.now).amendment
    revision = circulate_revision(session, negotiation, CHAIR, world.now, confirmed=True)
    text = build_comparison(session, negotiation, world.now, revision=revision)
    assert proposals_of(text) == {modify.number: "", new.number: ""}
    groups = groups_of(text)
    assert groups[p["op1"].id] == "amended" and groups[new.paragraph_id] == "new"
