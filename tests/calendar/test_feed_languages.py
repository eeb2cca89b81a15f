"""A feed in its owner's language: what the app says of each date (what it is, for which
part of the draft, what moved) is French for a French speaker; the dates' and sections'
titles are people's words, and stay as written."""

from __future__ import annotations

import vobject

from negotiation.calendar.deadlines import applicable_deadline
from negotiation.calendar.feed import calendar_feed, event_feed
from negotiation.record.clock import parse_moment
from negotiation.setup.calendar import MilestoneChange, change_milestone
from tests.builders import CHAIR, World


def test_a_french_feed_says_in_french_what_each_date_is_and_what_moved(world: World) -> None:
    deadline = applicable_deadline(world.session, world.negotiation, None)
    assert deadline is not None
    world.clock.set(parse_moment("2024-04-15 09:30 America/New_York"))
    change_milestone(world.session, world.negotiation, CHAIR, deadline, MilestoneChange(
        deadline.kind, deadline.title, parse_moment("2024-04-26 23:59 America/New_York")),
        written_on=deadline.version, reason="The Committee asked for more time",
        now=world.now)
    english = vobject.readOne(
        calendar_feed(world.session, [world.negotiation], "CSH").body.decode()).vevent_list
    french = vobject.readOne(calendar_feed(world.session, [world.negotiation], "CSH",
                                           "fr").body.decode()).vevent_list
    event = next(e for e in french if e.dtstart.value == deadline.at)
    assert event.summary.value == "CSH: Proposals due before 22 April"
    assert [e.summary.value for e in french] == [e.summary.value for e in english]
    assert event.description.value.splitlines() == [
        "Déplacée du 22 avril 2024, 00:00 au 26 avril 2024, 23:59\u00a0: "
        "The Committee asked for more time",
        "Date limite de soumission pour l\u2019ensemble du projet, Committee on Hemispheric "
        "Security 2023-2024, heure du siège (America/New_York).",
    ]
    assert event.categories.value == ["Date limite de soumission"]
    alone = vobject.readOne(event_feed(world.session, world.negotiation, deadline,
                                       "es").body.decode()).vevent
    assert alone.categories.value == ["Plazo para la presentación de propuestas"]
    assert alone.description.value.startswith("Trasladada del 22 de abril de 2024, 00:00")
