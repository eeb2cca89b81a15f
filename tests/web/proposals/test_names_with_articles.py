"""On the pages, a French or Portuguese reader reads a member state's name with its
article, in the templates' sentences and in what a page says once an act is done; an
English or Spanish reader reads it as before."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from negotiation.chairing.decisions import triage_section
from negotiation.enums import AmendmentKind
from negotiation.models import Account, Amendment
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World, name_in_languages

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def _page(answer: object) -> str:
    return html.unescape(answer.get_data(as_text=True))  # type: ignore[attr-defined]


@pytest.fixture
def proposal(world: World) -> Amendment:
    """Mexico's modification of operative paragraph 1, the section triaged for decision."""
    name_in_languages(world, "MEX")
    paragraph = world.paragraphs["op1"]
    amendment = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To urge member states to deepen cooperation.",
        comment="Our capital asks for this.").amendment
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, paragraph.section, world.now)
    world.session.flush()
    return amendment


@pytest.mark.parametrize(("language", "heading"), [
    ("fr", "Propositions du Mexique"), ("pt", "Propostas do México"),
    ("es", "Propuestas de México"), ("en", "Proposals of Mexico")])
def test_the_delegation_s_home_names_its_state_as_its_language_does(
    world: World, accounts: dict[str, Account], client_as: Client, at: At,
    proposal: Amendment, language: str, heading: str,
) -> None:
    accounts["mex"].language = language
    world.session.flush()
    assert f">{heading}</h2>" in _page(client_as("mex").get(at("/")))


@pytest.mark.parametrize(("language", "reply", "told"), [
    ("fr", "Réponse au Mexique", "Proposition {n} du Mexique acceptée."),
    ("pt", "Resposta ao México", "Proposta {n} do México aceita."),
    ("es", "Respuesta a México", "Propuesta {n} de México aceptada."),
    ("en", "Reply to Mexico", "Proposal {n} of Mexico accepted."),
])
def test_the_chair_reads_the_state_with_its_article_on_the_paragraph_and_once_deciding(
    world: World, accounts: dict[str, Account], client_as: Client, at: At,
    proposal: Amendment, language: str, reply: str, told: str,
) -> None:
    accounts["chair"].language = language
    world.session.flush()
    chair = client_as("chair")
    paragraph = _page(chair.get(at(f"/draft/paragraph/{proposal.paragraph_id}")))
    assert f">{reply}</label>" in paragraph
    accepted = chair.post(at(f"/chair/proposal/{proposal.id}/accept"), follow_redirects=True)
    assert told.format(n=proposal.number) in _page(accepted)
