"""My settings, the confirmation link, one-click unsubscribe and the Mail page, through the
server as people use them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from negotiation.models import Account, MailAddress, MailMessage, MailVerification
from negotiation.notices.preferences import choice_of
from negotiation.notices.signing import unsubscribe_token
from negotiation.notices.statuses import FAILED, NONE, QUEUED
from tests.builders import World

Client = Callable[[str | None], FlaskClient]


def verification_link(world: World, address: str) -> str:
    return world.session.scalars(select(MailMessage.link).where(
        MailMessage.kind == "verify", MailMessage.address == address)
        .order_by(MailMessage.id.desc())).first() or ""


def message_count(world: World) -> int:
    return world.session.scalar(select(func.count()).select_from(MailMessage)) or 0


def test_an_address_is_confirmed_once_by_its_own_person(
        client_as: Client, world: World, accounts: dict[str, Account]) -> None:
    mex, can = client_as("mex"), client_as("can")
    answer = mex.post("/settings/address", data={"email": "ana@mission.test"})
    assert answer.status_code == 303
    link = verification_link(world, "ana@mission.test")
    assert link.startswith("/settings/verify/")
    stored = world.session.get(MailAddress, accounts["mex"].id)
    assert stored is not None and stored.verified_at is None
    # The token is stored hashed only.
    token = link.rsplit("/", 1)[1]
    assert world.session.scalar(select(func.count()).select_from(MailVerification).where(
        MailVerification.token_hash == token)) == 0
    refused = can.get(link)
    assert refused.status_code == 422 and b"not valid for your account" in refused.data
    assert mex.get(link).status_code == 303
    world.session.expire_all()
    assert world.session.get(MailAddress, accounts["mex"].id).verified_at is not None
    replayed = mex.get(link)
    assert replayed.status_code == 422 and b"already used" in replayed.data


def test_an_expired_link_confirms_nothing(
        client_as: Client, world: World, accounts: dict[str, Account]) -> None:
    mex = client_as("mex")
    mex.post("/settings/address", data={"email": "ana@mission.test"})
    # Two days pass: the link lapses.
    world.session.execute(update(MailVerification).values(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    answer = mex.get(verification_link(world, "ana@mission.test"))
    assert answer.status_code == 422 and b"expired" in answer.data
    world.session.expire_all()
    assert world.session.get(MailAddress, accounts["mex"].id).verified_at is None


def test_what_is_not_one_address_is_refused_and_nothing_is_sent(
        client_as: Client, world: World, accounts: dict[str, Account]) -> None:
    mex = client_as("mex")
    for typed in ("ana@mission.test\r\nBcc: all@elsewhere.test", "not an address",
                  "Ana <ana@mission.test>", "ana@@mission.test", "ana@localhost"):
        answer = mex.post("/settings/address", data={"email": typed})
        assert answer.status_code == 422, typed
        assert b"e-mail address" in answer.data
    assert world.session.get(MailAddress, accounts["mex"].id) is None
    assert message_count(world) == 0


def test_an_administrator_sets_an_address_and_no_one_else_may(
        client_as: Client, world: World, accounts: dict[str, Account]) -> None:
    target = accounts["can"].id
    assert client_as("mex").post(f"/settings/account/{target}",
                                 data={"email": "x@mission.test"}).status_code == 403
    assert client_as("admin").post(f"/settings/account/{target}",
                                   data={"email": "claire@mission.test"}).status_code == 303
    assert world.session.get(MailAddress, target).address == "claire@mission.test"
    assert verification_link(world, "claire@mission.test")


def test_one_click_unsubscribe_needs_no_sign_in_and_changes_only_that_choice(
        csrf_app: Flask, world: World, accounts: dict[str, Account]) -> None:
    client = csrf_app.test_client()
    mex, negotiation = accounts["mex"].id, world.negotiation.id
    token = unsubscribe_token("test", mex, negotiation)
    # The RFC's one-click POST: no session, no CSRF token, only the link's own token.
    answer = client.post(f"/mail/unsubscribe/{token}",
                         data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert choice_of(world.session, mex, negotiation) == NONE
    assert choice_of(world.session, accounts["can"].id, negotiation) != NONE
    forged = f"{accounts['can'].id}.{negotiation}.{token.rsplit('.', 1)[1]}"
    assert client.post(f"/mail/unsubscribe/{forged}").status_code == 404
    assert choice_of(world.session, accounts["can"].id, negotiation) != NONE


def test_the_mail_page_is_the_secretariats_and_sends_a_failed_message_again(
        client_as: Client, world: World, accounts: dict[str, Account],
        at: Callable[[str], str]) -> None:
    from negotiation.notices.mail.outbox import message_values
    row = message_values(account_id=accounts["mex"].id, negotiation_id=world.negotiation.id,
                         address="ana@mission.test", display_name="Ana <b>", kind="revision",
                         subject="<script>alert(1)</script>", body="b", link="/x",
                         now=world.now, status=FAILED)
    row["answer"] = "550 5.1.1 No such mailbox"
    world.session.execute(MailMessage.__table__.insert(), [row])
    assert client_as("mex").get(at("/mail/")).status_code == 403
    page = client_as("secretariat").get(at("/mail/"))
    assert page.status_code == 200
    assert b"550 5.1.1 No such mailbox" in page.data
    assert b"<script>alert" not in page.data and b"&lt;script&gt;" in page.data
    message = world.session.scalars(select(MailMessage)).one()
    assert client_as("secretariat").post(at(f"/mail/{message.id}/again")).status_code == 303
    world.session.expire_all()
    assert world.session.get(MailMessage, message.id).status == QUEUED


def test_every_address_change_is_written_to_the_record_with_who_made_it(
        client_as: Client, world: World, accounts: dict[str, Account]) -> None:
    from negotiation.models import RecordEntry
    mex = client_as("mex")
    mex.post("/settings/address", data={"email": "ana@mission.test"})
    assert mex.get(verification_link(world, "ana@mission.test")).status_code == 303
    mex.post("/settings/address", data={"email": "ana.new@mission.test"})
    client_as("admin").post(f"/settings/account/{accounts['mex'].id}", data={"email": ""})
    refused = mex.post("/settings/address", data={"email": "not an address"})
    assert refused.status_code == 422
    entries = world.session.execute(
        select(RecordEntry.actor_role, RecordEntry.summary)
        .where(RecordEntry.action == "mail_address_changed").order_by(RecordEntry.id)).all()
    name = accounts["mex"].username
    assert [(str(role), summary) for role, summary in entries] == [
        ("delegation", f"E-mail address of {name} set to ana@mission.test"),
        ("delegation", f"E-mail address of {name} confirmed: ana@mission.test"),
        ("delegation", f"E-mail address of {name} changed from ana@mission.test to "
                       "ana.new@mission.test"),
        ("admin", f"E-mail address of {name} removed (was ana.new@mission.test)"),
    ]


def test_my_settings_is_linked_from_the_start_page(client_as: Client) -> None:
    page = client_as("mex").get("/").get_data(as_text=True)
    assert 'href="/settings/"' in page
    assert "e-mail" in page.lower()
