"""What a user notices on the server side: sign-in, refusals with their reasons, live pieces."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.chairing.decisions import decide, triage_section
from negotiation.chairing.proposal_decisions import write_compromise
from negotiation.enums import AmendmentKind
from negotiation.models import Account, Amendment
from negotiation.people.accounts import authenticate, create_account
from tests.builders import CHAIR, World
from tests.web.addresses import at
from tests.web.conftest import PASSWORD

Client = Callable[[str | None], FlaskClient]


def test_sign_in_with_the_right_password_only(client_as: Client) -> None:
    client = client_as(None)
    wrong = client.post("/auth/login", data={"username": "mex", "password": "nope"})
    assert wrong.status_code == 401
    assert b"wrong password" in wrong.data
    assert b'value="mex"' in wrong.data  # the username is kept
    right = client.post(f"/auth/login?next={at('/draft/')}",
                        data={"username": "mex", "password": PASSWORD})
    assert right.status_code == 303
    assert right.headers["Location"] == at("/draft/")
    assert b"Mex" in client.get(at("/")).data


def test_sign_in_refuses_to_redirect_to_another_site(client_as: Client) -> None:
    response = client_as(None).post("/auth/login?next=https://evil.example/",
                                    data={"username": "mex", "password": PASSWORD})
    assert response.headers["Location"] == "/"  # the list of negotiations


def test_suspended_account_cannot_sign_in(world: World, accounts: dict[str, Account]) -> None:
    accounts["observer"].active = False
    assert authenticate(world.session, "observer", PASSWORD) is None
    assert authenticate(world.session, "chair", PASSWORD) is not None


def test_modification_after_the_deadline_is_refused_with_the_deadline_and_text_kept(
    world: World, client_as: Client
) -> None:
    world.after_deadline()
    paragraph = world.paragraphs["op1"]
    client = client_as("mex")
    page = client.get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert "The deadline for submissions has passed" in page
    assert "Proposals due before 22 April" in page

    typed = "To urge member states to deepen cooperation against trafficking in persons."
    response = client.post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "modify", "written_on": str(paragraph.current_version.id), "text": typed})
    body = response.data.decode()
    assert response.status_code == 409
    assert "Proposals due before 22 April" in body
    assert "22 April 2024, 00:00 in Washington" in body
    assert typed in body
    assert world.session.scalars(select(Amendment)).first() is None


def test_stale_edit_shows_both_texts_and_keeps_what_was_typed(
    world: World, client_as: Client
) -> None:
    paragraph = world.paragraphs["op2"]
    read_version = paragraph.current_version
    world.after_deadline()
    write_compromise(world.session, world.negotiation, CHAIR, paragraph,
                     "To encourage member states to exchange information on routes.", world.now,
                     written_on=read_version.id, settles=[])
    world.clock.set(world.clock.now().replace(month=4, day=10))  # back inside the window
    typed = "To encourage member states to share data on trafficking routes."
    response = client_as("mex").post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "modify", "written_on": str(read_version.id), "text": typed})
    body = response.data.decode()
    assert response.status_code == 409
    assert "changed while you were writing" in body
    assert "share information on trafficking routes" in body  # the text they wrote on
    assert "exchange information on routes" in body  # the text now
    # The two edits overlap: the form holds the new text, the delegation's beside it.
    assert re.search(r'<textarea id="text"[^>]*>To encourage member states to exchange '
                     r'information on routes\.</textarea>', body)
    assert typed in body and "could not be carried over" in body


def test_a_stale_edit_is_carried_onto_the_new_version_and_sent_on_it(
    world: World, client_as: Client
) -> None:
    paragraph = world.paragraphs["op2"]
    read_version = paragraph.current_version
    world.after_deadline()
    write_compromise(world.session, world.negotiation, CHAIR, paragraph,
                     "To urge member states to share information on trafficking routes.",
                     world.now, written_on=read_version.id, settles=[])
    world.clock.set(world.clock.now().replace(month=4, day=10))  # back inside the window
    mexico = client_as("mex")
    response = mexico.post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "modify", "written_on": str(read_version.id),
        "text": "To encourage member states to share information on trafficking routes "
                "and victims."})
    body = response.data.decode()
    assert response.status_code == 409 and "carried onto the new version" in body
    carried = "To urge member states to share information on trafficking routes and victims."
    assert f">{carried}</textarea>" in body  # the chair's "urge" stays, Mexico's words added
    assert "<ins>" in body and "and victims" in body  # the changes against the new text
    assert world.session.scalars(select(Amendment)).first() is None  # nothing sent yet

    written_on = re.search(r'name="written_on" value="(\d+)"', body)
    assert written_on is not None
    sent = mexico.post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "modify", "written_on": written_on.group(1), "text": carried})
    assert sent.status_code == 303
    amendment = world.session.scalars(select(Amendment)).one()
    assert amendment.proposed_text == carried
    assert amendment.base_version_id == paragraph.current_version.id


def test_empty_modification_re_renders_with_the_message_beside_the_field(
    world: World, client_as: Client
) -> None:
    paragraph = world.paragraphs["op1"]
    response = client_as("mex").post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "modify", "written_on": str(paragraph.current_version.id), "text": "  "})
    assert response.status_code == 422
    assert re.search(r'class="field-error" id="modify-error"[^>]*>The proposed text is empty',
                     response.data.decode())


def test_live_diff_marks_deleted_and_inserted_words(world: World, client_as: Client) -> None:
    paragraph = world.paragraphs["op1"]
    response = client_as("mex").post(
        at(f"/proposals/paragraph/{paragraph.id}/diff"),
        data={"written_on": str(paragraph.current_version.id),
              "text": paragraph.text.replace("strengthen", "deepen")},
        headers={"HX-Request": "true"},
    )
    body = response.data.decode()
    assert "<del>strengthen</del>" in body
    assert "<ins>deepen</ins>" in body
    assert "<html" not in body  # the fragment alone


def test_user_text_is_escaped(world: World, client_as: Client) -> None:
    paragraph = world.paragraphs["op1"]
    client = client_as("mex")
    client.post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "comment", "written_on": str(paragraph.current_version.id),
        "comment": "<script>alert('x')</script>"})
    page = client_as("can").get(at(f"/draft/paragraph/{paragraph.id}")).data.decode()
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page


def test_csrf_token_is_required(csrf_app: Flask, accounts: dict[str, Account],
                                world: World) -> None:
    client = csrf_app.test_client()
    refused = client.post("/auth/login", data={"username": "mex", "password": PASSWORD})
    assert refused.status_code == 400
    page = client.get("/auth/login").data.decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    signed_in = client.post("/auth/login", data={
        "username": "mex", "password": PASSWORD, "csrf_token": token.group(1)})
    assert signed_in.status_code == 303
    paragraph = world.paragraphs["op1"]
    data = {"kind": "comment", "written_on": str(paragraph.current_version.id),
            "comment": "A comment"}
    assert client.post(at(f"/proposals/paragraph/{paragraph.id}"), data=data).status_code == 400
    # Signing in starts a new session: the token from before it no longer counts.
    stale = client.post(at(f"/proposals/paragraph/{paragraph.id}"), data=data,
                        headers={"X-CSRFToken": token.group(1)})
    assert stale.status_code == 400
    fresh = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get(at(f"/draft/paragraph/{paragraph.id}")).data.decode())
    assert fresh is not None and fresh.group(1) != token.group(1)
    # htmx sends the token as a header (hx-headers on <body>).
    accepted = client.post(at(f"/proposals/paragraph/{paragraph.id}"), data=data,
                           headers={"X-CSRFToken": fresh.group(1)})
    assert accepted.status_code == 303


def test_draft_search_filters_and_answers_htmx_with_the_list_alone(client_as: Client) -> None:
    client = client_as("observer")
    full = client.get(at("/draft/?q=CIFTA"))
    assert full.status_code == 200
    assert "HX-Request" in full.headers["Vary"]
    assert "measure 1" in full.data.decode()
    assert "trafficking routes" not in full.data.decode()
    fragment = client.get(at("/draft/?q=routes"), headers={"HX-Request": "true"}).data.decode()
    assert fragment.lstrip().startswith('<div id="draft-body"')
    assert "trafficking routes" in fragment
    assert "measure 1" not in fragment


def test_draft_filters_by_state_and_by_proposing_delegation(
    world: World, client_as: Client
) -> None:
    from negotiation.proposals.submissions import submit_proposal

    paragraph = world.paragraphs["pp2"]
    submit_proposal(world.session, world.negotiation, world.delegate("CHL"), paragraph,
                    AmendmentKind.DELETE, world.now, written_on=paragraph.current_version.id)
    client = client_as("observer")
    by_delegation = client.get(at("/draft/?delegation=CHL")).data.decode()
    assert "affects women and girls" in by_delegation
    assert "measure 2" not in by_delegation
    amended = client.get(at("/draft/?state=amended")).data.decode()
    assert "affects women and girls" in amended
    assert "RECALLING" not in amended
    assert "operative 3/3" in client.get(at("/draft/")).data.decode()


def test_meeting_page_polls_and_sees_an_approval(world: World, client_as: Client) -> None:
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    client = client_as("mex")
    page = client.get(at("/meeting/")).data.decode()
    seen = re.search(r'data-seen="(\d+)"', page)
    assert seen is not None
    assert 'hx-trigger="every' in page
    unchanged = client.get(at(f"/meeting/agenda?seen={seen.group(1)}"),
                           headers={"HX-Request": "true"})
    assert unchanged.status_code == 204
    decide(world.session, world.negotiation, CHAIR, world.paragraphs["pp1"], "approve",
           world.now)
    world.session.flush()  # as the chair's request would commit it
    changed = client.get(at(f"/meeting/agenda?seen={seen.group(1)}"),
                         headers={"HX-Request": "true"})
    assert changed.status_code == 200
    assert '<strong id="approved-count">1</strong>' in changed.data.decode()


def test_approving_out_of_order_needs_the_chairs_reason(world: World, client_as: Client) -> None:
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    client = client_as("chair")
    # Paragraphs in consensus come first; an amended one waits unless the chair says why.
    target = world.paragraphs["op1"]
    decide(world.session, world.negotiation, CHAIR, target, "return_to_consultations",
           world.now, reason="Informal talks")
    decide(world.session, world.negotiation, CHAIR, target, "resume", world.now)
    refused = client.post(at(f"/meeting/paragraph/{target.id}/approve"), data={})
    assert refused.status_code == 409
    assert "still pending before this one" in refused.data.decode()
    allowed = client.post(at(f"/meeting/paragraph/{target.id}/approve"),
                          data={"override_reason": "Mexico's delegate must leave early"})
    assert allowed.status_code == 303
    record = client.get(at("/record/?q=overridden")).data.decode()
    assert "Mexico&#39;s delegate must leave early" in record


def test_an_administrator_creates_an_account_that_can_sign_in(
    world: World, client_as: Client
) -> None:
    client = client_as("admin")
    refused = client.post("/accounts/", data={"username": "per1", "password": "short",
                                             "delegation": "PER"})
    assert refused.status_code == 422
    assert b"at least 10 characters" in refused.data
    assert b'value="per1"' in refused.data
    created = client.post("/accounts/", data={"username": "per1", "password": "andean-tide-lantern",
                                             "delegation": "PER"})
    assert created.status_code == 303
    account = authenticate(world.session, "per1", "andean-tide-lantern")
    assert account is not None and account.delegation is not None
    assert account.delegation.code == "PER"


def test_password_is_stored_hashed(world: World) -> None:
    account = create_account(world.session, "chl9", "a-secret-phrase", world.now,
                             delegation_code="CHL")
    assert "a-secret-phrase" not in account.password_hash
    assert account.password_hash.startswith("scrypt$")


def test_the_draft_page_follows_the_meeting_by_polling(world: World, client_as: Client) -> None:
    client = client_as("mex")
    page = client.get(at("/draft/?section=trafficking-in-persons")).data.decode()
    poll = re.search(r'hx-get="([^"]*seen=\d+[^"]*)" hx-trigger="every \d+s"', page)
    assert poll is not None
    url = poll.group(1).replace("&amp;", "&")
    assert "section=trafficking-in-persons" in url
    htmx = {"HX-Request": "true"}
    assert client.get(url, headers=htmx).status_code == 204  # nothing happened since

    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, world.sections["tip"], world.now)
    world.session.flush()
    fresh = client.get(url, headers=htmx)
    assert fresh.status_code == 200
    assert "Consensus in principle" in fresh.data.decode()
    assert "<html" not in fresh.data.decode()  # the list alone


def test_a_tampered_version_field_is_a_stale_edit_not_a_crash(
    world: World, client_as: Client
) -> None:
    paragraph = world.paragraphs["op1"]
    client = client_as("mex")
    preview = client.post(at(f"/proposals/paragraph/{paragraph.id}/diff"),
                          data={"written_on": "x", "text": "To urge."})
    assert preview.status_code == 200
    sent = client.post(at(f"/proposals/paragraph/{paragraph.id}"),
                       data={"kind": "modify", "written_on": "x", "text": "To urge."})
    assert sent.status_code == 409
    assert "To urge." in sent.data.decode()
    assert world.session.scalars(select(Amendment)).first() is None
