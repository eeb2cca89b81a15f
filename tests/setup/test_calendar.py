"""The calendar: dates added, changed and moved, with who and why; refusals change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from negotiation.calendar.deadlines import applicable_deadline, submissions_open
from negotiation.enums import MilestoneKind
from negotiation.errors import InvalidSetting, NotPermitted, StaleEdit
from negotiation.models import Milestone, MilestoneMove, RecordEntry
from negotiation.record.clock import parse_moment
from negotiation.setup.calendar import (
    MilestoneChange,
    add_milestone,
    calendar_of,
    change_milestone,
    local_moment,
    recent_moves,
)
from tests.builders import CHAIR, DRAFT_DEADLINE, JID_DEADLINE, OBSERVER, SECRETARIAT, World


def draft_deadline(world: World) -> Milestone:
    found = applicable_deadline(world.session, world.negotiation, None)
    assert found is not None and found.at == DRAFT_DEADLINE
    return found


def moved(milestone: Milestone, at_text: str) -> MilestoneChange:
    return MilestoneChange(milestone.kind, milestone.title, parse_moment(at_text),
                           milestone.section)


def entries(world: World, action: str) -> list[RecordEntry]:
    return list(world.session.scalars(select(RecordEntry).where(RecordEntry.action == action)))


def test_a_section_gets_its_own_deadline_and_the_draft_keeps_its_own(world: World) -> None:
    cifta = world.sections["cifta"]
    added = add_milestone(world.session, world.negotiation, SECRETARIAT, MilestoneChange(
        MilestoneKind.SUBMISSION_DEADLINE, "CIFTA: comments due",
        parse_moment("2024-04-10 18:00 America/New_York"), cifta), world.now)
    assert applicable_deadline(world.session, world.negotiation, cifta) is added
    assert applicable_deadline(world.session, world.negotiation, world.sections["tip"]).at \
        == DRAFT_DEADLINE
    (entry,) = entries(world, "milestone_added")
    assert entry.actor_name == "Secretariat"
    assert entry.summary == ("Deadline for submissions added: CIFTA: comments due, "
                             "10 April 2024, 18:00 in Washington (for CIFTA)")


def test_moving_a_coming_deadline_reopens_nothing_and_is_kept_with_who_and_why(
    world: World,
) -> None:
    deadline = draft_deadline(world)
    change_milestone(world.session, world.negotiation, CHAIR, deadline,
                     moved(deadline, "2024-04-26 23:59 America/New_York"),
                     written_on=deadline.version, reason="The Committee asked for more time",
                     now=world.now)
    world.clock.set(DRAFT_DEADLINE + timedelta(days=1))
    assert submissions_open(world.session, world.negotiation, None, world.now)
    (move,) = world.session.scalars(select(MilestoneMove)).all()
    assert (move.from_at, move.moved_by, move.reason) == (
        DRAFT_DEADLINE, "Chair", "The Committee asked for more time")
    (entry,) = entries(world, "milestone_moved")
    assert entry.summary == ("Proposals due before 22 April moved from 22 April 2024, 00:00 "
                             "in Washington to 26 April 2024, 23:59 in Washington")
    assert entry.reason == "The Committee asked for more time"
    assert recent_moves(world.session, world.negotiation, world.now) == [move]


def test_a_passed_deadline_is_not_moved_without_a_reason(world: World) -> None:
    world.after_deadline()
    deadline = draft_deadline(world)
    with pytest.raises(InvalidSetting, match="This date passed on 22 April 2024, 00:00") as err:
        change_milestone(world.session, world.negotiation, CHAIR, deadline,
                         moved(deadline, "2024-05-20 23:59 America/New_York"),
                         written_on=deadline.version, reason="  ", now=world.now)
    assert err.value.field == "reason"
    world.session.expire_all()
    assert draft_deadline(world).version == 1
    assert world.session.scalars(select(MilestoneMove)).all() == []
    assert entries(world, "milestone_moved") == []

    change_milestone(world.session, world.negotiation, CHAIR, deadline,
                     moved(deadline, "2024-05-20 23:59 America/New_York"),
                     written_on=deadline.version, reason="Reopened by decision of the Committee",
                     now=world.now)
    assert submissions_open(world.session, world.negotiation, None, world.now)


def test_a_coming_deadline_is_not_moved_into_the_past_without_a_reason(world: World) -> None:
    deadline = draft_deadline(world)
    with pytest.raises(InvalidSetting, match="has already passed"):
        change_milestone(world.session, world.negotiation, SECRETARIAT, deadline,
                         moved(deadline, "2024-03-31 23:59 America/New_York"),
                         written_on=deadline.version, reason="", now=world.now)
    assert draft_deadline(world).at == DRAFT_DEADLINE


def test_an_edit_written_on_an_older_version_is_refused(world: World) -> None:
    deadline = draft_deadline(world)
    seen = deadline.version
    change_milestone(world.session, world.negotiation, SECRETARIAT, deadline,
                     moved(deadline, "2024-04-24 23:59 America/New_York"), written_on=seen,
                     reason="", now=world.now)
    with pytest.raises(StaleEdit, match="Someone changed this date while you were editing"):
        change_milestone(world.session, world.negotiation, CHAIR, deadline,
                         moved(deadline, "2024-04-29 23:59 America/New_York"),
                         written_on=seen, reason="", now=world.now)
    assert deadline.at == parse_moment("2024-04-24 23:59 America/New_York")


def test_a_new_title_or_section_is_recorded_without_a_move(world: World) -> None:
    jid = applicable_deadline(world.session, world.negotiation, world.sections["jid"])
    assert jid is not None and jid.at == JID_DEADLINE
    change_milestone(world.session, world.negotiation, SECRETARIAT, jid, MilestoneChange(
        jid.kind, "JID/CSH mechanism: comments on the JID paragraphs due", jid.at,
        world.sections["jid"]), written_on=jid.version, reason="", now=world.now)
    assert world.session.scalars(select(MilestoneMove)).all() == []
    (entry,) = entries(world, "milestone_changed")
    assert "comments on the JID paragraphs due (for Inter-American Defense Board" in \
        entry.summary


@pytest.mark.parametrize(
    ("title", "section_key", "message", "field"),
    [
        ("   ", None, "Give the date a title", "title"),
        ("x" * 301, None, "The title is 301 characters long; the limit is 300", "title"),
        ("Informal\x0bconsultations", None, "The title contains", "title"),
    ],
)
def test_malformed_dates_are_refused_and_nothing_is_added(
    world: World, title: str, section_key: str | None, message: str, field: str
) -> None:
    before = len(calendar_of(world.session, world.negotiation))
    with pytest.raises(InvalidSetting, match=message) as err:
        add_milestone(world.session, world.negotiation, SECRETARIAT, MilestoneChange(
            MilestoneKind.MEETING, title, parse_moment("2024-05-01 10:00 America/New_York")),
            world.now)
    assert err.value.field == field
    assert len(calendar_of(world.session, world.negotiation)) == before


def test_a_past_date_needs_a_reason_to_be_entered(world: World) -> None:
    past = MilestoneChange(MilestoneKind.MEETING, "Informal consultations",
                           parse_moment("2024-03-25 10:00 America/New_York"))
    with pytest.raises(InvalidSetting, match="has already passed"):
        add_milestone(world.session, world.negotiation, SECRETARIAT, past, world.now)
    added = add_milestone(world.session, world.negotiation, SECRETARIAT, past, world.now,
                          reason="Entered after the fact for the record")
    assert added in calendar_of(world.session, world.negotiation)


def test_only_the_chair_and_the_secretariat_keep_the_calendar(world: World) -> None:
    deadline = draft_deadline(world)
    for who in (OBSERVER, world.delegate("MEX")):
        with pytest.raises(NotPermitted, match="Only the chair and the secretariat"):
            change_milestone(world.session, world.negotiation, who, deadline,
                             moved(deadline, "2024-05-20 23:59 America/New_York"),
                             written_on=deadline.version, reason="x", now=world.now)
    assert draft_deadline(world).version == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("21 April", "Give the date and time at headquarters"),
        ("2024-04-31 10:00", "Give the date and time at headquarters"),
        ("2024-04-21 23:59+02:00", "Give the date and time at headquarters"),
        ("2024-03-10 02:30", "10 March 2024, 02:30 does not exist at headquarters"),
    ],
)
def test_a_moment_people_type_is_read_at_headquarters_or_refused(
    world: World, text: str, message: str
) -> None:
    with pytest.raises(InvalidSetting, match=message) as err:
        local_moment(text, world.negotiation)
    assert err.value.field == "at"
    assert local_moment("2024-04-21 23:59", world.negotiation) == parse_moment(
        "2024-04-21 23:59 America/New_York")
