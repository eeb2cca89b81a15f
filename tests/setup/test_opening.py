"""Opening a negotiation with its documents' header: the lines are held to the header page's
rule before anything is opened, and only an administrator opens one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import InvalidSetting, NotPermitted
from negotiation.models import Negotiation, RecordEntry
from negotiation.setup.opening import open_negotiation
from tests.builders import SECRETARIAT, World

ADMIN = Actor(Role.ADMIN, "Administrator")
CICTE = {"committee": "CICTE", "committee_name": "Inter-American Committee against Terrorism",
         "cycle": "2025", "title": "Cooperation against terrorism", "symbol": "CICTE/doc.5/25",
         "timezone": "America/New_York", "thematic_areas": False}


def _opened(world: World) -> int:
    return world.session.scalar(select(func.count()).select_from(Negotiation).where(
        Negotiation.committee == "CICTE")) or 0


def test_the_header_is_set_when_the_negotiation_is_opened(world: World) -> None:
    cicte = open_negotiation(world.session, ADMIN, world.now, **CICTE,
                             header_lines="OEA/Ser.L/X.2.25\nCICTE/doc.5/25")
    assert cicte.header_lines == "OEA/Ser.L/X.2.25\nCICTE/doc.5/25"
    actions = world.session.scalars(select(RecordEntry.action).where(
        RecordEntry.negotiation_id == cicte.id).order_by(RecordEntry.id)).all()
    assert actions == ["negotiation_created", "document_header_changed"]


def test_the_permanent_councils_series_is_recorded_as_given(world: World) -> None:
    cicte = open_negotiation(world.session, ADMIN, world.now, **CICTE, header_lines="OEA/Ser.G")
    assert cicte.header_lines == "OEA/Ser.G"
    # The lines every negotiation starts with: nothing to record beyond the opening.
    assert world.session.scalar(select(func.count()).select_from(RecordEntry).where(
        RecordEntry.negotiation_id == cicte.id)) == 1


@pytest.mark.parametrize("lines", ["\n".join("ABCDEFG"), "x" * 81])
def test_a_header_the_header_page_refuses_opens_nothing(world: World, lines: str) -> None:
    with pytest.raises(InvalidSetting):
        open_negotiation(world.session, ADMIN, world.now, **CICTE, header_lines=lines)
    assert _opened(world) == 0


def test_only_an_administrator_opens_a_negotiation_whatever_its_header(world: World) -> None:
    for lines in ("OEA/Ser.G", "\n".join("ABCDEFG")):
        with pytest.raises(NotPermitted):
            open_negotiation(world.session, SECRETARIAT, world.now, **CICTE, header_lines=lines)
    assert _opened(world) == 0
