"""Two people saving the same setting at once, each in their own transaction: the database
refuses the second (a version the UPDATE names, a unique rule), never a silent overwrite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from negotiation.enums import MilestoneKind
from negotiation.errors import InvalidSetting, StaleEdit
from negotiation.models import Base, Cap, Milestone, MilestoneMove, Negotiation
from negotiation.record.clock import FixedClock, parse_moment
from negotiation.setup.calendar import MilestoneChange, change_milestone
from negotiation.setup.caps import add_cap
from rules.caps import CapRule
from tests.builders import CHAIR, DRAFT_DEADLINE, SECRETARIAT, build_world

NOW = parse_moment("2024-04-01 10:00 America/New_York")


@pytest.fixture
def committed(engine: Engine) -> Iterator[Engine]:
    """A negotiation committed for real (each person below has a connection of their own);
    every table is emptied afterwards."""
    with Session(engine) as session, session.begin():
        build_world(session, FixedClock(NOW))
    yield engine
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def _deadline(session: Session) -> tuple[Negotiation, Milestone]:
    milestone = session.scalars(select(Milestone).where(
        Milestone.kind == MilestoneKind.SUBMISSION_DEADLINE, Milestone.section_id.is_(None),
        Milestone.at == DRAFT_DEADLINE)).one()
    return session.get_one(Negotiation, milestone.negotiation_id), milestone


def test_the_second_of_two_simultaneous_moves_is_refused(committed: Engine) -> None:
    with Session(committed) as first, Session(committed) as second:
        negotiation_1, seen_by_first = _deadline(first)
        negotiation_2, seen_by_second = _deadline(second)
        version, milestone_id = seen_by_first.version, seen_by_first.id
        change_milestone(second, negotiation_2, SECRETARIAT, seen_by_second, MilestoneChange(
            seen_by_second.kind, seen_by_second.title,
            parse_moment("2024-04-26 23:59 America/New_York")), written_on=version,
            reason="", now=NOW)
        second.commit()
        with pytest.raises(StaleEdit, match="at the same moment"):
            change_milestone(first, negotiation_1, CHAIR, seen_by_first, MilestoneChange(
                seen_by_first.kind, seen_by_first.title,
                parse_moment("2024-04-29 23:59 America/New_York")), written_on=version,
                reason="", now=NOW)
        first.commit()  # the refusal left the first person's transaction usable
    with Session(committed) as reader:
        milestone = reader.get_one(Milestone, milestone_id)
        assert milestone.at == parse_moment("2024-04-26 23:59 America/New_York")
        assert len(reader.scalars(select(MilestoneMove)).all()) == 1


def test_the_same_rule_added_twice_at_once_is_kept_once(committed: Engine) -> None:
    rule = CapRule("item", date(2024, 5, 1), preambular=2, operative=2)
    with Session(committed) as first, Session(committed) as second:
        negotiation_1, _ = _deadline(first)
        negotiation_2, _ = _deadline(second)
        first.scalars(select(Cap)).all()  # both have read the rules before either saves
        add_cap(second, negotiation_2, SECRETARIAT, rule, NOW)
        second.commit()
        with pytest.raises(InvalidSetting, match="There is already a rule for item from"):
            add_cap(first, negotiation_1, CHAIR, rule, NOW)
        first.commit()
    with Session(committed) as reader:
        assert len(reader.scalars(select(Cap).where(
            Cap.effective_from == date(2024, 5, 1))).all()) == 1
