"""A negotiation of the next cycle with nothing in it yet: where the chair imports a draft."""

from __future__ import annotations

import pytest

from negotiation.draft.caprules import cap_row
from negotiation.models import Negotiation
from rules.files import load_rules
from tests.builders import World


@pytest.fixture
def next_cycle(world: World) -> Negotiation:
    """The CSH's 2024-2025 cycle, created beforehand, with an empty draft."""
    negotiation = Negotiation(
        committee="CSH", committee_name="Committee on Hemispheric Security",
        cycle="2024-2025", title="Draft resolution (to be imported)",
        symbol="CP/CSH-2300/25", timezone="America/New_York", rules="csh-2023-2024",
    )
    world.session.add(negotiation)
    world.session.flush()
    # The secretariat set its caps as last cycle's.
    world.session.add_all(cap_row(negotiation, rule)
                          for rule in load_rules("csh-2023-2024").rules)
    world.session.flush()
    return negotiation
