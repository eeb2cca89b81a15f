"""Where a page lists member states or names one beside what it did (the delegations taking
part, the co-sponsors of a delegation's proposals, the comparison text's choice of
delegation, the chair's list of requests for late leave), a French reader reads their
French names in the French alphabetical order ("États-Unis" among the E), not their English
ones; and a refusal naming a state names it in French, with its article."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from negotiation.calendar.late_requests import ask_late_leave
from negotiation.enums import AmendmentKind
from negotiation.models import Account
from negotiation.proposals.cosponsors import join_proposal
from tests.builders import World, admit_united_states
from tests.chairing.test_chairing import send
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]
FRENCH = {"MEX": "Mexique", "CAN": "Canada", "CHL": "Chili", "BRB": "Barbade", "PER": "Pérou"}
IN_FRENCH_ORDER = ["Barbade", "Canada", "Chili", "États-Unis", "Mexique", "Pérou"]


@pytest.fixture
def in_french(world: World, accounts: dict[str, Account]) -> World:
    """The states named in French, the United States among them, and every reader French."""
    for code, name in FRENCH.items():
        world.delegations[code].name_fr = name
    admit_united_states(world)
    for account in accounts.values():
        account.language = "fr"
    world.session.flush()
    return world


def _page(client: FlaskClient, address: str) -> str:
    return html.unescape(client.get(at(address)).get_data(as_text=True))


def _in_order(page: str, names: list[str]) -> bool:
    return sorted(names, key=page.index) == names


def test_the_delegations_taking_part_are_listed_in_french(
    in_french: World, client_as: Client
) -> None:
    page = _page(client_as("secretariat"), "/delegations/")
    assert "Mexico" not in page and "United States" not in page
    assert _in_order(page, IN_FRENCH_ORDER)


def test_the_comparison_text_offers_the_delegations_in_french(
    in_french: World, client_as: Client
) -> None:
    proposal = send(in_french, "op1", AmendmentKind.MODIFY, text="To urge member states.")
    join_proposal(in_french.session, in_french.negotiation, in_french.delegate("USA"),
                  proposal, in_french.now)
    page = _page(client_as("secretariat"), "/documents/comparison")
    choice = page[page.index('<select id="delegation"'):]
    choice = choice[:choice.index("</select>")]
    assert "United States" not in choice and _in_order(choice, IN_FRENCH_ORDER)


def test_a_delegation_s_proposals_list_their_co_sponsors_in_french(
    in_french: World, client_as: Client
) -> None:
    proposal = send(in_french, "op1", AmendmentKind.MODIFY, text="To urge member states.")
    for code in ("USA", "CAN"):
        join_proposal(in_french.session, in_french.negotiation, in_french.delegate(code),
                      proposal, in_french.now)
    assert "<td>Canada, États-Unis</td>" in _page(client_as("mex"), "/proposals/mine")


def test_the_chair_reads_who_asked_for_late_leave_in_french(
    in_french: World, client_as: Client
) -> None:
    in_french.after_deadline()
    ask_late_leave(in_french.session, in_french.negotiation, in_french.delegate("MEX"),
                   "The capital's instructions are late", in_french.now)
    assert "<strong>Mexique</strong> — " in _page(client_as("chair"), "/chair/late/")


def test_the_chair_told_a_state_already_has_late_leave_reads_it_in_french(
    in_french: World, client_as: Client
) -> None:
    in_french.after_deadline()
    chair = client_as("chair")
    form = {"delegation": str(in_french.delegations["MEX"].id), "until": "2024-05-10T18:00",
            "reason": "Instructions from the capital were delayed"}
    assert chair.post(at("/chair/late/"), data=form).status_code == 303
    again = html.unescape(chair.post(at("/chair/late/"), data=form).get_data(as_text=True))
    assert "Le Mexique dispose déjà d'une autorisation tardive pour l'ensemble du projet" in again
