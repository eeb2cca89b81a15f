"""The rehearsal clock: moved by the chair or the secretariat, only on a rehearsal server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.calendar.rehearsal import move_rehearsal_clock, reading
from negotiation.models import Negotiation, RecordEntry
from negotiation.record.clock import FixedClock, parse_moment
from tests.builders import CHAIR, World
from tests.web.addresses import at
from web.plumbing.access import now
from web.plumbing.dbsession import db

Client = Callable[[str | None], FlaskClient]


@pytest.fixture
def rehearsal(app: Flask) -> Flask:
    app.config["CLOCK_ADJUSTABLE"] = True
    return app


def rehearsal_time(world: World, negotiation: Negotiation | None = None) -> datetime:
    """The time the negotiation's pages read on the rehearsal server (the world's own by
    default)."""
    return reading(world.session, world.clock, negotiation or world.negotiation)


def test_the_chair_moves_the_clock_past_the_deadline(
    rehearsal: Flask, world: World, client_as: Client
) -> None:
    client = client_as("chair")
    assert "Rehearsal: the app runs as of" in client.get(at("/")).data.decode()
    response = client.post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00", "back": at("/")})
    assert response.status_code == 303
    assert rehearsal_time(world) == parse_moment("2024-05-09 10:00 America/New_York")
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.action != "revision_circulated")).one()  # after the world's rev. 0
    assert entry.action == "rehearsal_clock_moved" and "9 May 2024, 10:00" in entry.summary
    page = client_as("mex").get(at(f"/draft/paragraph/{world.paragraphs['op1'].id}")).data.decode()
    assert "The deadline for submissions has passed" in page


@pytest.mark.parametrize("role", ["mex", "observer"])
def test_delegations_and_observers_cannot_move_it(
    rehearsal: Flask, world: World, client_as: Client, role: str
) -> None:
    before = rehearsal_time(world)
    response = client_as(role).post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00"})
    assert response.status_code == 403
    assert rehearsal_time(world) == before


def test_a_server_on_a_set_clock_without_rehearsal_has_no_control(
    world: World, client_as: Client
) -> None:
    client = client_as("chair")
    assert "Rehearsal" not in client.get(at("/")).data.decode()
    before = rehearsal_time(world)
    assert client.post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00"}).status_code == 404
    assert rehearsal_time(world) == before


def test_the_clock_does_not_go_back_before_recorded_acts(
    rehearsal: Flask, world: World, client_as: Client
) -> None:
    from negotiation.chairing.decisions import triage_section

    client = client_as("chair")
    client.post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00"})
    triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"],
                   rehearsal_time(world))
    refused = client.post(at("/rehearsal/clock"), data={"at": "2024-04-20T10:00"},
                          follow_redirects=True)
    assert ("The record already holds an act of 9 May 2024, 10:00 in Washington"
            in refused.data.decode())
    assert rehearsal_time(world) == parse_moment("2024-05-09 10:00 America/New_York")
    forward = client.post(at("/rehearsal/clock"), data={"at": "2024-05-16T10:00"})
    assert forward.status_code == 303
    assert rehearsal_time(world) == parse_moment("2024-05-16 10:00 America/New_York")


def test_moving_back_is_allowed_while_nothing_was_done_since(
    rehearsal: Flask, world: World, client_as: Client
) -> None:
    client = client_as("secretariat")
    client.post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00"})
    client.post(at("/rehearsal/clock"), data={"at": "2024-04-20T10:00"})
    assert rehearsal_time(world) == parse_moment("2024-04-20 10:00 America/New_York")


Worker = Callable[[FixedClock], Flask]
OnApp = Callable[[Flask, str | None], FlaskClient]
BANNER = "Rehearsal: the app runs as of <strong>{}</strong>"


def test_every_worker_of_the_server_reads_the_clock_where_it_was_moved(
    rehearsal: Flask, world: World, client_on: OnApp, another_worker: Worker
) -> None:
    # Each worker of a server started "as of" a moment holds a clock of its own.
    second = another_worker(FixedClock(world.clock.started_at))
    chair = client_on(rehearsal, "chair")
    assert chair.post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00"}).status_code == 303
    page = client_on(second, "secretariat").get(at("/")).data.decode()
    assert BANNER.format("9 May 2024, 10:00 in Washington") in page
    paragraph = at(f"/draft/paragraph/{world.paragraphs['op1'].id}")
    assert "The deadline for submissions has passed" in client_on(second, "mex").get(
        paragraph).data.decode()
    # Moved on the second worker, the first reads it too.
    assert client_on(second, "secretariat").post(
        at("/rehearsal/clock"), data={"at": "2024-05-16T10:00"}).status_code == 303
    page = chair.get(at("/")).data.decode()
    assert BANNER.format("16 May 2024, 10:00 in Washington") in page
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.action == "rehearsal_clock_moved").order_by(RecordEntry.id.desc())).first()
    assert entry is not None
    assert "from 9 May 2024, 10:00 in Washington to 16 May 2024" in entry.summary


def test_a_restarted_server_goes_on_from_the_last_move(
    rehearsal: Flask, world: World, client_on: OnApp, another_worker: Worker
) -> None:
    started = world.clock.started_at
    client_on(rehearsal, "chair").post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00"})
    restarted = another_worker(FixedClock(started))
    page = client_on(restarted, "mex").get(at("/")).data.decode()
    assert BANNER.format("9 May 2024, 10:00 in Washington") in page


def test_a_server_started_at_another_moment_rehearses_on_its_own(
    rehearsal: Flask, world: World, client_on: OnApp, another_worker: Worker
) -> None:
    client_on(rehearsal, "chair").post(at("/rehearsal/clock"), data={"at": "2024-05-09T10:00"})
    other = another_worker(FixedClock(parse_moment("2024-04-25 09:00 America/New_York")))
    page = client_on(other, "mex").get(at("/")).data.decode()
    assert BANNER.format("25 April 2024, 09:00 in Washington") in page


def test_a_request_reads_the_rehearsal_clock_once(rehearsal: Flask, world: World) -> None:
    nine_may = parse_moment("2024-05-09 10:00 America/New_York")
    with rehearsal.test_request_context(at("/")):
        rehearsal.preprocess_request()  # takes the negotiation from the address
        before = now()
        # Meanwhile the clock is moved, and the move committed.
        move_rehearsal_clock(db(), g.negotiation, CHAIR, world.clock, nine_may)
        db().commit()
        assert now() == before != nine_may  # this request's acts keep one moment
    with rehearsal.test_request_context(at("/")):
        rehearsal.preprocess_request()
        assert now() == nine_may


def test_moving_one_negotiations_clock_leaves_the_others_time(
    rehearsal: Flask, world: World, cicte: Negotiation, client_as: Client
) -> None:
    start = rehearsal_time(world)
    chair = client_as("chair")
    moved = chair.post("/cicte/2025/rehearsal/clock", data={"at": "2024-05-09T10:00"})
    assert moved.status_code == 303
    assert rehearsal_time(world, cicte) == parse_moment("2024-05-09 10:00 America/New_York")
    # The CSH's pages still read its own time: its deadline has not passed.
    assert rehearsal_time(world) == start
    assert BANNER.format("1 April 2024, 10:00 in Washington") in chair.get(at("/")).data.decode()
    paragraph = at(f"/draft/paragraph/{world.paragraphs['op1'].id}")
    assert "The deadline for submissions has passed" not in client_as("mex").get(
        paragraph).data.decode()
    # Moved back in its own negotiation, the CSH's clock is bound by its own record only.
    assert chair.post(at("/rehearsal/clock"), data={"at": "2024-04-05T10:00"}).status_code == 303
    assert rehearsal_time(world, cicte) == parse_moment("2024-05-09 10:00 America/New_York")
