"""Invitations and password resets through the pages, with a real SMTP server: the link read
from the message that arrived brings the person in, once, and only its own person."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from email.message import EmailMessage

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from negotiation.enums import Role
from negotiation.models import Account, Appointment, MailAddress, MailMessage, Notice
from negotiation.notices.mail.sender import Sender
from negotiation.notices.resets import SAME_ANSWER
from tests.builders import World
from tests.notices.conftest import KEY, WallClock, settings_for
from tests.notices.smtp import MailServer, free_port
from tests.web.addresses import at
from tests.web.conftest import _app

PASSWORD = "lantern orchard quietly 42"
LINK = re.compile(r"https://tracker\.oas\.test(/\S+)")


class Wall:
    """The app's real-time clock, moved by the test (links expire on it)."""

    def __init__(self, wall: WallClock) -> None:
        self.wall = wall

    def now(self) -> datetime:
        return self.wall()


@pytest.fixture
def mail() -> Iterator[MailServer]:
    server = MailServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def wall() -> WallClock:
    return WallClock()


@pytest.fixture
def web(session: Session, world: World, accounts: dict[str, Account], wall: WallClock,
        ) -> Flask:
    return _app(session, world, csrf=False, WALL_CLOCK=Wall(wall))


@pytest.fixture
def sender(session: Session, world: World, mail: MailServer, wall: WallClock) -> Sender:
    session.execute(update(Notice).values(fanned_out=True))
    factory = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint",
                           expire_on_commit=False)
    return Sender(factory, settings_for(mail), KEY, name="test-sender", timeout=5, now=wall)


@pytest.fixture
def client(web: Flask, client_on: Callable[[Flask, str | None], FlaskClient],
           ) -> Callable[[str | None], FlaskClient]:
    return lambda name: client_on(web, name)


def path_in(mail: EmailMessage) -> str:
    [found] = LINK.findall(mail.get_body(("plain",)).get_content())
    return str(found)


def text(answer: object) -> str:
    """The page's text, its runs of spaces and line breaks as one space."""
    return " ".join(answer.get_data(as_text=True).split())  # type: ignore[attr-defined]


def _invite(secretariat: FlaskClient, email: str, code: str = "MEX") -> object:
    return secretariat.post(at("/people/invitations/"),
                            data={"email": email, "role": "delegation", "delegation": code})


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_invited_delegate_creates_the_account_from_the_link_and_signs_in(
        web: Flask, world: World, client: Callable[[str | None], FlaskClient],
        sender: Sender, mail: MailServer) -> None:
    secretariat = client("secretariat")
    assert _invite(secretariat, "ana@sre.gob.mx").status_code == 303
    people = text(secretariat.get(at("/people/")))
    assert "ana@sre.gob.mx" in people and "delegation of Mexico" in people
    assert sender.run_once() == 1
    path = path_in(mail.inbox.to("ana@sre.gob.mx")[0])

    visitor = web.test_client()
    page = visitor.get(path)
    assert page.status_code == 200 and "as delegation of Mexico" in text(page)
    joined = visitor.post(path, data={"username": "ana", "display_name": "Ana Pérez",
                                      "password": PASSWORD})
    assert joined.status_code == 303 and joined.location.endswith("/auth/login")
    signed_in = visitor.post("/auth/login", data={"username": "ana", "password": PASSWORD})
    assert signed_in.status_code == 303
    home = visitor.get(at("/"))
    assert home.status_code == 200 and "Ana Pérez" in text(home)
    assert "ana@sre.gob.mx" not in text(secretariat.get(at("/people/"))).split(
        "Invitations pending")[1].split("Delegations admitted")[0]

    # The link again: refused, nothing created, nothing sent.
    accounts = _count(world.session, Account)
    again = web.test_client().post(path, data={"username": "ana2", "display_name": "Ana",
                                               "password": PASSWORD})
    assert again.status_code == 409 and "already used" in text(again)
    assert _count(world.session, Account) == accounts
    assert sender.run_once() == 0


def test_a_link_opened_by_another_signed_in_person_is_refused_and_changes_nothing(
        world: World, accounts: dict[str, Account],
        client: Callable[[str | None], FlaskClient], sender: Sender, mail: MailServer,
        ) -> None:
    _invite(client("secretariat"), "ana@sre.gob.mx")
    sender.run_once()
    path = path_in(mail.inbox.to("ana@sre.gob.mx")[0])
    world.session.add(MailAddress(account_id=accounts["can"].id, address="can@canada.ca",
                                  verified_at=world.now, changed_at=world.now))
    world.session.flush()
    other = client("can")
    refused = other.post(path)
    assert refused.status_code == 409
    assert "sent to another address" in text(refused)
    assert world.session.scalars(select(Appointment).where(
        Appointment.account_id == accounts["can"].id)).first() is None
    # Still pending: its own person can use it.
    assert "ana@sre.gob.mx" in text(client("secretariat").get(at("/people/")))


@pytest.mark.parametrize("email", ["ana@sre.gob.mx\r\nBcc: all@example.org", "ana",
                                   "ana@sre.gob.mx, bob@sre.gob.mx", "<script>@x.org"])
def test_an_invitation_to_something_that_is_not_an_address_is_refused_and_not_sent(
        world: World, client: Callable[[str | None], FlaskClient], sender: Sender,
        email: str) -> None:
    refused = _invite(client("secretariat"), email)
    assert refused.status_code == 422
    assert "not an e-mail address" in text(refused) or "one line" in text(refused)
    assert "<script>" not in text(refused)
    assert _count(world.session, MailMessage) == 0
    assert sender.run_once() == 0


def test_a_name_with_a_line_break_is_refused_beside_the_form_and_the_link_still_works(
        web: Flask, client: Callable[[str | None], FlaskClient], sender: Sender,
        mail: MailServer) -> None:
    _invite(client("secretariat"), "ana@sre.gob.mx")
    sender.run_once()
    path = path_in(mail.inbox.to("ana@sre.gob.mx")[0])
    visitor = web.test_client()
    refused = visitor.post(path, data={"username": "ana", "password": PASSWORD,
                                       "display_name": "Ana\r\nBcc: all@example.org"})
    assert refused.status_code == 422 and 'value="ana"' in text(refused)
    assert visitor.post(path, data={"username": "ana", "display_name": "Ana",
                                    "password": PASSWORD}).status_code == 303


def test_the_secretariat_may_not_invite_a_chair(
        world: World, client: Callable[[str | None], FlaskClient], sender: Sender) -> None:
    refused = client("secretariat").post(at("/people/invitations/"), data={
        "email": "chair@oas.test", "role": "chair"})
    assert refused.status_code == 403
    assert sender.run_once() == 0


def test_revoking_and_sending_again_from_the_people_page(
        web: Flask, world: World, client: Callable[[str | None], FlaskClient],
        sender: Sender, mail: MailServer) -> None:
    secretariat = client("secretariat")
    _invite(secretariat, "ana@sre.gob.mx")
    sender.run_once()
    [invitation_id] = re.findall(r"/people/invitations/(\d+)/resend",
                                 text(secretariat.get(at("/people/"))))
    assert secretariat.post(at(f"/people/invitations/{invitation_id}/resend")).status_code \
        == 303
    assert sender.run_once() == 1
    first, second = (path_in(m) for m in mail.inbox.to("ana@sre.gob.mx"))
    assert web.test_client().get(first).status_code == 409
    assert web.test_client().get(second).status_code == 200
    assert secretariat.post(at(f"/people/invitations/{invitation_id}/revoke")).status_code \
        == 303
    revoked = web.test_client().get(second)
    assert revoked.status_code == 409 and "revoked" in text(revoked)
    assert "ana@sre.gob.mx" not in text(revoked)


def test_appointing_chooses_a_person_from_the_list_of_those_the_secretariat_may_appoint(
        world: World, accounts: dict[str, Account],
        client: Callable[[str | None], FlaskClient]) -> None:
    secretariat = client("secretariat")
    page = text(secretariat.get(at("/people/")))
    listed = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>',
                        page.split('id="account"')[1].split("</select>")[0])
    names = {name.split(" (")[0] for _, name in listed}
    assert {"Observer", "Mex", "Can"} <= names
    assert not names & {"Chair", "Admin", "Secretariat"}
    assert "Mex (mex, Mexico)" in page
    answer = secretariat.post(at("/people/"), data={
        "account": str(accounts["mex"].id), "role": "observer"})
    assert answer.status_code == 303
    assert world.session.scalars(select(Appointment.role).where(
        Appointment.account_id == accounts["mex"].id)).one() is Role.OBSERVER
    chair = secretariat.post(at("/people/"), data={
        "account": str(accounts["chair"].id), "role": "observer"})
    assert chair.status_code == 403


def test_forgot_password_answers_the_same_for_anyone_and_the_link_ends_every_session(
        web: Flask, world: World, accounts: dict[str, Account],
        client: Callable[[str | None], FlaskClient], sender: Sender, mail: MailServer,
        ) -> None:
    world.session.add(MailAddress(account_id=accounts["mex"].id, address="mex@sre.gob.mx",
                                  verified_at=world.now, changed_at=world.now))
    world.session.flush()
    signed_in = client("mex")
    assert signed_in.get(at("/draft/")).status_code == 200
    assert "Forgot your password?" in text(web.test_client().get("/auth/login"))
    answers = [web.test_client().post("/auth/forgot", data={"who": who})
               for who in ("mex@sre.gob.mx", "nobody@example.org", "nobody", "MEX")]
    assert {a.status_code for a in answers} == {200}
    assert all(SAME_ANSWER in text(a) for a in answers)
    # What the pages say differs in nothing (only each form's one-time keys do).
    assert len({re.sub(r'type="hidden" name="(csrf_token|form_key)" value="[^"]*"', "",
                       text(a).split("<main")[1]) for a in answers}) == 1
    assert sender.run_once() == 2  # two links, both to mex's confirmed address
    assert [m["To"].addresses[0].addr_spec for m in mail.inbox.received] == [
        "mex@sre.gob.mx"] * 2
    older, newer = (path_in(m) for m in mail.inbox.received)
    assert web.test_client().get(older).status_code == 409

    visitor = web.test_client()
    weak = visitor.post(newer, data={"password": "password123"})
    assert weak.status_code == 422 and "stronger password" in text(weak)
    done = visitor.post(newer, data={"password": PASSWORD})
    assert done.status_code == 303
    assert signed_in.get(at("/draft/")).status_code == 302, "the old session is over"
    assert web.test_client().post("/auth/login", data={
        "username": "mex", "password": PASSWORD}).status_code == 303
    replayed = visitor.post(newer, data={"password": "another lantern orchard 43"})
    assert replayed.status_code == 409
    assert sender.run_once() == 0


def test_forgot_password_refuses_a_line_break_and_is_limited_like_sign_in(
        web: Flask, sender: Sender) -> None:
    visitor = web.test_client()
    broken = visitor.post("/auth/forgot", data={"who": "mex\r\nBcc: x@example.org"})
    assert broken.status_code == 422
    answers = [visitor.post("/auth/forgot", data={"who": "nobody"}) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert "Too many requests" in text(answers[-1])


def test_forms_of_invitations_and_resets_need_the_csrf_token(
        session: Session, world: World, accounts: dict[str, Account],
        client_on: Callable[[Flask, str | None], FlaskClient], wall: WallClock) -> None:
    guarded = _app(session, world, csrf=True, WALL_CLOCK=Wall(wall))
    assert _invite(client_on(guarded, "secretariat"), "ana@sre.gob.mx").status_code == 400
    assert guarded.test_client().post("/auth/forgot", data={"who": "mex"}).status_code == 400
    assert _count(world.session, MailMessage) == 0
