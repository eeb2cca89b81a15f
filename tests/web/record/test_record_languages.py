"""The record reads in its reader's language: each entry keeps its words, and the Record
page writes them in the page's language, member states named as that language names them.
An entry written before the record kept its words reads as it was written, in English."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.chairing.decisions import triage_section
from negotiation.chairing.proposal_decisions import accept_proposal, set_aside
from negotiation.enums import AmendmentKind, Role
from negotiation.models import Amendment, RecordEntry
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World, name_in_languages
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def _lines(client: FlaskClient, language: str, column: int = 3) -> list[str]:
    """The Record page's "What" cells (or another column's: 4 is "Reason"), as its reader
    reads them."""
    page = client.get(at("/record/"), headers={"Accept-Language": language})
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>.*?</tr>", page.get_data(as_text=True), re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cells[column])).split())
            for row in rows if len(cells := re.findall(r"<td>(.*?)</td>", row, re.S)) == 5]


@pytest.fixture
def accepted(world: World) -> Amendment:
    """Mexico proposed a modification of operative paragraph 1; the chair accepted it."""
    name_in_languages(world, "MEX")
    paragraph = world.paragraphs["op1"]
    amendment = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To urge member states to deepen cooperation.").amendment
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, paragraph.section, world.now)
    accept_proposal(world.session, world.negotiation, CHAIR, amendment, world.now)
    world.session.flush()
    return amendment


@pytest.mark.parametrize(("language", "sent", "decided"), [
    ("es", "México: propuesta de modificación, párrafo resolutivo 1",
     "Propuesta {number} de México aceptada"),
    ("fr", "Mexique : proposition de modification, paragraphe 1 du dispositif",
     "Proposition {number} du Mexique acceptée"),
    ("en", "Mexico: proposed modification on operative paragraph 1",
     "Proposal {number} by Mexico accepted"),
])
def test_an_act_reads_in_the_language_of_the_record_page(
    world: World, client_as: Client, accepted: Amendment, language: str, sent: str,
    decided: str,
) -> None:
    lines = _lines(client_as("chair"), language)
    assert decided.format(number=accepted.number) in lines
    assert sent in lines
    # What was written is kept as written: the English summary, for the archive and search.
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.action == "proposal_accepted")).one()
    assert entry.summary == f"Proposal {accepted.number} by Mexico accepted"


def test_the_search_still_reads_the_english_summary(world: World, client_as: Client,
                                                    accepted: Amendment) -> None:
    page = client_as("chair").get(at("/record/?q=accepted"), headers={"Accept-Language": "es"})
    assert f"Propuesta {accepted.number} de México aceptada" in html.unescape(
        page.get_data(as_text=True))


def test_an_entry_written_before_the_record_kept_its_words_reads_as_written(
    world: World, client_as: Client,
) -> None:
    world.session.add(RecordEntry(
        negotiation_id=world.negotiation.id, at=world.now, actor_role=Role.CHAIR,
        actor_name="Chair", action="proposal_accepted", subject="amendment:999",
        summary="Proposal 99 by Mexico accepted", reason=""))
    world.session.flush()
    for language in ("es", "fr"):
        assert "Proposal 99 by Mexico accepted" in _lines(client_as("chair"), language)


def test_the_reason_the_app_gave_reads_in_the_reader_s_language(
    world: World, client_as: Client,
) -> None:
    """The chair accepted Mexico's request to delete operative paragraph 2: the deletion's
    reason is the app's, and a French reader reads it in French; the chair's own reason for
    not retaining Canada's proposal reads as the chair typed it."""
    world.delegations["MEX"].name_fr = "Mexique"
    deleted, kept = world.paragraphs["op2"], world.paragraphs["op1"]
    request = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), deleted,
        AmendmentKind.DELETE, world.now, written_on=deleted.current_version.id,
        comment="Repeats operative paragraph 1.").amendment
    other = submit_proposal(
        world.session, world.negotiation, world.delegate("CAN"), kept,
        AmendmentKind.MODIFY, world.now, written_on=kept.current_version.id,
        text="To urge member states to cooperate.").amendment
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, deleted.section, world.now)
    accept_proposal(world.session, world.negotiation, CHAIR, request, world.now)
    set_aside(world.session, world.negotiation, CHAIR, other, "Hors du mandat", world.now)
    world.session.flush()

    chair = client_as("chair")
    assert "Demande de suppression du Mexique acceptée" in _lines(chair, "fr", column=4)
    assert "Request to delete by Mexico accepted" in _lines(chair, "en", column=4)
    # A person's reason reads as they typed it, in every language.
    assert "Hors du mandat" in _lines(chair, "en", column=4)
    # The record keeps the English as written, for the archive and the search.
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.action == "delete_by_agreement")).one()
    assert entry.reason == "Request to delete by Mexico accepted"
    found = client_as("chair").get(at("/record/?q=request+to+delete+by"),
                                   headers={"Accept-Language": "fr"})
    assert "Demande de suppression du Mexique acceptée" in html.unescape(
        found.get_data(as_text=True))
