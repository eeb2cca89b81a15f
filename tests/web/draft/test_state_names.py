"""The paragraph's page names the state that proposed it, and the state of a national
footnote, in the reader's language and with its article where the French or Portuguese
sentence puts one ("proposé par le Mexique", "Note de bas de page nationale du
Mexique"); who else proposed a paragraph (the chair, an entity) is named by the label the
catalog gives it. English and Spanish read as before."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from negotiation.chairing.proposal_decisions import accept_proposal
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.models import Account, Paragraph
from negotiation.proposals.submissions import submit_new_paragraph
from tests.builders import CHAIR, World, name_in_languages
from tests.chairing.test_chairing import send

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]
NBSP = "\u00a0"


def _page(answer: object) -> str:
    return html.unescape(answer.get_data(as_text=True))  # type: ignore[attr-defined]


def _reading(world: World, accounts: dict[str, Account], language: str) -> None:
    name_in_languages(world, "MEX")
    accounts["can"].language = language
    world.session.flush()


def _mexico_s_paragraph(world: World) -> Paragraph:
    return submit_new_paragraph(
        world.session, world.negotiation, world.delegate("MEX"), world.sections["tip"],
        ParagraphKind.OPERATIVE, "To encourage member states to adopt victim-centred approaches.",
        world.now).amendment.paragraph


@pytest.mark.parametrize(("language", "proposed"), [
    ("fr", "proposé par le Mexique"), ("pt", "proposto pelo México"),
    ("es", "propuesto por México"), ("en", "proposed by Mexico"),
])
def test_the_paragraph_names_the_state_that_proposed_it(
    world: World, accounts: dict[str, Account], client_as: Client, at: At,
    language: str, proposed: str,
) -> None:
    paragraph = _mexico_s_paragraph(world)
    _reading(world, accounts, language)
    page = _page(client_as("can").get(at(f"/draft/paragraph/{paragraph.id}")))
    assert f" · {proposed} · " in page


@pytest.mark.parametrize(("language", "proposed"), [
    ("fr", "proposé par Présidence"), ("en", "proposed by Chair")])
def test_a_chair_s_paragraph_keeps_the_label_the_catalog_gives(
    world: World, accounts: dict[str, Account], client_as: Client, at: At,
    language: str, proposed: str,
) -> None:
    _reading(world, accounts, language)
    page = _page(client_as("can").get(at(f"/draft/paragraph/{world.paragraphs['pp1'].id}")))
    assert f" · {proposed} · " in page


@pytest.mark.parametrize(("language", "note"), [
    ("fr", f"Note de bas de page nationale du Mexique{NBSP}:"),
    ("pt", "Nota de rodapé nacional do México:"),
    ("en", "National footnote of Mexico:"),
])
def test_a_national_footnote_names_its_state_under_the_paragraph(
    world: World, accounts: dict[str, Account], client_as: Client, at: At,
    language: str, note: str,
) -> None:
    national = send(world, "pp1", AmendmentKind.FOOTNOTE, comment="Not bound.")
    accept_proposal(world.session, world.negotiation, CHAIR, national, world.now)
    _reading(world, accounts, language)
    client = client_as("can")
    for address in (f"/draft/paragraph/{world.paragraphs['pp1'].id}", "/draft/"):
        assert f">{note} Not bound.</li>" in _page(client.get(at(address))), address
