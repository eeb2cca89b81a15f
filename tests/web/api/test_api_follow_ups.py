"""The acts the API lacked: a delegation revises its proposal and invites a co-sponsor; the
chair writes a compromise text and circulates the next revision, read first and confirmed
as read."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from negotiation.enums import AmendmentState
from negotiation.models import Amendment, Revision, SponsorInvitation
from tests.builders import World
from tests.web.api.conftest import ApiClient

Api = Callable[[str | None], ApiClient]


def _mexico_proposes(world: World, api_as: Api) -> dict:
    paragraph = world.paragraphs["op1"]
    answer = api_as("mex").post(f"/paragraphs/{paragraph.id}/proposals", {
        "kind": "modify", "base_version_id": paragraph.current_version.id,
        "text": paragraph.text.replace("strengthen", "deepen")})
    assert answer.status_code == 201, answer.json
    return answer.json["proposal"]


def test_a_delegation_revises_its_own_proposal_and_the_earlier_is_kept(
    world: World, api_as: Api
) -> None:
    first = _mexico_proposes(world, api_as)
    revised_text = world.paragraphs["op1"].text.replace("strengthen", "redouble")
    refused = api_as("can").post(f"/proposals/{first['id']}/revise", {"text": revised_text})
    assert refused.status_code == 403, refused.json
    answer = api_as("mex").post(f"/proposals/{first['id']}/revise", {"text": revised_text})
    assert answer.status_code == 201, answer.json
    assert answer.json["proposal"]["id"] != first["id"]
    world.session.expire_all()
    earlier = world.session.get_one(Amendment, first["id"])
    assert earlier.state is AmendmentState.SUPERSEDED


def test_a_delegation_invites_a_co_sponsor_once(world: World, api_as: Api) -> None:
    proposal = _mexico_proposes(world, api_as)
    canada = world.delegations["CAN"].id
    answer = api_as("mex").post(f"/proposals/{proposal['id']}/invitations",
                                {"delegation_id": canada})
    assert answer.status_code == 201, answer.json
    assert answer.json["answer"] == "pending"
    again = api_as("mex").post(f"/proposals/{proposal['id']}/invitations",
                               {"delegation_id": canada})
    assert again.status_code in (409, 422) and again.json["error"]["message"]
    assert world.session.scalar(select(func.count()).select_from(SponsorInvitation)) == 1


def test_the_chair_writes_a_compromise_on_the_version_read(world: World, api_as: Api) -> None:
    proposal = _mexico_proposes(world, api_as)
    paragraph = world.paragraphs["op1"]
    base = paragraph.current_version.id
    text = paragraph.text.replace("strengthen", "deepen and strengthen")
    assert api_as("mex").post(f"/paragraphs/{paragraph.id}/compromise", {
        "text": text, "base_version_id": base}).status_code == 403
    answer = api_as("chair").post(f"/paragraphs/{paragraph.id}/compromise", {
        "text": text, "base_version_id": base, "settles": [proposal["id"]],
        "note": "Takes in Mexico's proposal"})
    assert answer.status_code == 200, answer.json
    assert answer.json["paragraph"]["current_version"]["text"] == text
    world.session.expire_all()
    assert world.session.get_one(Amendment, proposal["id"]).state is AmendmentState.SETTLED
    stale = api_as("chair").post(f"/paragraphs/{paragraph.id}/compromise", {
        "text": text + " Again.", "base_version_id": base})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale_version"


def test_the_chair_circulates_the_draft_read_and_no_other(world: World, api_as: Api) -> None:
    chair = api_as("chair")
    assert api_as("mex").get("/revisions/next").status_code == 403
    outgoing = chair.get("/revisions/next")
    assert outgoing.status_code == 200, outgoing.json
    assert outgoing.json["number"] == 1 and outgoing.json["symbol"].endswith("rev. 1")
    # The draft changes after it was read: circulating it is refused, nothing goes out.
    _mexico_proposes(world, api_as)
    body = {"stamp": outgoing.json["stamp"], "expected_number": 1, "confirmed": True}
    changed = chair.post("/revisions", body)
    assert changed.status_code == 409, changed.json
    assert changed.json["error"]["code"] == "draft_changed"
    assert world.session.scalar(select(func.count()).select_from(Revision)) == 1
    fresh = chair.get("/revisions/next").json
    done = chair.post("/revisions", {**body, "stamp": fresh["stamp"], "note": "After proposals"})
    assert done.status_code == 201, done.json
    assert done.json["symbol"] == fresh["symbol"] and done.json["note"] == "After proposals"
    again = chair.post("/revisions", {**body, "stamp": fresh["stamp"]})
    assert again.status_code in (409, 422)
    assert world.session.scalar(select(func.count()).select_from(Revision)) == 2
