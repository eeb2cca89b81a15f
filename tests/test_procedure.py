"""The procedure as the room lives it: circulation, joining late, contradictory positions,
and the rehearsal clock."""

from __future__ import annotations

import pytest

from negotiation.chairing import triage_section
from negotiation.circulation import circulate_revision, revisions_of
from negotiation.errors import NeedsConfirmation
from tests.builders import CHAIR, World


def test_circulating_with_untriaged_sections_names_them_and_waits_for_confirmation(
    world: World,
) -> None:
    circulate_revision(world.session, world.negotiation, CHAIR, world.now)  # rev. 0: no warning
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"], world.now)
    with pytest.raises(NeedsConfirmation, match="2 section") as refused:
        circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    assert refused.value.items == ["Inter-American Defense Board (JID)", "CIFTA"]
    assert len(revisions_of(world.session, world.negotiation)) == 1
    rev1 = circulate_revision(world.session, world.negotiation, CHAIR, world.now,
                              confirmed=True)
    assert rev1.number == 1
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    assert circulate_revision(world.session, world.negotiation, CHAIR, world.now).number == 2
