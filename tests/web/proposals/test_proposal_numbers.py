"""People read "proposal 2", never a database id: in messages, lists, the desk, meetings and
the record."""

from __future__ import annotations

import html
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.chairing.decisions import triage_section
from negotiation.enums import AmendmentKind, MilestoneKind
from negotiation.models import Amendment, Milestone
from negotiation.proposals.submissions import submit_proposal
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, World

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def _page(client: FlaskClient, url: str) -> str:
    return html.unescape(client.get(url).data.decode())


def _first_proposal_elsewhere(world: World) -> None:
    """Chile's request to delete PP2 takes number 1, so Mexico's text below is proposal 2."""
    paragraph = world.paragraphs["pp2"]
    submit_proposal(world.session, world.negotiation, world.delegate("CHL"), paragraph,
                    AmendmentKind.DELETE, world.now, written_on=paragraph.current_version.id)


def test_the_delegation_reads_its_proposal_number_wherever_the_proposal_shows(
    world: World, client_as: Client, at: At
) -> None:
    _first_proposal_elsewhere(world)
    paragraph = world.paragraphs["op1"]
    mexico = client_as("mex")
    sent = mexico.post(at(f"/proposals/paragraph/{paragraph.id}"), follow_redirects=True, data={
        "kind": "modify", "written_on": str(paragraph.current_version.id),
        "text": "To urge member states to deepen cooperation against trafficking in persons."})
    page = html.unescape(sent.data.decode())
    assert "Your proposed modification was sent as proposal 2." in page
    assert "Proposal 2</span> · Proposed modification by Mexico" in page
    proposal = world.session.scalars(select(Amendment).where(Amendment.number == 2)).one()
    home = _page(mexico, at("/"))
    row = home[home.index('id="own-proposals-2"'):]
    assert '<td class="num">2</td>' in row[:row.index("</tr>")]
    assert 'id="own-proposals-2"' in _page(mexico, at("/proposals/mine"))

    canada = client_as("can")
    done = canada.post(at(f"/proposals/{proposal.id}/join"), follow_redirects=True)
    assert "joined the proposal of Mexico (proposal 2)." in html.unescape(done.data.decode())
    record = _page(client_as("secretariat"), at("/record/"))
    assert "Canada joined proposal 2 by Mexico" in record
    withdrawn = mexico.post(at(f"/proposals/{proposal.id}/withdraw"), follow_redirects=True)
    assert "Your proposal 2 was withdrawn." in html.unescape(withdrawn.data.decode())


def test_the_chair_reads_numbers_on_the_desk_in_meetings_and_when_deciding(
    world: World, client_as: Client, at: At
) -> None:
    _first_proposal_elsewhere(world)
    paragraph = world.paragraphs["op1"]
    proposal = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To urge member states to deepen cooperation.").amendment
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    world.session.add(Milestone(
        negotiation_id=world.negotiation.id, kind=MilestoneKind.MEETING,
        title="Examination of the revised draft",
        at=parse_moment("2024-05-09 10:00 America/New_York")))
    world.session.flush()
    chair = client_as("chair")
    assert "Proposal 2:</span> <strong>MEX</strong>" in _page(
        chair, at("/chair/?section=trafficking-in-persons"))
    meeting = _page(chair, at("/meeting/"))
    assert 'Proposal 2:</span> <span class="sponsors"><strong>Mexico</strong>' in meeting
    assert "Proposal 2: proposed modification by Mexico" in _page(
        chair, at(f"/draft/paragraph/{paragraph.id}"))
    accepted = chair.post(at(f"/chair/proposal/{proposal.id}/accept"), follow_redirects=True)
    assert "Proposal 2 of Mexico accepted." in html.unescape(accepted.data.decode())
    assert "Proposal 2 by Mexico accepted" in _page(chair, at("/record/"))
