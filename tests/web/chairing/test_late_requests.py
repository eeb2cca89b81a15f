"""From the web: a delegation asks for late leave; the chair grants or refuses it; the
delegation reads the answer on its page and its home page; the wrong role is refused, and so
is an answer after the meeting or a second answer."""

from __future__ import annotations

import html
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.enums import MilestoneKind
from negotiation.models import LateLeave, LateLeaveRequest, Milestone
from negotiation.record.clock import parse_moment
from tests.builders import World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def _ask(client: FlaskClient, scope: str, reason: str = "The capital's instructions are late"
         ) -> int:
    return client.post(at("/late-leave/"), data={"scope": scope, "reason": reason}).status_code


def _asked(world: World) -> LateLeaveRequest:
    return world.session.scalars(select(LateLeaveRequest)).one()


def test_a_delegation_asks_for_a_paragraph_and_the_chair_grants_it(
    world: World, client_as: Client
) -> None:
    world.after_deadline()
    paragraph = world.paragraphs["op1"]
    mexico = client_as("mex")
    # The paragraph page, past the deadline, leads to the request with the paragraph chosen.
    shown = html.unescape(mexico.get(at(f"/draft/paragraph/{paragraph.id}"))
                          .get_data(as_text=True))
    assert "Ask the chair for late leave on this paragraph" in shown
    form = html.unescape(mexico.get(at(f"/late-leave/?scope=p:{paragraph.id}"))
                         .get_data(as_text=True))
    assert 'id="late-request-form"' in form and "operative paragraph 1 of Trafficking" in form
    assert f'<option value="p:{paragraph.id}" selected>' in form
    assert _ask(mexico, f"p:{paragraph.id}") == 303
    page = html.unescape(mexico.get(at("/late-leave/")).get_data(as_text=True))
    assert "Awaiting the chair's answer" in page

    chair = client_as("chair")
    listing = html.unescape(chair.get(at("/chair/late/")).get_data(as_text=True))
    assert "Requests from delegations" in listing
    assert "The delegation's reason: The capital's instructions are late" in listing
    assert "Requests for late leave awaiting the chair's answer" in (
        html.unescape(chair.get(at("/")).get_data(as_text=True)))
    asked = _asked(world)
    answered = chair.post(at(f"/chair/late/requests/{asked.id}/granted"), data={
        "until": "2024-05-10T18:00", "reason": "Granted for this paragraph"})
    assert answered.status_code == 303
    leave = world.session.scalars(select(LateLeave)).one()
    assert leave.paragraph_id == paragraph.id

    home = html.unescape(mexico.get(at("/")).get_data(as_text=True))
    assert "Your delegation's requests for late leave" in home
    assert "Granted" in home and "Granted for this paragraph" in home
    # That paragraph takes the delegation's proposal now; another does not.
    page = mexico.get(at(f"/draft/paragraph/{paragraph.id}")).get_data(as_text=True)
    assert 'id="modify-form"' in page
    other = world.paragraphs["op2"]
    assert 'id="modify-form"' not in html.unescape(mexico.get(
        at(f"/draft/paragraph/{other.id}")).get_data(as_text=True))


def test_the_chair_refuses_and_the_delegation_reads_why(world: World, client_as: Client) -> None:
    world.after_deadline()
    mexico = client_as("mex")
    assert _ask(mexico, f"s:{world.sections['cifta'].id}") == 303
    asked = _asked(world)
    chair = client_as("chair")
    empty = chair.post(at(f"/chair/late/requests/{asked.id}/refused"), data={"reason": ""})
    assert empty.status_code == 422
    assert "Give the reason for your answer" in empty.get_data(as_text=True)
    refused = chair.post(at(f"/chair/late/requests/{asked.id}/refused"),
                         data={"reason": "CIFTA's section was closed by agreement"})
    assert refused.status_code == 303
    page = html.unescape(mexico.get(at("/late-leave/")).get_data(as_text=True))
    assert "Refused" in page and "CIFTA's section was closed by agreement" in page
    # A second answer, from the same chair's stale page, is a conflict, not a failure.
    again = chair.post(at(f"/chair/late/requests/{asked.id}/granted"),
                       data={"until": "2024-05-10T18:00", "reason": "After all"})
    assert again.status_code == 409
    assert "This request was already refused by Chair" in again.get_data(as_text=True)
    assert world.session.scalars(select(LateLeave)).all() == []


def test_the_wrong_role_is_refused_on_both_sides(world: World, client_as: Client) -> None:
    world.after_deadline()
    assert _ask(client_as("chair"), "") == 403
    assert _ask(client_as("observer"), "") == 403
    assert _ask(client_as("mex"), "") == 303
    asked = _asked(world)
    for who in ("secretariat", "mex", "can", "observer"):
        answered = client_as(who).post(at(f"/chair/late/requests/{asked.id}/refused"),
                                       data={"reason": "No"})
        assert answered.status_code == 403, who
    assert _asked(world).pending
    # The secretariat reads the requests, without the chair's forms.
    page = html.unescape(client_as("secretariat").get(at("/chair/late/")).get_data(as_text=True))
    assert "Mexico" in page and "Refuse late leave" not in page


def test_no_answer_after_the_meeting(world: World, client_as: Client) -> None:
    world.after_deadline()
    world.session.add(Milestone(negotiation_id=world.negotiation.id,
                                kind=MilestoneKind.MEETING, title="CSH meeting",
                                at=parse_moment("2024-05-09 10:00 America/New_York")))
    world.session.flush()
    assert _ask(client_as("mex"), "") == 303
    asked = _asked(world)
    world.clock.set(parse_moment("2024-05-10 09:00 America/New_York"))
    answered = client_as("chair").post(at(f"/chair/late/requests/{asked.id}/refused"),
                                       data={"reason": "Too late"})
    assert answered.status_code == 409
    assert "is over" in answered.get_data(as_text=True)
    page = client_as("mex").get(at("/late-leave/")).get_data(as_text=True)
    assert "Lapsed" in page
    assert _ask(client_as("can"), "") == 409


def test_a_paragraph_of_another_negotiation_or_nonsense_is_refused(
    world: World, client_as: Client
) -> None:
    world.after_deadline()
    mexico = client_as("mex")
    for scope in ("p:999999", "s:abc", "x:1"):
        response = mexico.post(at("/late-leave/"), data={"scope": scope, "reason": "x"})
        assert response.status_code == 422
        assert "Choose a paragraph or a section of this draft" in response.get_data(as_text=True)
    assert world.session.scalars(select(LateLeaveRequest)).all() == []
