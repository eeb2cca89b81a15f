"""Every role against every state-changing action, on the server: allowed or refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.chairing.decisions import decide, triage_section
from negotiation.draft.circulation import draft_rows, draft_stamp
from negotiation.enums import AmendmentKind
from negotiation.models import Amendment, RecordEntry
from negotiation.proposals.submissions import submit_proposal
from negotiation.setup.imports.importing import preview_text
from tests.builders import CHAIR, World
from tests.web.addresses import at

ROLES = ["admin", "chair", "secretariat", "mex", "can", "observer", None]


@dataclass
class Action:
    """A state-changing request, its setup, and who is allowed (others get `refused`)."""

    name: str
    prepare: Callable[[World], tuple[str, dict[str, str]]]
    allowed: tuple[str, ...]
    # Some refusals come from the procedure rather than the role (e.g. joining one's own).
    special: dict[str, int] | None = None


def _mex_proposal(world: World) -> Amendment:
    paragraph = world.paragraphs["op2"]
    return submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To encourage member states to share information on trafficking routes and "
             "methods.",
    ).amendment


def _propose(kind: str) -> Callable[[World], tuple[str, dict[str, str]]]:
    def prepare(world: World) -> tuple[str, dict[str, str]]:
        paragraph = world.paragraphs["op1"]
        return at(f"/proposals/paragraph/{paragraph.id}"), {
            "kind": kind, "written_on": str(paragraph.current_version.id),
            "text": paragraph.text.replace("strengthen", "deepen"),
            "comment": "Our delegation's view.",
        }

    return prepare


def _new_paragraph(world: World) -> tuple[str, dict[str, str]]:
    return at(f"/proposals/section/{world.sections['tip'].id}/new"), {
        "kind": "operative", "text": "To invite member states to report on victims' support."}


def _join(world: World) -> tuple[str, dict[str, str]]:
    return at(f"/proposals/{_mex_proposal(world).id}/join"), {}


def _withdraw(world: World) -> tuple[str, dict[str, str]]:
    return at(f"/proposals/{_mex_proposal(world).id}/withdraw"), {}


def _after_deadline(world: World) -> None:
    world.after_deadline()


def _triage(world: World) -> tuple[str, dict[str, str]]:
    _after_deadline(world)
    return at(f"/chair/section/{world.sections['tip'].id}/triage"), {}


def _decide(world: World) -> tuple[str, dict[str, str]]:
    _after_deadline(world)
    return at(f"/chair/paragraph/{world.paragraphs['pp1'].id}/decide"), {"event": "find_consensus"}


def _compromise(world: World) -> tuple[str, dict[str, str]]:
    amendment = _mex_proposal(world)
    _after_deadline(world)
    paragraph = world.paragraphs["op2"]
    return at(f"/chair/paragraph/{paragraph.id}/compromise"), {
        "text": "To encourage member states to share information on routes and methods.",
        "written_on": str(paragraph.current_version.id), "settles": str(amendment.id),
        "note": "Merges the proposal of Mexico"}


def _accept(world: World) -> tuple[str, dict[str, str]]:
    amendment = _mex_proposal(world)
    _after_deadline(world)
    return at(f"/chair/proposal/{amendment.id}/accept"), {}


def _set_aside(world: World) -> tuple[str, dict[str, str]]:
    amendment = _mex_proposal(world)
    _after_deadline(world)
    return at(f"/chair/proposal/{amendment.id}/set-aside"), {"reason": "Outside the item's scope"}


def _circulate(world: World) -> tuple[str, dict[str, str]]:
    _after_deadline(world)
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    return at("/chair/circulate"), {"note": "Revised draft", "stamp": _stamp(world)}


def _stamp(world: World) -> str:
    """The stamp the confirmation page would carry for the draft as it stands."""
    world.session.flush()
    return draft_stamp(draft_rows(world.session, world.negotiation))


def _meeting(act: str) -> Callable[[World], tuple[str, dict[str, str]]]:
    def prepare(world: World) -> tuple[str, dict[str, str]]:
        _after_deadline(world)
        for section in world.sections.values():
            triage_section(world.session, world.negotiation, CHAIR, section, world.now)
        return at(f"/meeting/paragraph/{world.paragraphs['pp1'].id}/{act}"), {}

    return prepare


def _accept_late(world: World) -> tuple[str, dict[str, str]]:
    _after_deadline(world)
    return at("/chair/late/"), {"delegation": str(world.delegations["MEX"].id),
                            "until": "2024-05-10T18:00", "reason": "Instructions delayed"}


def _create_account(world: World) -> tuple[str, dict[str, str]]:
    return "/accounts/", {"username": "per1", "password": "a-long-password",
                          "delegation": "PER", "display_name": "Delegate of Peru"}


def _appoint(world: World) -> tuple[str, dict[str, str]]:
    return at("/people/"), {"username": "observer", "role": "entity", "entity": "JID"}


def _open_negotiation(world: World) -> tuple[str, dict[str, str]]:
    return "/negotiations", {
        "committee": "CAJP", "committee_name": "Committee on Juridical and Political Affairs",
        "cycle": "2024-2025", "title": "International Law", "symbol": "CP/CAJP-4000/25",
        "timezone": "America/New_York", "original_language": "es"}


def _suspend(world: World) -> tuple[str, dict[str, str]]:
    from negotiation.people.accounts import find_account

    account = find_account(world.session, "observer")
    assert account is not None
    return f"/accounts/{account.id}/active", {"active": "0"}


def _reopen(world: World) -> tuple[str, dict[str, str]]:
    prepare = _meeting("approve")
    prepare(world)
    decide(world.session, world.negotiation, CHAIR, world.paragraphs["pp1"], "approve", world.now)
    return at(f"/chair/paragraph/{world.paragraphs['pp1'].id}/decide"), {
        "event": "reopen", "reason": "A delegation asked to revisit the wording"}


def _draft_paragraph(world: World) -> tuple[str, dict[str, str]]:
    return at("/drafting/paragraph"), {"section_id": str(world.sections["tip"].id),
                                       "kind": "operative", "text": "To act together."}


def _import_draft(world: World) -> tuple[str, dict[str, str]]:
    text = "Cybersecurity\nRECALLING the cyber strategy;\n1. To urge member states to act."
    carried = preview_text(world.negotiation, text, world.now).to_json()
    return at("/drafting/import/confirm"), {"carried": carried, "action": "confirm",
                                            "replace": "yes", "area-0": "6"}


DELEGATIONS = ("mex", "can")
ACTIONS = [
    Action("propose a modification", _propose("modify"), DELEGATIONS),
    Action("comment", _propose("comment"), DELEGATIONS),
    Action("support", _propose("support"), DELEGATIONS),
    Action("request deletion", _propose("delete"), DELEGATIONS),
    Action("propose a new paragraph", _new_paragraph, DELEGATIONS),
    Action("join a proposal", _join, ("can",), special={"mex": 422}),
    Action("withdraw a proposal", _withdraw, ("mex",), special={"can": 403}),
    Action("triage a section", _triage, ("chair",)),
    Action("decide on a paragraph", _decide, ("chair",)),
    Action("reopen an approved paragraph", _reopen, ("chair",)),
    Action("write a compromise text", _compromise, ("chair",)),
    Action("accept a proposal", _accept, ("chair",)),
    Action("set a proposal aside", _set_aside, ("chair",)),
    Action("circulate a revision", _circulate, ("chair",)),
    # Acts on the first draft, before rev. 0 is circulated.
    *(pytest.param(action, marks=pytest.mark.first_draft) for action in (
        Action("add a paragraph to the first draft", _draft_paragraph, ("chair",)),
        Action("import the first draft", _import_draft, ("chair",)),
        Action("circulate the first draft",
               lambda world: (at("/drafting/circulate"), {"stamp": _stamp(world)}), ("chair",)),
    )),
    Action("accept late submissions", _accept_late, ("chair",)),
    Action("approve in the meeting", _meeting("approve"), ("chair",)),
    Action("defer in the meeting", _meeting("defer"), ("chair",)),
    Action("create an account", _create_account, ("admin",)),
    Action("suspend an account", _suspend, ("admin",)),
    Action("appoint someone", _appoint, ("admin", "secretariat")),
    Action("open a negotiation", _open_negotiation, ("admin",)),
    Action("close the cycle", lambda world: (at("/close"), {"reason": "Adopted"}),
           ("admin", "chair")),
]


def _record_size(world: World) -> int:
    return world.session.scalar(select(func.count()).select_from(RecordEntry)) or 0


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_against_action(
    action: Action, role: str | None, world: World, client_as: Callable[[str | None], FlaskClient]
) -> None:
    client = client_as(role)
    url, data = action.prepare(world)
    world.session.flush()
    before = _record_size(world)

    response = client.post(url, data=data)

    if role is None:
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]
    elif role in action.allowed:
        assert response.status_code == 303, response.data.decode()[:2000]
    elif action.special and role in action.special:
        assert response.status_code == action.special[role]
    else:
        assert response.status_code == 403
    world.session.expire_all()
    changed = _record_size(world) > before
    # Only an allowed act leaves a trace; a refused one changes nothing.
    assert changed == (role in action.allowed)
