"""The organization's member states, and the delegations the secretariat admits to a cycle."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from negotiation.enums import AmendmentKind
from negotiation.errors import InvalidSetting, NotPermitted, StaleEdit
from negotiation.models import Delegation, RecordEntry
from negotiation.people.appointments import participating_delegations
from negotiation.proposals.submissions import submit_proposal
from negotiation.setup.delegations import choose_participants, load_member_states
from tests.builders import CHAIR, SECRETARIAT, World


def taking_part(world: World) -> list[str]:
    return [d.code for d in participating_delegations(world.session, world.negotiation)]


def ids(world: World, *codes: str) -> list[int]:
    return [world.delegations[c].id for c in codes]


def test_the_organizations_list_is_loaded_once_and_kept_up_to_date(world: World) -> None:
    before = world.session.scalar(select(func.count()).select_from(Delegation)) or 0
    states = load_member_states(world.session)
    assert {"ARG", "URY", "MEX", "CAN", "JAM"} <= set(states)
    assert states["MEX"] is world.delegations["MEX"]  # the same row, names now official
    assert states["BRB"].name_es == "Barbados"
    count = world.session.scalar(select(func.count()).select_from(Delegation))
    assert count == len(states) > before
    load_member_states(world.session)
    assert world.session.scalar(select(func.count()).select_from(Delegation)) == count


def test_the_secretariat_admits_and_lets_go_of_delegations(world: World) -> None:
    states = load_member_states(world.session)
    seen = ids(world, "BRB", "CAN", "CHL", "MEX", "PER")
    admitted, dropped = choose_participants(
        world.session, world.negotiation, SECRETARIAT,
        [*ids(world, "BRB", "CAN", "CHL", "MEX"), states["URY"].id], seen, world.now)
    assert [d.code for d in admitted] == ["URY"] and [d.code for d in dropped] == ["PER"]
    assert taking_part(world) == ["BRB", "CAN", "CHL", "MEX", "URY"]
    entry = world.session.scalars(
        select(RecordEntry).where(RecordEntry.action == "participants_chosen")).one()
    assert entry.summary == "Delegations admitted: Uruguay; no longer taking part: Peru"


def test_a_delegation_that_sent_a_proposal_stays(world: World) -> None:
    paragraph = world.paragraphs["op1"]
    submit_proposal(world.session, world.negotiation, world.delegate("CHL"), paragraph,
                    AmendmentKind.COMMENT, world.now, written_on=paragraph.current_version.id,
                    comment="We support this paragraph.")
    seen = ids(world, "BRB", "CAN", "CHL", "MEX", "PER")
    with pytest.raises(InvalidSetting, match="Chile sent proposals in this negotiation"):
        choose_participants(world.session, world.negotiation, SECRETARIAT,
                            ids(world, "BRB", "CAN", "MEX", "PER"), seen, world.now)
    assert "CHL" in taking_part(world)


def test_a_choice_made_on_a_list_changed_meanwhile_is_refused(world: World) -> None:
    seen = ids(world, "BRB", "CAN", "CHL", "MEX", "PER")
    choose_participants(world.session, world.negotiation, SECRETARIAT,
                        ids(world, "BRB", "CAN", "CHL", "MEX"), seen, world.now)
    with pytest.raises(StaleEdit, match="changed the delegations taking part"):
        choose_participants(world.session, world.negotiation, SECRETARIAT,
                            ids(world, "CAN", "CHL", "MEX", "PER"), seen, world.now)
    assert taking_part(world) == ["BRB", "CAN", "CHL", "MEX"]


def test_only_member_states_and_only_the_secretariat(world: World) -> None:
    seen = ids(world, "BRB", "CAN", "CHL", "MEX", "PER")
    with pytest.raises(InvalidSetting, match="organization's member states"):
        choose_participants(world.session, world.negotiation, SECRETARIAT, [*seen, 10**6],
                            seen, world.now)
    for who in (CHAIR, world.delegate("MEX")):
        with pytest.raises(NotPermitted):
            choose_participants(world.session, world.negotiation, who, seen[:2], seen,
                                world.now)
    assert len(taking_part(world)) == 5
