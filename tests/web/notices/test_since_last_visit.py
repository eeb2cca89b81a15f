"""The negotiation's home page shows what happened since the person's last visit: the
events that concern them (their delegation's and everyone's), newest first, each linking to
its page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from flask.testing import FlaskClient

from negotiation.calendar.deadlines import grant_late_leave
from negotiation.enums import AmendmentKind, MilestoneKind
from negotiation.models import Account, Milestone
from negotiation.proposals.invitations import invite_cosponsor
from negotiation.proposals.submissions import submit_proposal
from negotiation.setup.calendar import MilestoneChange, change_milestone
from tests.builders import CHAIR, DRAFT_DEADLINE, World

Client = Callable[[str | None], FlaskClient]
_EVENT = re.compile(r'<li><span class="meta">.*?</span> —\s*<a href="([^"]+)">([^<]+)</a>', re.S)


def since(client: FlaskClient, at: Callable[[str], str]) -> list[tuple[str, str]]:
    """(link, title) of each event in the home page's "since your last visit"."""
    page = client.get(at("/")).get_data(as_text=True)
    section = page.split('id="since-h"', 1)[1].split("</section>", 1)[0]
    return [(link, title.replace("&#39;", "'")) for link, title in _EVENT.findall(section)]


def later(world: World, minutes: int = 5) -> None:
    world.clock.set(world.now + timedelta(minutes=minutes))


def test_each_person_sees_what_concerns_them_since_their_last_visit_newest_first(
        client_as: Client, world: World, accounts: dict[str, Account],
        at: Callable[[str], str]) -> None:
    mex, can = client_as("mex"), client_as("can")
    since(mex, at), since(can, at)  # the first visits
    later(world)
    assert since(mex, at) == [] and since(can, at) == []
    later(world)
    op1 = world.paragraphs["op1"]
    proposal = submit_proposal(world.session, world.negotiation, world.delegate("MEX"), op1,
                               AmendmentKind.MODIFY, world.now,
                               written_on=op1.current_version.id,
                               text="To urge member states to deepen cooperation.").amendment
    invite_cosponsor(world.session, world.negotiation, world.delegate("MEX"), proposal,
                     world.delegations["CAN"].id, world.now)
    later(world)
    deadline = world.session.query(Milestone).filter_by(at=DRAFT_DEADLINE).one()
    change_milestone(world.session, world.negotiation, CHAIR, deadline,
                     MilestoneChange(MilestoneKind.SUBMISSION_DEADLINE, deadline.title,
                                     DRAFT_DEADLINE + timedelta(days=2)),
                     deadline.version, "", world.now)
    later(world)
    grant_late_leave(world.session, world.negotiation, CHAIR, world.delegations["MEX"],
                     DRAFT_DEADLINE + timedelta(days=5), "Instructions from capital",
                     world.now)
    later(world)
    seen_by_mexico = since(mex, at)
    assert [title for _, title in seen_by_mexico] == [
        "Late submissions accepted for the whole draft",
        "Date moved: Proposals due before 22 April",
    ]
    seen_by_canada = since(can, at)
    assert [title for _, title in seen_by_canada] == [
        "Date moved: Proposals due before 22 April",
        "Invitation to co-sponsor proposal 1 by Mexico",
    ]
    assert seen_by_canada[1][0] == at(f"/draft/paragraph/{op1.id}#proposal-{proposal.id}")
    for link, title in seen_by_mexico + seen_by_canada:
        assert mex.get(link.split("#")[0]).status_code == 200, title
    # Seen once: the next visit starts from this one.
    later(world)
    assert since(mex, at) == [] and since(can, at) == []
