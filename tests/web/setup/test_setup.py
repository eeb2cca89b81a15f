"""Setting up the cycle from the web: the calendar and the caps, and who may do what."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.models import Cap, Milestone, MilestoneMove, Participation
from negotiation.people.signin import start_session
from tests.builders import DRAFT_DEADLINE, World

Client = Callable[[str | None], FlaskClient]
Url = Callable[[str], str]
HTMX = {"HX-Request": "true"}


def draft_deadline(world: World) -> Milestone:
    return world.session.scalars(select(Milestone).where(
        Milestone.at == DRAFT_DEADLINE, Milestone.section_id.is_(None))).one()


def move(client: FlaskClient, at: Url, milestone: Milestone, when: str, reason: str = "",
         written_on: int | None = None, **headers: str) -> tuple[int, str]:
    response = client.post(at(f"/calendar/{milestone.id}"), headers=headers, data={
        "kind": milestone.kind.value, "title": milestone.title, "at": when,
        "section": str(milestone.section_id or ""), "reason": reason,
        "written_on": str(milestone.version if written_on is None else written_on)})
    return response.status_code, response.data.decode()


def test_a_moved_deadline_shows_on_a_delegations_page_at_once(
    world: World, client_as: Client, at: Url
) -> None:
    mexico = client_as("mex")
    assert "22 April 2024, 00:00 in Washington" in mexico.get(at("/")).data.decode()
    status, _ = move(client_as("secretariat"), at, draft_deadline(world), "2024-04-26T23:59",
                     reason="More time for capitals' instructions")
    assert status == 303
    home = mexico.get(at("/")).data.decode()
    assert "Changed in the calendar" in home
    assert "26 April 2024, 23:59 in Washington" in home
    assert "<del><time" in home and "22 April 2024, 00:00 in Washington" in home
    assert "More time for capitals&#39; instructions" in home
    calendar = mexico.get(at("/calendar/")).data.decode()
    assert "moved from" in calendar and "26 April 2024, 23:59 in Washington" in calendar
    assert 'name="title"' not in calendar  # a delegation reads, it does not edit


def test_a_passed_deadline_is_not_moved_without_a_reason(
    world: World, client_as: Client, at: Url
) -> None:
    world.after_deadline()
    deadline = draft_deadline(world)
    chair = client_as("chair")
    status, body = move(chair, at, deadline, "2024-05-20T23:59")
    assert status == 422
    assert "This date passed on 22 April 2024, 00:00 in Washington; give the reason" in body
    assert 'value="2024-05-20T23:59"' in body  # what was typed is kept
    world.session.expire_all()
    assert draft_deadline(world).version == 1
    assert world.session.scalars(select(MilestoneMove)).all() == []
    status, _ = move(chair, at, deadline, "2024-05-20T23:59", reason="Reopened by the Committee")
    assert status == 303


@pytest.mark.parametrize("when", ["not a date", "2024-13-01T10:00", "", "0024-04-01T10:00"])
def test_a_bad_date_is_refused_beside_the_field(
    world: World, client_as: Client, at: Url, when: str
) -> None:
    response = client_as("secretariat").post(at("/calendar/"), data={
        "kind": "meeting", "title": "Informal consultations", "at": when, "section": ""})
    assert response.status_code == 422
    assert "Give the date and time at headquarters (America/New_York)" in response.data.decode()
    assert len(world.negotiation.milestones) == 2


def test_an_edit_on_a_date_moved_meanwhile_is_refused_and_keeps_what_was_typed(
    world: World, client_as: Client, at: Url
) -> None:
    deadline = draft_deadline(world)
    seen = deadline.version
    assert move(client_as("chair"), at, deadline, "2024-04-24T23:59")[0] == 303
    status, body = move(client_as("secretariat"), at, deadline, "2024-04-29T23:59",
                        written_on=seen)
    assert status == 409
    assert "Someone changed this date while you were editing it" in body
    assert 'value="2024-04-29T23:59"' in body
    world.session.refresh(deadline)
    assert deadline.at.astimezone(world.negotiation.zone).day == 24


def test_a_section_deadline_added_with_htmx_answers_the_calendar_fragment(
    world: World, client_as: Client, at: Url
) -> None:
    response = client_as("secretariat").post(at("/calendar/"), headers=HTMX, data={
        "kind": "submission_deadline", "title": "CIFTA: comments due",
        "at": "2024-04-12T18:00", "section": str(world.sections["cifta"].id)})
    body = response.data.decode()
    assert response.status_code == 200
    assert "<html" not in body and body.lstrip().startswith('<div id="calendar">')
    assert "Added to the calendar: CIFTA: comments due." in body
    assert "12 April 2024, 18:00 in Washington" in body

    refused = client_as("secretariat").post(at("/calendar/"), headers=HTMX, data={
        "kind": "meeting", "title": "", "at": "2024-04-12T18:00", "section": ""})
    assert refused.status_code == 422 and "Give the date a title" in refused.data.decode()
    assert "<html" not in refused.data.decode()


@pytest.mark.parametrize("who", ["mex", "observer"])
def test_only_the_chair_and_the_secretariat_change_the_calendar_and_the_caps(
    world: World, client_as: Client, at: Url, who: str
) -> None:
    client = client_as(who)
    deadline = draft_deadline(world)
    cap = world.session.scalars(select(Cap)).first()
    assert cap is not None
    assert move(client, at, deadline, "2024-04-29T23:59", reason="x")[0] == 403
    assert client.get(at(f"/calendar/{deadline.id}")).status_code == 403
    assert client.post(at("/calendar/"), data={"kind": "meeting", "title": "x",
                                               "at": "2024-05-01T10:00"}).status_code == 403
    assert client.post(at("/caps/"), data={"applies_to": "item", "effective_from": "2024-05-01",
                                           "total": "1"}).status_code == 403
    assert client.post(at(f"/caps/{cap.id}/remove"),
                       data={"written_on": str(cap.version)}).status_code == 403
    assert client.post(at("/caps/import"), data={
        "file": (io.BytesIO(b""), "caps.toml")}).status_code == 403
    world.session.expire_all()
    assert draft_deadline(world).version == 1 and len(world.session.scalars(
        select(Cap)).all()) == 4


def test_signed_out_visitors_are_sent_to_sign_in(client_as: Client, at: Url) -> None:
    for path in ("/calendar/", "/caps/"):
        assert client_as(None).get(at(path)).status_code == 302


def test_every_setup_form_needs_its_csrf_token(
    world: World, csrf_app: Flask, accounts: dict[str, object], at: Url
) -> None:
    client = csrf_app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = start_session(
            world.session, accounts["secretariat"], datetime.now(UTC))  # type: ignore[arg-type]
    response = client.post(at("/calendar/"), data={
        "kind": "meeting", "title": "Informal consultations", "at": "2024-05-01T10:00"})
    assert response.status_code == 400
    assert len(world.negotiation.milestones) == 2


def test_the_chair_lowers_a_cap_and_the_draft_is_checked_against_it_at_once(
    world: World, client_as: Client, at: Url
) -> None:
    chair = client_as("chair")
    item = world.session.scalars(select(Cap).where(Cap.applies_to == "item")).one()
    response = chair.post(at(f"/caps/{item.id}"), data={
        "applies_to": "item", "effective_from": "2023-09-28", "preambular": "1",
        "operative": "3", "mandates_paragraphs": "1", "mandates_subparagraphs": "3",
        "written_on": str(item.version), "source": "Chair's revision"})
    assert response.status_code == 303
    caps = chair.get(at("/caps/")).data.decode()
    assert "Trafficking in persons: 2 preambular paragraphs, the cap is 1" in caps
    assert "over:" in client_as("mex").get(at("/")).data.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"effective_from": "25/01/2024", "total": "4"}, "Give the date the rule takes effect"),
        ({"effective_from": "2024-01-25", "effective_until": "2024-01-01", "total": "4"},
         "The rule cannot end before it takes effect."),
        ({"effective_from": "2024-01-25", "total": "four"}, "is a whole number"),
        ({"effective_from": "2024-01-25"}, "Set at least one cap."),
        ({"effective_from": "2024-01-25", "total": "1000"}, "is at most 999"),
        ({"effective_from": "2024-01-25", "total": "9" * 4301}, "is a whole number"),
        ({"effective_from": "2024-01-25", "total": "²"}, "is a whole number"),
        ({"effective_from": "2024-01-25", "applies_to": "itme", "total": "4"},
         "is neither a kind of section"),
    ],
)
def test_an_unsound_rule_is_refused_beside_the_field(
    world: World, client_as: Client, at: Url, data: dict[str, str], message: str
) -> None:
    form = {"applies_to": "instrument", **data}
    response = client_as("secretariat").post(at("/caps/"), data=form)
    assert response.status_code == 422
    assert message in response.data.decode().replace("&#39;", "'")
    assert len(world.session.scalars(select(Cap)).all()) == 4


def test_the_rules_file_goes_out_and_comes_back_in(
    world: World, client_as: Client, at: Url
) -> None:
    secretariat = client_as("secretariat")
    exported = secretariat.get(at("/caps/export"))
    assert exported.headers["Content-Disposition"] == \
        'attachment; filename="csh-2023-2024.toml"'
    text = exported.data.decode()
    changed = text.replace("total = 4", "total = 5").encode()
    response = secretariat.post(at("/caps/import"), data={
        "file": (io.BytesIO(changed), "csh-2023-2024.toml")})
    assert response.status_code == 303
    caps = world.session.scalars(select(Cap).where(Cap.applies_to == "instrument")).all()
    assert sorted(c.total for c in caps) == [3, 5]  # type: ignore[type-var]

    for bad, message in [(b"rule = [", "This is not a rules file in TOML"),
                         (b"\xff\xfe\x00", "it is not text"),
                         (b"#" * 100_000, "too large")]:
        response = secretariat.post(at("/caps/import"), data={
            "file": (io.BytesIO(bad), "caps.toml")})
        assert response.status_code == 422 and message in response.data.decode()
    assert len(world.session.scalars(select(Cap)).all()) == 4


def test_a_delegation_let_go_by_the_secretariat_no_longer_sees_the_negotiation(
    world: World, client_as: Client, at: Url
) -> None:
    secretariat = client_as("secretariat")
    page = secretariat.get(at("/delegations/")).data.decode()
    assert "5 of 5 member states take part" in page
    canada = client_as("can")
    assert canada.get(at("/")).status_code == 200
    everyone = [str(d.id) for d in world.delegations.values()]
    keep = [str(d.id) for code, d in world.delegations.items() if code != "CAN"]
    response = secretariat.post(at("/delegations/"), headers=HTMX,
                                data={"delegation": keep, "seen": everyone})
    assert response.status_code == 200
    assert "0 delegation(s) admitted, 1 no longer taking part." in response.data.decode()
    assert canada.get(at("/")).status_code == 403

    stale = secretariat.post(at("/delegations/"), data={"delegation": everyone,
                                                        "seen": everyone})
    assert stale.status_code == 409
    assert "4 of 5 member states take part" in stale.data.decode()


@pytest.mark.parametrize(("who", "reads"), [("chair", 200), ("mex", 403), ("observer", 403)])
def test_only_the_secretariat_chooses_the_delegations(
    world: World, client_as: Client, at: Url, who: str, reads: int
) -> None:
    client = client_as(who)
    assert client.get(at("/delegations/")).status_code == reads
    everyone = [str(d.id) for d in world.delegations.values()]
    response = client.post(at("/delegations/"), data={"delegation": everyone[:1],
                                                      "seen": everyone})
    assert response.status_code == 403
    assert len(world.session.scalars(select(Participation)).all()) == 5
