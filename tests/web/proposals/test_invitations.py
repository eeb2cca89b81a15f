"""Inviting co-sponsors from the web: the proposer invites from its proposal, the invited
delegation answers from its home page or the paragraph page, and the server checks who may
do what."""

from __future__ import annotations

import html
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.enums import AmendmentKind, InvitationAnswer
from negotiation.models import Account, Amendment, SponsorInvitation
from negotiation.proposals.submissions import submit_proposal, withdraw_proposal
from tests.builders import World

Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def _proposal(world: World) -> Amendment:
    paragraph = world.paragraphs["op1"]
    return submit_proposal(world.session, world.negotiation, world.delegate("MEX"), paragraph,
                           AmendmentKind.MODIFY, world.now,
                           written_on=paragraph.current_version.id,
                           text="To urge member states to deepen cooperation.").amendment


def _text(response: object) -> str:
    return html.unescape(response.data.decode())  # type: ignore[attr-defined]


def _invitation(world: World) -> SponsorInvitation:
    return world.session.scalars(select(SponsorInvitation)).one()


def test_mexico_invites_canada_who_accepts_from_its_home_page(
    world: World, client_as: Client, at: At
) -> None:
    proposal = _proposal(world)
    paragraph_page = at(f"/draft/paragraph/{proposal.paragraph_id}")
    mexico, canada = client_as("mex"), client_as("can")
    own = _text(mexico.get(paragraph_page))
    assert f'id="invite-form-{proposal.id}"' in own
    assert f'<option value="{world.delegations["CAN"].id}">Canada</option>' in own
    assert 'value="{}">Mexico<'.format(world.delegations["MEX"].id) not in own
    assert f'id="invite-form-{proposal.id}"' not in _text(canada.get(paragraph_page))

    sent = mexico.post(at(f"/invitations/proposal/{proposal.id}"), follow_redirects=True,
                       data={"delegation": str(world.delegations["CAN"].id)})
    page = _text(sent)
    assert "Canada was invited to co-sponsor your proposal 1." in page
    assert "Invited to co-sponsor: Canada" in page and "No answer yet" in page

    home = _text(canada.get(at("/")))
    assert "Invitations to co-sponsor" in home
    assert "<strong>Mexico</strong> invites your delegation to co-sponsor" in home
    invitation = _invitation(world)
    assert f'id="invitation-{invitation.id}"' in home
    # The invited delegation sees the invitation beside the proposal too, and no "Join".
    beside = _text(canada.get(paragraph_page))
    assert "Mexico invited your delegation to co-sponsor proposal 1." in beside
    assert "Join this proposal" not in beside

    accepted = canada.post(at(f"/invitations/{invitation.id}/accept"),
                           data={"next": at("/")})
    assert accepted.status_code == 303 and accepted.headers["Location"].endswith(at("/"))
    home = _text(canada.get(at("/")))
    assert "Your delegation co-sponsors proposal 1 of Mexico." in home
    assert "Invitations to co-sponsor" not in home
    world.session.expire_all()  # the requests wrote through sessions of their own
    assert invitation.answer is InvitationAnswer.ACCEPTED
    assert [d.code for d in proposal.supporters] == ["CAN"]
    own = _text(mexico.get(paragraph_page))
    assert "Invited to co-sponsor: Canada" in own and "Accepted" in own
    assert "Joined by: Canada" in own
    record = _text(client_as("secretariat").get(at("/record/")))
    assert "Mexico invited Canada to co-sponsor proposal 1" in record
    assert "Canada accepted the invitation of Mexico to co-sponsor proposal 1" in record


def test_the_invited_delegation_declines_and_the_proposer_sees_it(
    world: World, client_as: Client, at: At
) -> None:
    proposal = _proposal(world)
    client_as("mex").post(at(f"/invitations/proposal/{proposal.id}"),
                          data={"delegation": str(world.delegations["CAN"].id)})
    invitation = _invitation(world)
    declined = client_as("can").post(at(f"/invitations/{invitation.id}/decline"),
                                     follow_redirects=True)
    assert "Your delegation declined to co-sponsor proposal 1 of Mexico." in _text(declined)
    own = _text(client_as("mex").get(at(f"/draft/paragraph/{proposal.paragraph_id}")))
    assert "Invited to co-sponsor: Canada" in own and "Declined" in own
    world.session.expire_all()
    assert proposal.supporters == []


def test_the_server_checks_who_invites_and_who_answers(
    world: World, client_as: Client, at: At
) -> None:
    proposal = _proposal(world)
    canada = str(world.delegations["CAN"].id)
    # Canada did not make the proposal; the chair is no delegation.
    assert client_as("can").post(at(f"/invitations/proposal/{proposal.id}"),
                                 data={"delegation": canada}).status_code == 403
    assert client_as("chair").post(at(f"/invitations/proposal/{proposal.id}"),
                                   data={"delegation": canada}).status_code == 403
    itself = client_as("mex").post(at(f"/invitations/proposal/{proposal.id}"),
                                   data={"delegation": str(world.delegations["MEX"].id)})
    assert itself.status_code == 422 and "invite another delegation" in _text(itself)
    nobody = client_as("mex").post(at(f"/invitations/proposal/{proposal.id}"),
                                   data={"delegation": "x"})
    assert nobody.status_code == 422
    client_as("mex").post(at(f"/invitations/proposal/{proposal.id}"), data={"delegation": canada})
    twice = client_as("mex").post(at(f"/invitations/proposal/{proposal.id}"),
                                  data={"delegation": canada})
    assert twice.status_code == 422 and "Canada was already invited" in _text(twice)
    invitation = _invitation(world)
    # Mexico cannot answer for Canada.
    assert client_as("mex").post(at(f"/invitations/{invitation.id}/accept")).status_code == 403
    assert client_as("chair").post(at(f"/invitations/{invitation.id}/decline")).status_code == 403
    assert client_as("can").post(at("/invitations/999999/accept")).status_code == 404


def test_an_invitation_to_a_withdrawn_proposal_is_refused_with_the_reason(
    world: World, client_as: Client, at: At
) -> None:
    proposal = _proposal(world)
    client_as("mex").post(at(f"/invitations/proposal/{proposal.id}"),
                          data={"delegation": str(world.delegations["CAN"].id)})
    withdraw_proposal(world.session, world.negotiation, world.delegate("MEX"), proposal,
                      world.now)
    invitation = _invitation(world)
    home = _text(client_as("can").get(at("/")))
    assert "The proposal is withdrawn: it can no longer be joined." in home
    refused = client_as("can").post(at(f"/invitations/{invitation.id}/accept"),
                                    data={"next": at("/")})
    assert refused.status_code == 409
    assert ("Proposal 1 of Mexico is withdrawn by its proposer: it can no longer be joined, "
            "so the invitation can no longer be accepted.") in _text(refused)
    world.session.expire_all()
    assert invitation.is_pending and proposal.supporters == []


def test_invitation_forms_need_the_csrf_token_and_names_are_escaped(
    csrf_app: Flask, world: World, accounts: dict[str, Account], at: At
) -> None:
    from datetime import UTC, datetime

    from negotiation.people.signin import start_session

    proposal = _proposal(world)
    client = csrf_app.test_client()
    token = start_session(world.session, accounts["mex"], datetime.now(UTC))
    with client.session_transaction() as cookie:
        cookie["_user_id"] = token
        cookie["_fresh"] = True
    refused = client.post(at(f"/invitations/proposal/{proposal.id}"),
                          data={"delegation": str(world.delegations["CAN"].id)})
    assert refused.status_code == 400
    assert world.session.scalars(select(SponsorInvitation)).all() == []
    world.delegations["CAN"].name_en = "<b>Canada</b>"
    world.session.flush()
    page = client.get(at(f"/draft/paragraph/{proposal.paragraph_id}")).data.decode()
    assert "&lt;b&gt;Canada&lt;/b&gt;" in page and "<b>Canada</b>" not in page
    assert 'name="csrf_token"' in page[page.index(f'id="invite-form-{proposal.id}"'):]
