"""A delegation asks for late leave; the chair grants it (for that paragraph or section
only) or refuses it with a reason; a request is answered once, by the chair, and not after
the meeting that considers it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from negotiation.calendar.late_requests import answer_late_request, ask_late_leave
from negotiation.enums import AmendmentKind, MilestoneKind
from negotiation.errors import DeadlinePassed, NotPermitted, RefusedTransition
from negotiation.models import Amendment, Milestone, Notice, RecordEntry
from negotiation.notices.wording import notice_in
from negotiation.proposals.submissions import submit_proposal
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, DRAFT_DEADLINE, SECRETARIAT, World

UNTIL = parse_moment("2024-05-10 18:00 America/New_York")


def propose(world: World, key: str, code: str = "MEX") -> Amendment:
    paragraph = world.paragraphs[key]
    return submit_proposal(
        world.session, world.negotiation, world.delegate(code), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text=paragraph.text.replace("strengthen", "deepen").replace("share", "exchange"),
    ).amendment


def meeting(world: World, when: str) -> Milestone:
    held = Milestone(negotiation_id=world.negotiation.id, kind=MilestoneKind.MEETING,
                     title="CSH meeting", at=parse_moment(when))
    world.session.add(held)
    world.session.flush()
    return held


def test_leave_granted_for_one_paragraph_lets_in_that_paragraph_only(world: World) -> None:
    world.after_deadline()
    asked = ask_late_leave(world.session, world.negotiation, world.delegate("MEX"),
                           "Instructions from the capital arrived late", world.now,
                           paragraph=world.paragraphs["op1"], paragraph_label="1")
    assert asked.pending and asked.section_id == world.sections["tip"].id
    answer_late_request(world.session, world.negotiation, CHAIR, asked, "granted",
                        "Agreed: the capital wrote to the chair", world.now, until=UNTIL,
                        paragraph_label="1")
    assert asked.decision == "granted" and asked.leave is not None
    assert asked.leave.paragraph_id == world.paragraphs["op1"].id
    assert propose(world, "op1").late is True
    with pytest.raises(DeadlinePassed):
        propose(world, "op2")
    [told] = world.session.scalars(select(Notice).where(Notice.kind == "late-leave")).all()
    assert told.delegation_id == world.delegations["MEX"].id
    assert notice_in(told, "en")[0] == ("Late submissions accepted for operative paragraph 1 "
                                        "of Trafficking in persons")
    actions = world.session.scalars(select(RecordEntry.action).order_by(RecordEntry.id)).all()
    assert actions[-3:] == ["late_leave_asked", "late_leave_granted", "proposal_modify"]


def test_a_refusal_tells_the_delegation_why_and_opens_nothing(world: World) -> None:
    world.after_deadline()
    asked = ask_late_leave(world.session, world.negotiation, world.delegate("MEX"),
                           "We need one more day", world.now, section=world.sections["tip"])
    answer_late_request(world.session, world.negotiation, CHAIR, asked, "refused",
                        "The section was closed by agreement", world.now)
    assert asked.decision == "refused" and asked.decided_by == "Chair"
    with pytest.raises(DeadlinePassed):
        propose(world, "op1")
    [told] = world.session.scalars(select(Notice).where(Notice.kind == "late-leave")).all()
    title, body = notice_in(told, "en")
    assert title == "Late leave refused for Trafficking in persons"
    assert body == ("The chair refused the request of Mexico to submit late for Trafficking "
                    "in persons. The chair's reason: The section was closed by agreement")
    # Answered once: a second answer, either way, is refused and changes nothing.
    with pytest.raises(RefusedTransition, match="already refused by Chair"):
        answer_late_request(world.session, world.negotiation, CHAIR, asked, "granted",
                            "On second thoughts", world.now, until=UNTIL)


def test_only_a_delegation_asks_and_only_the_chair_answers(world: World) -> None:
    world.after_deadline()
    with pytest.raises(NotPermitted, match="Only a delegation may ask"):
        ask_late_leave(world.session, world.negotiation, CHAIR, "x", world.now)
    asked = ask_late_leave(world.session, world.negotiation, world.delegate("MEX"),
                           "Late instructions", world.now)
    for who in (SECRETARIAT, world.delegate("MEX"), world.delegate("CAN")):
        with pytest.raises(NotPermitted, match="Only the chair may answer"):
            answer_late_request(world.session, world.negotiation, who, asked, "refused",
                                "No", world.now)
    assert asked.pending


def test_asking_before_the_deadline_or_twice_is_refused(world: World) -> None:
    world.clock.set(DRAFT_DEADLINE - timedelta(hours=1))
    with pytest.raises(RefusedTransition, match="has not passed"):
        ask_late_leave(world.session, world.negotiation, world.delegate("MEX"), "x",
                       world.now)
    world.after_deadline()
    ask_late_leave(world.session, world.negotiation, world.delegate("MEX"), "x", world.now)
    with pytest.raises(RefusedTransition, match="the chair has not answered yet"):
        ask_late_leave(world.session, world.negotiation, world.delegate("MEX"), "x",
                       world.now)


def test_nothing_is_asked_or_answered_after_the_meeting(world: World) -> None:
    world.after_deadline()  # 9 May 2024, 10:00
    meeting(world, "2024-05-09 10:00 America/New_York")
    asked = ask_late_leave(world.session, world.negotiation, world.delegate("MEX"),
                           "Late instructions", world.now)
    world.clock.set(parse_moment("2024-05-10 09:00 America/New_York"))
    for answer in ("granted", "refused"):
        with pytest.raises(RefusedTransition, match="is over"):
            answer_late_request(world.session, world.negotiation, CHAIR, asked, answer,
                                "Too late", world.now, until=UNTIL)
    with pytest.raises(RefusedTransition, match="is over"):
        ask_late_leave(world.session, world.negotiation, world.delegate("CAN"), "x",
                       world.now)
    assert asked.pending
