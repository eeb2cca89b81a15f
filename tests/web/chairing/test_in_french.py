"""A chair whose account reads French finds the desk and the meeting in French: the
headings, the buttons, the counts and what a decision came to; the draft's own words (its
sections' titles, its paragraphs) stay as they were written."""

from __future__ import annotations

import html
from collections.abc import Callable

from flask.testing import FlaskClient

from negotiation.chairing.decisions import triage_section
from negotiation.models import Account
from tests.builders import CHAIR, World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]
NB = "\u00a0"  # French puts a non-breaking space before a colon or a semicolon


def _in_french(world: World, accounts: dict[str, Account], name: str) -> None:
    accounts[name].language = "fr"
    world.session.flush()


def _text(answer: object) -> str:
    return html.unescape(answer.get_data(as_text=True))  # type: ignore[attr-defined]


def test_the_chair_s_desk_reads_in_french(
    world: World, accounts: dict[str, Account], client_as: Client
) -> None:
    _in_french(world, accounts, "chair")
    client = client_as("chair")
    desk = _text(client.get(at("/chair/")))
    assert '<html lang="fr">' in desk
    assert "<h1>Bureau de la présidence</h1>" in desk
    assert "Trier cette section" in desk
    assert "Note pour la prochaine révision" in desk
    assert "Consensus de principe</button>" in desk  # a chair's event, on its button
    assert "Triage this section" not in desk  # (the menu is the frame's, translated apart)

    world.after_deadline()
    section = world.sections["tip"]
    answer = client.post(at(f"/chair/section/{section.id}/triage"), follow_redirects=True)
    told = _text(answer)
    assert f"{section.title}{NB}: " in told
    assert "paragraphes mis en consensus de principe" in told
    assert "les commentaires et appuis restent à côté de leurs paragraphes." in told


def test_the_meeting_reads_in_french(
    world: World, accounts: dict[str, Account], client_as: Client
) -> None:
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    world.session.flush()
    _in_french(world, accounts, "chair")
    client = client_as("chair")
    page = _text(client.get(at("/meeting/")))
    assert "Mode réunion" in page
    assert f"Paragraphes approuvés{NB}:" in page
    assert "consensus de principe" in page.split("id=\"group-consensus\">", 1)[1][:80]
    assert "Ouvrir le paragraphe" in page
    assert ">Approuver</button>" in page and ">Reporter</button>" in page
    assert "Meeting mode" not in page and "Open the paragraph" not in page

    first = world.paragraphs["pp1"]
    answer = client.post(at(f"/meeting/paragraph/{first.id}/approve"),
                         data={"seen_state": "consensus"}, follow_redirects=True)
    # What the decision came to (the state's own name is the domain's, in its catalog).
    assert f"({first.section.title}){NB}: " in _text(answer)
    # Someone else on the same meeting, whose account keeps English, reads it in English.
    assert "Meeting mode" in _text(client_as("mex").get(at("/meeting/")))
