"""The meeting lists each proposal with the state that sent it and those that joined it, in
the reader's language and that language's order, the states that joined with their articles
where the French or Portuguese sentence puts them ("rejointe par le Canada, les
États-Unis"); the proposing state, after the proposal's number, is a label's and bare."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from negotiation.chairing.decisions import triage_section
from negotiation.enums import AmendmentKind
from negotiation.models import Account
from negotiation.proposals.cosponsors import join_proposal
from tests.builders import CHAIR, World, admit_united_states, name_in_languages
from tests.chairing.test_chairing import send
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


@pytest.fixture
def joined(world: World) -> int:
    """Mexico's modification of op1, joined by the United States, then Canada; triaged."""
    name_in_languages(world, "MEX", "CAN")
    admit_united_states(world)
    proposal = send(world, "op1", AmendmentKind.MODIFY,
                    text="To urge member states to deepen cooperation.")
    for code in ("USA", "CAN"):
        join_proposal(world.session, world.negotiation, world.delegate(code), proposal,
                      world.now)
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    world.session.flush()
    return proposal.id


@pytest.mark.parametrize(("language", "sponsors"), [
    ("fr", "<strong>Mexique</strong>, rejointe par le Canada, les États-Unis"),
    ("pt", "<strong>México</strong>, acompanhada pelo Canadá, pelos Estados Unidos"),
    ("es", "<strong>México</strong>, con el apoyo de Canadá, Estados Unidos"),
    ("en", "<strong>Mexico</strong>, joined by Canada, United States"),
])
def test_the_meeting_names_the_sponsors_in_the_reader_s_language(
    world: World, accounts: dict[str, Account], client_as: Client, joined: int,
    language: str, sponsors: str,
) -> None:
    accounts["chair"].language = language
    world.session.flush()
    page = html.unescape(client_as("chair").get(at("/meeting/")).get_data(as_text=True))
    item = page[page.index(f'id="vote-proposal-{joined}"'):]
    assert f'<span class="sponsors">{sponsors}</span>' in item[:item.index("</li>")]
