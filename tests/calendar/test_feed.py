"""The calendar as iCalendar, read back with a second parser (vobject, not the icalendar
library that writes it): times at headquarters with their VTIMEZONE, moves raising the
SEQUENCE and saying why, removed dates cancelled, hostile text escaped."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import vobject

from negotiation.calendar.deadlines import applicable_deadline, submissions_open
from negotiation.calendar.feed import calendar_feed, event_feed
from negotiation.enums import MilestoneKind
from negotiation.errors import InvalidSetting, NotPermitted
from negotiation.models import Milestone
from negotiation.record.clock import parse_moment
from negotiation.setup.calendar import (
    MilestoneChange,
    add_milestone,
    calendar_of,
    change_milestone,
    remove_milestone,
)
from tests.builders import CHAIR, DRAFT_DEADLINE, JID_DEADLINE, OBSERVER, SECRETARIAT, World


def read(world: World) -> dict[str, Any]:
    """The world's calendar feed as vobject reads it: its events by UID, and the rest."""
    body = calendar_feed(world.session, [world.negotiation], "CSH").body
    calendar = vobject.readOne(body.decode("utf-8"))
    return {"calendar": calendar, "events": {e.uid.value: e for e in calendar.vevent_list}}


def uid(milestone: Milestone) -> str:
    return f"milestone-{milestone.id}@csh-2023-2024.negotiation"


def deadline_of(world: World) -> Milestone:
    found = applicable_deadline(world.session, world.negotiation, None)
    assert found is not None
    return found


def test_every_date_is_at_headquarters_time_with_its_vtimezone(world: World) -> None:
    world.session.flush()
    feed = read(world)
    calendar = feed["calendar"]
    assert calendar.method.value == "PUBLISH"
    (zone,) = calendar.vtimezone_list
    assert zone.tzid.value == "America/New_York"
    dates = calendar_of(world.session, world.negotiation)
    assert set(feed["events"]) == {uid(m) for m in dates} and len(dates) == 2
    draft = feed["events"][uid(deadline_of(world))]
    # Written as headquarters' wall time under the zone's name, read through its VTIMEZONE.
    assert draft.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["America/New_York"]
    raw = calendar_feed(world.session, [world.negotiation], "CSH").body.decode()
    assert "\r\nDTSTART;TZID=America/New_York:20240422T000000\r\n" in raw
    assert draft.dtstart.value == DRAFT_DEADLINE
    # Midnight at headquarters, read back through the feed's own VTIMEZONE (EDT, UTC-4).
    assert draft.dtstart.value.utcoffset() == timedelta(hours=-4)
    assert (draft.dtstart.value.hour, draft.dtstart.value.minute) == (0, 0)
    assert draft.summary.value == "CSH: Proposals due before 22 April"
    assert draft.sequence.value == "0" and draft.status.value == "CONFIRMED"
    jid = next(e for e in feed["events"].values() if e.dtstart.value == JID_DEADLINE)
    assert jid.summary.value == ("CSH: JID/CSH mechanism: comments due "
                                 "(Inter-American Defense Board (JID))")
    assert jid.dtstart.value.strftime("%d %B %Y %H:%M") == "08 April 2024 23:59"


def test_a_moved_deadline_comes_with_a_higher_sequence_and_what_moved(world: World) -> None:
    deadline = deadline_of(world)
    before = read(world)["events"][uid(deadline)]
    world.clock.set(parse_moment("2024-04-15 09:30 America/New_York"))
    change_milestone(world.session, world.negotiation, CHAIR, deadline, MilestoneChange(
        deadline.kind, deadline.title, parse_moment("2024-04-26 23:59 America/New_York")),
        written_on=deadline.version, reason="The Committee asked for more time",
        now=world.now)
    after = read(world)["events"][uid(deadline)]
    assert int(after.sequence.value) > int(before.sequence.value)
    assert after.dtstart.value == parse_moment("2024-04-26 23:59 America/New_York")
    assert after.description.value.splitlines()[0] == (
        "Moved from 22 April 2024, 00:00 to 26 April 2024, 23:59: "
        "The Committee asked for more time")
    assert after.last_modified.value == world.now
    assert after.dtstamp.value == world.now


def test_a_removed_date_is_cancelled_in_the_feed_and_gone_from_every_check(
    world: World,
) -> None:
    deadline = deadline_of(world)
    remove_milestone(world.session, world.negotiation, SECRETARIAT, deadline,
                     written_on=deadline.version, reason="Replaced by the section deadlines",
                     now=world.now)
    event = read(world)["events"][uid(deadline)]
    assert event.status.value == "CANCELLED"
    assert int(event.sequence.value) == 1
    assert event.description.value.startswith(
        "Removed from the calendar: Replaced by the section deadlines")
    assert deadline not in calendar_of(world.session, world.negotiation)
    assert applicable_deadline(world.session, world.negotiation, None) is None
    world.after_deadline()
    assert submissions_open(world.session, world.negotiation, None, world.now)


def test_removing_a_date_is_for_those_who_keep_the_calendar_and_a_passed_one_needs_a_reason(
    world: World,
) -> None:
    deadline = deadline_of(world)
    with pytest.raises(NotPermitted):
        remove_milestone(world.session, world.negotiation, OBSERVER, deadline,
                         written_on=deadline.version, reason="", now=world.now)
    world.after_deadline()
    with pytest.raises(InvalidSetting, match="This date passed on 22 April 2024"):
        remove_milestone(world.session, world.negotiation, CHAIR, deadline,
                         written_on=deadline.version, reason="", now=world.now)
    world.session.refresh(deadline)
    assert deadline.removed_at is None and deadline.version == 1
    assert read(world)["events"][uid(deadline)].status.value == "CONFIRMED"


def test_hostile_text_is_escaped_and_read_back_exactly(world: World) -> None:
    title = 'Consultations; CIFTA, CITAAC \\ "rev. 1": paragraphs 3,4;5'
    added = add_milestone(world.session, world.negotiation, SECRETARIAT, MilestoneChange(
        MilestoneKind.MEETING, title, parse_moment("2024-05-16 10:00 America/New_York"),
        world.sections["cifta"]), world.now)
    forged = "Rooms changed\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged;with,commas"
    change_milestone(world.session, world.negotiation, CHAIR, added, MilestoneChange(
        added.kind, title, parse_moment("2024-05-17 10:00 America/New_York"),
        world.sections["cifta"]), written_on=added.version, reason=forged, now=world.now)
    body = calendar_feed(world.session, [world.negotiation], "CSH").body.decode()
    # No line of the file is the forged one: line ends in text are escaped as \n.
    assert "\r\nSUMMARY:forged" not in body and "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:f" \
        not in body
    events = read(world)["events"]
    assert len(events) == 3
    event = events[uid(added)]
    assert event.summary.value == f"CSH: {title} (CIFTA)"
    assert event.description.value.splitlines()[:4] == [
        "Moved from 16 May 2024, 10:00 to 17 May 2024, 10:00: Rooms changed",
        "END:VEVENT", "BEGIN:VEVENT", "SUMMARY:forged;with,commas"]


def test_add_to_calendar_is_the_same_event_alone(world: World) -> None:
    deadline = deadline_of(world)
    single = vobject.readOne(
        event_feed(world.session, world.negotiation, deadline).body.decode())
    (event,) = single.vevent_list
    assert event.uid.value == uid(deadline)
    assert event.dtstart.value == DRAFT_DEADLINE
    assert single.vtimezone.tzid.value == "America/New_York"

