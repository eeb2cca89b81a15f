"""The delegation filters of the Documents and Record pages list the delegations taking part
in the negotiation (and any that sent something), not every member state."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import delete

from negotiation.models import Participation
from negotiation.setup.delegations import load_member_states
from tests.documents.scenario import Scenario
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def _delegation_options(html: str) -> list[str]:
    """The names offered by the page's select named "delegation", less its "any" option."""
    select = re.search(r'<select id="delegation" name="delegation">(.*?)</select>', html, re.S)
    assert select is not None
    names = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select.group(1))
    return [name for value, name in names if value]


def test_documents_and_record_offer_the_delegations_taking_part(
    scenario: Scenario, client_as: Client
) -> None:
    world = scenario.world
    load_member_states(world.session)  # all the organization's member states are known
    taking_part = sorted(d.name for d in world.delegations.values())
    client = client_as("secretariat")
    for page in ("/documents/comparison", "/record/"):
        response = client.get(at(page))
        assert response.status_code == 200, page
        assert _delegation_options(response.get_data(as_text=True)) == taking_part, page


def test_a_delegation_that_sent_something_stays_in_the_filters(
    scenario: Scenario, client_as: Client
) -> None:
    world = scenario.world
    load_member_states(world.session)
    # Chile asked for a deletion; its admission is gone (as data kept from before the rule
    # that a delegation that sent something stays): what it sent is still to be found.
    world.session.execute(delete(Participation).where(
        Participation.negotiation_id == world.negotiation.id,
        Participation.delegation_id == world.delegations["CHL"].id))
    world.session.flush()
    html = client_as("secretariat").get(at("/documents/comparison")).get_data(as_text=True)
    assert "Chile" in _delegation_options(html)
    assert "Uruguay" not in _delegation_options(html)
