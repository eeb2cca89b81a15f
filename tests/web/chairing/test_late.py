"""The chair accepts a delegation's late submissions from the web, and what follows."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.models import Amendment, LateLeave
from tests.builders import World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def test_a_late_acceptance_opens_the_form_for_that_delegation_only(
    world: World, client_as: Client
) -> None:
    world.after_deadline()
    paragraph = world.paragraphs["op1"]
    chair = client_as("chair")
    response = chair.post(at("/chair/late/"), data={
        "delegation": str(world.delegations["MEX"].id), "until": "2024-05-10T18:00",
        "reason": "Instructions from the capital were delayed"})
    assert response.status_code == 303
    listing = chair.get(at("/chair/late/")).data.decode()
    assert "Mexico" in listing and "Instructions from the capital were delayed" in listing
    assert "10 May 2024, 18:00 in Washington" in listing

    mexico = client_as("mex")
    page = mexico.get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert "accepted your delegation's late submissions" in page
    assert 'id="modify-form"' in page
    sent = mexico.post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "modify", "written_on": str(paragraph.current_version.id),
        "text": "To urge member states to deepen cooperation against trafficking in persons."})
    assert sent.status_code == 303
    amendment = world.session.scalars(select(Amendment)).one()
    assert amendment.late is True

    canada = client_as("can").get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert "The deadline for submissions has passed" in canada
    assert 'id="modify-form"' not in canada


def test_a_malformed_acceptance_is_refused_beside_the_field_and_changes_nothing(
    world: World, client_as: Client
) -> None:
    world.after_deadline()
    response = client_as("chair").post(at("/chair/late/"), data={
        "delegation": str(world.delegations["MEX"].id), "until": "2024-05-01T18:00",
        "reason": ""})
    body = response.data.decode()
    assert response.status_code == 422
    assert "That moment has already passed." in body
    response = client_as("chair").post(at("/chair/late/"), data={
        "delegation": "", "until": "not a date", "reason": "x"})
    body = response.data.decode()
    assert "Choose the delegation." in body and "Give the date and time" in body
    assert world.session.scalars(select(LateLeave)).all() == []


def test_the_same_late_leave_is_not_granted_twice_but_may_be_extended(
    world: World, client_as: Client
) -> None:
    world.after_deadline()
    chair = client_as("chair")
    form = {"delegation": str(world.delegations["MEX"].id), "until": "2024-05-10T18:00",
            "reason": "Instructions from the capital were delayed"}
    assert chair.post(at("/chair/late/"), data=form).status_code == 303
    again = chair.post(at("/chair/late/"), data=form)
    assert again.status_code == 422
    assert "Mexico already has late leave for the whole draft until 10 May 2024, 18:00" in (
        again.data.decode())
    assert len(world.session.scalars(select(LateLeave)).all()) == 1
    longer = chair.post(at("/chair/late/"), data={**form, "until": "2024-05-12T18:00"})
    assert longer.status_code == 303
    assert len(world.session.scalars(select(LateLeave)).all()) == 2


def test_the_empty_list_of_joined_proposals_says_so(world: World, client_as: Client) -> None:
    page = client_as("mex").get(at("/proposals/mine")).data.decode()
    assert "Your delegation has joined no other delegation&#39;s proposal yet." in page
