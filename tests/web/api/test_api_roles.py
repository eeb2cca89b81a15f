"""Each act of the API by each role, with the status it gets, as a table to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from negotiation.chairing.decisions import triage_section
from negotiation.enums import AmendmentKind
from negotiation.models import Amendment
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World
from tests.web.api.conftest import ApiClient

Request = tuple[str, str, dict[str, Any] | None]
ROLES = ("admin", "chair", "secretariat", "mex", "can", "observer")


def _mex_proposal(world: World) -> Amendment:
    paragraph = world.paragraphs["op2"]
    return submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To encourage member states to share information on trafficking routes and "
             "methods.",
    ).amendment


def _propose(world: World) -> Request:
    paragraph = world.paragraphs["op1"]
    return "POST", f"/paragraphs/{paragraph.id}/proposals", {
        "kind": "modify", "base_version_id": paragraph.current_version.id,
        "text": paragraph.text.replace("strengthen", "deepen")}


def _new_paragraph(world: World) -> Request:
    return "POST", f"/sections/{world.sections['tip'].id}/paragraphs", {
        "kind": "operative", "text": "To invite member states to report on victims' support."}


def _join(world: World) -> Request:
    return "POST", f"/proposals/{_mex_proposal(world).id}/join", None


def _withdraw(world: World) -> Request:
    return "POST", f"/proposals/{_mex_proposal(world).id}/withdraw", None


def _triage(world: World) -> Request:
    world.after_deadline()
    return "POST", f"/sections/{world.sections['tip'].id}/triage", None


def _decide(world: World) -> Request:
    world.after_deadline()
    return "POST", f"/paragraphs/{world.paragraphs['pp1'].id}/decision", {
        "event": "find_consensus"}


def _accept(world: World) -> Request:
    amendment = _mex_proposal(world)
    world.after_deadline()
    return "POST", f"/proposals/{amendment.id}/decision", {"decision": "accept"}


def _set_aside(world: World) -> Request:
    amendment = _mex_proposal(world)
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    return "POST", f"/proposals/{amendment.id}/decision", {
        "decision": "set_aside", "reason": "Outside the item's scope"}


def _revise(world: World) -> Request:
    return "POST", f"/proposals/{_mex_proposal(world).id}/revise", {
        "text": "To encourage member states to share data on trafficking routes and methods."}


def _invite(world: World) -> Request:
    return "POST", f"/proposals/{_mex_proposal(world).id}/invitations", {
        "delegation_id": world.delegations["CHL"].id}


def _compromise(world: World) -> Request:
    paragraph = world.paragraphs["op1"]
    return "POST", f"/paragraphs/{paragraph.id}/compromise", {
        "text": paragraph.text.replace("strengthen", "deepen"),
        "base_version_id": paragraph.current_version.id}


def _circulate(world: World) -> Request:
    world.after_deadline()
    return "POST", "/revisions", {"stamp": "any", "expected_number": 1, "confirmed": True}


def _read(path: str) -> Callable[[World], Request]:
    return lambda world: ("GET", path, None)


def _row(statuses: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


#: act: (request, {role: status}). 422 where the procedure, not the role, refuses (Mexico
#: joining its own proposal; Canada withdrawing Mexico's is the proposer's alone: 403).
MATRIX: dict[str, tuple[Callable[[World], Request], dict[str, int]]] = {
    #                                     admin chair secr. mex  can  observer
    "read the draft": (_read("/draft"), _row((200, 200, 200, 200, 200, 200))),
    "read proposals": (_read("/proposals"), _row((200, 200, 200, 200, 200, 200))),
    "read the calendar": (_read("/calendar"), _row((200,) * 6)),
    "read the caps": (_read("/caps"), _row((200,) * 6)),
    "read revisions": (_read("/revisions"), _row((200,) * 6)),
    "read the record": (_read("/record"), _row((403, 200, 200, 403, 403, 403))),
    "propose a modification": (_propose, _row((403, 403, 403, 201, 201, 403))),
    "propose a new paragraph": (_new_paragraph,
                                _row((403, 403, 403, 201, 201, 403))),
    "join a proposal": (_join, _row((403, 403, 403, 422, 200, 403))),
    "withdraw a proposal": (_withdraw, _row((403, 403, 403, 200, 403, 403))),
    "triage a section": (_triage, _row((403, 200, 403, 403, 403, 403))),
    "decide on a paragraph": (_decide, _row((403, 200, 403, 403, 403, 403))),
    "accept a proposal": (_accept, _row((403, 200, 403, 403, 403, 403))),
    "set a proposal aside": (_set_aside, _row((403, 200, 403, 403, 403, 403))),
    "revise a proposal": (_revise, _row((403, 403, 403, 201, 403, 403))),
    "invite a co-sponsor": (_invite, _row((403, 403, 403, 201, 403, 403))),
    "write a compromise": (_compromise, _row((403, 200, 403, 403, 403, 403))),
    "read the next revision": (_read("/revisions/next"), _row((403, 200, 403, 403, 403, 403))),
    # The stamp is no draft's: the chair gets as far as the draft's check.
    "circulate a revision": (_circulate, _row((403, 409, 403, 403, 403, 403))),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("act", list(MATRIX))
def test_each_role_gets_the_status_the_table_says(
    act: str, role: str, world: World, api_as: Callable[[str | None], ApiClient]
) -> None:
    prepare, expected = MATRIX[act]
    method, path, body = prepare(world)
    world.session.flush()
    client = api_as(role)
    answer = client.get(path) if method == "GET" else client.post(path, body)
    assert answer.status_code == expected[role], answer.json
    if answer.status_code >= 400:
        assert answer.json["error"]["message"]
