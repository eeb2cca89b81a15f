"""Calendar feeds from the web: a person's secret address, polled with no sign-in, follows
every move; revoked, it answers 404 at once; it holds only the person's negotiations; the
negotiation's calendar and single dates download for those taking part. Read back with
vobject, a parser other than the library that writes them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import vobject
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.enums import MilestoneKind, Role
from negotiation.models import (
    Account,
    Appointment,
    CalendarSubscription,
    FormReceipt,
    Milestone,
    Negotiation,
)
from negotiation.record.clock import parse_moment
from tests.builders import DRAFT_DEADLINE, World
from tests.web.live import forms_in

Client = Callable[[str | None], FlaskClient]
Url = Callable[[str], str]
ADDRESS = re.compile(r'value="http://localhost/calendar/([A-Za-z0-9_-]{40,})\.ics"')


def new_address(client: FlaskClient) -> str:
    """Make a calendar address as the person does, and return its token as shown once."""
    response = client.post("/calendar/")
    assert response.status_code == 201
    body = response.data.decode()
    assert "it is shown only this once" in body
    found = ADDRESS.search(body)
    assert found is not None, body
    return found.group(1)


def events(body: bytes) -> dict[str, Any]:
    return {e.summary.value: e for e in vobject.readOne(body.decode()).vevent_list}


def draft_deadline(world: World) -> Milestone:
    return world.session.scalars(select(Milestone).where(
        Milestone.at == DRAFT_DEADLINE, Milestone.section_id.is_(None))).one()


def test_a_subscribed_calendar_follows_a_moved_deadline_with_no_sign_in(
    world: World, client_as: Client, at: Url
) -> None:
    token = new_address(client_as("mex"))
    program = client_as(None)  # a calendar program: no cookie, only the address
    first = program.get(f"/calendar/{token}.ics")
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "text/calendar; charset=utf-8"
    before = events(first.data)["CSH: Proposals due before 22 April"]
    assert before.dtstart.value == DRAFT_DEADLINE

    # Polling again costs nothing while nothing changed.
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    again = program.get(f"/calendar/{token}.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""

    deadline = draft_deadline(world)
    moved = client_as("secretariat").post(at(f"/calendar/{deadline.id}"), data={
        "kind": "submission_deadline", "title": deadline.title, "at": "2024-04-26T23:59",
        "section": "", "reason": "More time for capitals' instructions",
        "written_on": str(deadline.version)})
    assert moved.status_code == 303

    after = program.get(f"/calendar/{token}.ics", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag
    event = events(after.data)["CSH: Proposals due before 22 April"]
    assert event.uid.value == before.uid.value
    assert int(event.sequence.value) > int(before.sequence.value)
    assert event.dtstart.value == parse_moment("2024-04-26 23:59 America/New_York")
    assert event.description.value.splitlines()[0] == (
        "Moved from 22 April 2024, 00:00 to 26 April 2024, 23:59: "
        "More time for capitals' instructions")


def test_a_removed_date_reaches_the_subscribed_calendar_as_cancelled(
    world: World, client_as: Client, at: Url
) -> None:
    token = new_address(client_as("observer"))
    deadline = draft_deadline(world)
    refused = client_as("mex").post(at(f"/calendar/{deadline.id}/remove"),
                                    data={"written_on": str(deadline.version)})
    assert refused.status_code == 403
    removed = client_as("chair").post(at(f"/calendar/{deadline.id}/remove"), data={
        "written_on": str(deadline.version), "reason": "Replaced by section deadlines"})
    assert removed.status_code == 303
    assert "Proposals due before 22 April" not in \
        client_as("mex").get(at("/calendar/")).data.decode()
    event = events(client_as(None).get(f"/calendar/{token}.ics").data)[
        "CSH: Proposals due before 22 April"]
    assert event.status.value == "CANCELLED"
    assert event.description.value.startswith(
        "Removed from the calendar: Replaced by section deadlines")


def test_a_passed_date_is_not_removed_without_a_reason(
    world: World, client_as: Client, at: Url
) -> None:
    world.after_deadline()
    deadline = draft_deadline(world)
    response = client_as("secretariat").post(at(f"/calendar/{deadline.id}/remove"),
                                             data={"written_on": str(deadline.version)})
    assert response.status_code == 422
    assert "This date passed on 22 April 2024, 00:00 in Washington; give the reason" in \
        response.data.decode()
    world.session.refresh(deadline)
    assert deadline.removed_at is None and deadline.version == 1


def test_a_revoked_address_answers_404_at_once_and_only_its_owner_revokes_it(
    world: World, client_as: Client, accounts: dict[str, Account]
) -> None:
    mexico = client_as("mex")
    token = new_address(mexico)
    (link,) = world.session.scalars(select(CalendarSubscription).where(
        CalendarSubscription.account_id == accounts["mex"].id)).all()
    # Kept as a hash only, and nowhere else in the database (not in the form's receipt).
    assert link.token_hash != token and len(link.token_hash) == 64
    assert not any(token in (r.body or "") for r in world.session.scalars(select(FormReceipt)))

    # The page lists it, with its button, to its owner.
    listed = mexico.get("/calendar/")
    assert listed.status_code == 200
    assert f'action="/calendar/{link.id}/revoke"' in listed.data.decode()
    refused = client_as("can").post(f"/calendar/{link.id}/revoke")
    assert refused.status_code == 404 and "Addresses in force" in refused.data.decode()
    assert client_as(None).get(f"/calendar/{token}.ics").status_code == 200

    assert mexico.post(f"/calendar/{link.id}/revoke").status_code == 303
    assert client_as(None).get(f"/calendar/{token}.ics").status_code == 404
    assert "You have no calendar address in force" in mexico.get("/calendar/").data.decode()
    assert client_as(None).get("/calendar/not-an-address.ics").status_code == 404


def other_negotiation(world: World, observer: Account) -> Milestone:
    """A CICTE cycle the observer (alone of the tests' people) takes part in, and its date."""
    other = Negotiation(committee="CICTE", committee_name="Inter-American Committee against "
                        "Terrorism", cycle="2024-2025", title="CICTE work plan",
                        symbol="CICTE/doc.1/24", timezone="America/New_York", rules="none")
    world.session.add(other)
    world.session.flush()
    session_date = Milestone(negotiation_id=other.id, kind=MilestoneKind.MEETING,
                             title="Regular session",
                             at=parse_moment("2024-06-03 10:00 America/New_York"))
    world.session.add_all([session_date, Appointment(
        negotiation_id=other.id, account_id=observer.id, role=Role.OBSERVER,
        appointed_at=world.now, appointed_by="tests")])
    world.session.flush()
    return session_date


def test_each_address_holds_only_its_owners_negotiations(
    world: World, client_as: Client, accounts: dict[str, Account]
) -> None:
    other_negotiation(world, accounts["observer"])
    observer = events(client_as(None).get(
        f"/calendar/{new_address(client_as('observer'))}.ics").data)
    mexico = events(client_as(None).get(f"/calendar/{new_address(client_as('mex'))}.ics").data)
    assert "CICTE: Regular session" in observer
    assert "CSH: Proposals due before 22 April" in observer
    assert "CICTE: Regular session" not in mexico
    assert set(mexico) == {"CSH: Proposals due before 22 April",
                           "CSH: JID/CSH mechanism: comments due "
                           "(Inter-American Defense Board (JID))"}


def test_the_calendar_page_links_the_feeds_and_each_date_downloads_alone(
    world: World, client_as: Client, at: Url
) -> None:
    page = client_as("observer").get(at("/calendar/")).data.decode()
    deadline = draft_deadline(world)
    assert f'href="{at("/calendar.ics")}">Subscribe</a>' in page
    assert 'href="/calendar/">Your calendar address</a>' in page
    assert f'href="{at(f"/calendar/{deadline.id}.ics")}">Add to calendar' in page

    whole = client_as("observer").get(at("/calendar.ics"))
    assert whole.status_code == 200 and len(events(whole.data)) == 2
    single = client_as("mex").get(at(f"/calendar/{deadline.id}.ics"))
    assert single.headers["Content-Disposition"].startswith("attachment;")
    (event,) = events(single.data).values()
    assert event.dtstart.value == DRAFT_DEADLINE


def test_the_negotiations_files_are_for_those_taking_part(
    world: World, client_as: Client, at: Url, accounts: dict[str, Account]
) -> None:
    assert client_as(None).get(at("/calendar.ics")).status_code == 302
    assert client_as(None).get("/calendar/").status_code == 302
    elsewhere = other_negotiation(world, accounts["observer"])
    assert client_as("mex").get(at(f"/calendar/{elsewhere.id}.ics")).status_code == 404
    assert client_as("mex").get("/cicte/2024-2025/calendar.ics").status_code == 403
    assert client_as("observer").get("/cicte/2024-2025/calendar.ics").status_code == 200


def test_making_an_address_needs_the_forms_csrf_token(
    csrf_app: Flask, client_on: Callable[[Flask, str | None], FlaskClient], world: World
) -> None:
    client = client_on(csrf_app, "mex")
    assert client.post("/calendar/").status_code == 400
    assert world.session.scalars(select(CalendarSubscription)).all() == []
    page = client.get("/calendar/").data.decode()
    csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf_token is not None
    assert client.post("/calendar/", data={"csrf_token": csrf_token.group(1)}).status_code \
        == 201


def test_a_double_click_makes_one_address_and_keeps_no_copy_of_it(
    world: World, client_as: Client
) -> None:
    """The form carries a one-time key like every other: the second click of the same form
    makes no second address, and is sent to the list (the address was shown once, on the
    first answer, and no kept answer holds it)."""
    client = client_as("mex")
    form = next(f for f in forms_in(client.get("/calendar/").data.decode())
                if f.action == "/calendar/")
    first = client.post(form.action, data=form.fields)
    assert first.status_code == 201
    token = ADDRESS.search(first.data.decode())
    assert token is not None
    again = client.post(form.action, data=form.fields)
    assert again.status_code == 303
    assert "sent twice: one address was made" in client.get(again.location).data.decode()
    world.session.expire_all()
    assert len(world.session.scalars(select(CalendarSubscription)).all()) == 1
    assert not any(token.group(1) in (r.body or "") + (r.location or "")
                   for r in world.session.scalars(select(FormReceipt)))
