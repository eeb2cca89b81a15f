"""The web app's fixtures (app, accounts for every role, signed-in clients), shared with the
documents tests so both suites sign in the same way, and the negotiated scenario with its
rev. 1 circulated, which the documents' web tests read."""

import pytest

from negotiation.draft.circulation import circulate_revision
from negotiation.models import Account
from tests.builders import CHAIR, World
from tests.documents.scenario import Scenario, negotiated
from tests.web.conftest import accounts, app, client_as, client_on, csrf_app, password_hash

__all__ = ["accounts", "app", "client_as", "client_on", "csrf_app", "password_hash"]


@pytest.fixture
def scenario(world: World, accounts: dict[str, Account]) -> Scenario:
    """One proposal of each kind, triaged, then rev. 1 circulated."""
    made = negotiated(world)
    circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    return made
