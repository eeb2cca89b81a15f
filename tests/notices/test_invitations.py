"""Invitations and password resets reach people through a real SMTP server, and the links
read from the messages that arrived bring them in: each once, for its own person only."""

from __future__ import annotations

import re
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from negotiation.actors import Actor
from negotiation.enums import Role, SignInScope
from negotiation.errors import InvalidSetting, InvalidSubmission, NotPermitted
from negotiation.models import (
    Account,
    AccountInvitation,
    Appointment,
    MailAddress,
    MailMessage,
    Negotiation,
    RecordEntry,
)
from negotiation.notices.invitations import (
    InvitationRefused,
    Part,
    accept_as,
    accept_as_new,
    checked_part,
    invite,
    pending_invitations,
    resend,
    revoke,
)
from negotiation.notices.mail.sender import Sender
from negotiation.notices.resets import (
    ResetLimited,
    ResetRefused,
    request_reset,
    reset_password,
)
from negotiation.people.appointments import (
    admit_delegations,
    appoint,
    create_negotiation,
    installation_actor,
)
from negotiation.people.signin import (
    FAILURES_ALLOWED,
    account_for_token,
    sign_in,
    start_session,
)
from tests.builders import World
from tests.notices.conftest import WallClock, person
from tests.notices.smtp import MailServer

PASSWORD = "lantern orchard quietly 42"
LINK = re.compile(r"https://tracker\.oas\.test(/\S+)")
SECRETARIAT = Actor(Role.SECRETARIAT, "Secretariat of the CAJP")


def link_in(mail: EmailMessage) -> str:
    """The site path of the one link a message carries (read from its plain text)."""
    found = LINK.findall(mail.get_body(("plain",)).get_content())
    assert len(found) == 1, found
    return found[0]


def token_in(mail: EmailMessage, prefix: str) -> str:
    path = link_in(mail)
    assert path.startswith(prefix), path
    return path.removeprefix(prefix)


@pytest.fixture
def committee(world: World, session: Session) -> Negotiation:
    """A new committee's cycle, opened by an administrator, with its secretariat appointed
    and three member states admitted."""
    admin = Account(username="root", display_name="Administrator", password_hash="x",
                    is_admin=True, active=True, created_at=world.now)
    session.add(admin)
    session.flush()
    acting = installation_actor(admin)
    opened = create_negotiation(session, acting, world.now, committee="CAJP",
                                committee_name="Committee on Juridical and Political Affairs",
                                cycle="2024-2025", title="Omnibus resolution",
                                symbol="CP/CAJP-1/24", timezone="America/New_York")
    admit_delegations(session, opened, world.delegations.values())
    secretary = person(world, "cajpsec", None)
    appoint(session, opened, acting, secretary, Role.SECRETARIAT, world.now)
    return opened


def _invite(session: Session, committee: Negotiation, address: str, code: str,
            wall: WallClock) -> None:
    part = checked_part(session, committee, SECRETARIAT, Role.DELEGATION, code)
    invite(session, committee, SECRETARIAT, address, part, wall(), wall())


def committee_invitations(session: Session,
                          committee: Negotiation) -> list[AccountInvitation]:
    return list(session.scalars(select(AccountInvitation).where(
        AccountInvitation.negotiation_id == committee.id)))


def _sessions(session: Session) -> sessionmaker[Session]:
    return sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint",
                        expire_on_commit=False)


def test_the_secretariat_of_a_new_committee_invites_three_delegates_who_join_and_sign_in(
        world: World, session: Session, committee: Negotiation, sender: Sender,
        mail_server: MailServer, wall: WallClock) -> None:
    invited = {"ana@sre.gob.mx": "MEX", "claire@canada.ca": "CAN", "rosa@minrel.cl": "CHL"}
    for address, code in invited.items():
        _invite(session, committee, address, code, wall)
    assert [i.address for i in pending_invitations(session, committee, wall())] == list(invited)

    assert sender.run_once() == 3
    for n, (address, code) in enumerate(invited.items()):
        [mail] = mail_server.inbox.to(address)
        assert mail["Subject"] == "Invitation to CAJP 2024-2025"
        token = token_in(mail, "/invitations/")
        username = address.split("@")[0]
        account = accept_as_new(session, token, username, f"{username.title()} ({code})",
                                PASSWORD, world.now, wall())
        appointment = session.scalars(select(Appointment).where(
            Appointment.account_id == account.id)).one()
        assert appointment.negotiation_id == committee.id
        assert appointment.role is Role.DELEGATION
        assert appointment.delegation is not None and appointment.delegation.code == code
        # The link reached the address: it is confirmed without another message.
        address_row = session.get_one(MailAddress, account.id)
        assert (address_row.address, address_row.verified_at) == (address, wall())
        assert sign_in(_sessions(session), username, PASSWORD, f"192.0.2.{n}", wall()) \
            is not None
    assert pending_invitations(session, committee, wall()) == []
    assert sender.run_once() == 0, "no confirmation or anything else is sent after joining"
    assert len(mail_server.inbox.received) == 3


def test_a_replayed_expired_revoked_or_replaced_link_is_refused_and_changes_nothing(
        world: World, session: Session, committee: Negotiation, sender: Sender,
        mail_server: MailServer, wall: WallClock) -> None:
    _invite(session, committee, "ana@sre.gob.mx", "MEX", wall)
    _invite(session, committee, "luis@sre.gob.mx", "MEX", wall)
    _invite(session, committee, "paul@canada.ca", "CAN", wall)
    sender.run_once()
    ana = token_in(mail_server.inbox.to("ana@sre.gob.mx")[0], "/invitations/")
    accept_as_new(session, ana, "ana", "Ana", PASSWORD, world.now, wall())
    accounts = session.scalar(select(func.count()).select_from(Account))
    with pytest.raises(InvitationRefused, match="already used"):
        accept_as_new(session, ana, "ana2", "Ana again", PASSWORD, world.now, wall())

    # Expired: seven days later the link opens nothing.
    luis = token_in(mail_server.inbox.to("luis@sre.gob.mx")[0], "/invitations/")
    wall.advance(days=7)
    with pytest.raises(InvitationRefused, match="expired"):
        accept_as_new(session, luis, "luis", "Luis", PASSWORD, world.now, wall())

    # Resent: the old link stops working, the new one (a new message) works.
    invitation = next(i for i in committee_invitations(session, committee)
                      if i.address == "paul@canada.ca")
    resend(session, committee, SECRETARIAT, invitation, world.now, wall())
    sender.run_once()
    first, second = mail_server.inbox.to("paul@canada.ca")
    with pytest.raises(InvitationRefused, match="not valid"):
        accept_as_new(session, token_in(first, "/invitations/"), "paul", "Paul", PASSWORD,
                      world.now, wall())
    revoke(session, committee, SECRETARIAT, invitation, world.now, wall())
    with pytest.raises(InvitationRefused, match="revoked"):
        accept_as_new(session, token_in(second, "/invitations/"), "paul", "Paul", PASSWORD,
                      world.now, wall())
    assert session.scalar(select(func.count()).select_from(Account)) == accounts
    actions = list(session.scalars(select(RecordEntry.action).where(
        RecordEntry.negotiation_id == committee.id)))
    assert {"person_invited", "invitation_resent", "invitation_revoked"} <= set(actions)


def test_a_link_used_by_another_signed_in_person_is_refused_and_changes_nothing(
        world: World, session: Session, committee: Negotiation, sender: Sender,
        mail_server: MailServer, wall: WallClock) -> None:
    _invite(session, committee, "ana@sre.gob.mx", "MEX", wall)
    sender.run_once()
    token = token_in(mail_server.inbox.to("ana@sre.gob.mx")[0], "/invitations/")
    someone = person(world, "intruder", "CAN", address="intruder@example.org")
    with pytest.raises(InvitationRefused, match="another address"):
        accept_as(session, someone, token, world.now, wall())
    assert session.scalars(select(Appointment).where(
        Appointment.account_id == someone.id)).first() is None
    # The invited person, with an account of that address, accepts the same link after.
    ana = person(world, "ana", None, address="Ana@sre.gob.mx", verified=False)
    accept_as(session, ana, token, world.now, wall())
    assert session.get_one(MailAddress, ana.id).verified_at == wall()


@pytest.mark.parametrize("address", [
    "ana@sre.gob.mx\r\nBcc: everyone@example.org", "ana@sre.gob.mx\n", "not an address",
    "ana@localhost", "Ana <ana@sre.gob.mx>", "ana@@sre.gob.mx", ""])
def test_an_address_that_is_not_one_is_refused_and_nothing_is_sent(
        session: Session, committee: Negotiation, sender: Sender, mail_server: MailServer,
        wall: WallClock, address: str) -> None:
    with pytest.raises(InvalidSetting):
        _invite(session, committee, address, "MEX", wall)
    assert pending_invitations(session, committee, wall()) == []
    assert sender.run_once() == 0


def test_names_with_line_breaks_are_refused_and_the_link_still_works_after(
        world: World, session: Session, committee: Negotiation, sender: Sender,
        mail_server: MailServer, wall: WallClock) -> None:
    _invite(session, committee, "ana@sre.gob.mx", "MEX", wall)
    sender.run_once()
    token = token_in(mail_server.inbox.to("ana@sre.gob.mx")[0], "/invitations/")
    with pytest.raises(InvalidSubmission, match="line"):
        accept_as_new(session, token, "ana", "Ana\r\nBcc: x@example.org", PASSWORD,
                      world.now, wall())
    with pytest.raises(InvalidSubmission):
        accept_as_new(session, token, "ana\nroot", "Ana", PASSWORD, world.now, wall())
    with pytest.raises(InvalidSubmission, match="stronger password"):
        accept_as_new(session, token, "ana", "Ana", "password123", world.now, wall())
    assert session.scalars(select(Account).where(Account.username == "ana")).first() is None
    accept_as_new(session, token, "ana", "Ana", PASSWORD, world.now, wall())


def test_the_secretariat_cannot_invite_a_chair_and_an_invitation_never_takes_a_desk_away(
        world: World, session: Session, committee: Negotiation, sender: Sender,
        mail_server: MailServer, wall: WallClock) -> None:
    with pytest.raises(NotPermitted):
        checked_part(session, committee, SECRETARIAT, Role.CHAIR)
    # Invited as an observer, a person made chair in the meantime keeps the chair.
    invite(session, committee, SECRETARIAT, "chair@oas.test", Part(Role.OBSERVER), world.now,
           wall())
    sender.run_once()
    chair = person(world, "cajpchair", None, address="chair@oas.test")
    appoint(session, committee, Actor(Role.ADMIN, "Administrator"), chair, Role.CHAIR,
            world.now)
    token = token_in(mail_server.inbox.to("chair@oas.test")[0], "/invitations/")
    with pytest.raises(InvitationRefused, match="hold more"):
        accept_as(session, chair, token, world.now, wall())
    assert session.scalars(select(Appointment.role).where(
        Appointment.account_id == chair.id)).one() is Role.CHAIR


def test_a_reset_through_the_link_that_arrived_sets_the_password_and_ends_every_session(
        world: World, session: Session, sender: Sender, mail_server: MailServer,
        wall: WallClock) -> None:
    ana = person(world, "ana", "MEX", address="ana@sre.gob.mx")
    thief = start_session(session, ana, wall())
    request_reset(session, "ANA@sre.gob.mx", "192.0.2.1", wall())
    assert sender.run_once() == 1
    [mail] = mail_server.inbox.to("ana@sre.gob.mx")
    assert mail["Subject"] == "Set a new password"
    token = token_in(mail, "/auth/reset/")
    with pytest.raises(InvalidSubmission, match="stronger password"):
        reset_password(session, token, "password123", wall())
    reset_password(session, token, PASSWORD, wall())
    assert sign_in(_sessions(session), "ana", PASSWORD, "192.0.2.1", wall()) is not None
    assert account_for_token(session, thief, wall()) is None, \
        "the session started before the reset opens nothing"
    entry = session.scalars(select(RecordEntry).where(
        RecordEntry.action == "password_reset")).one()
    assert "ana" in entry.summary
    with pytest.raises(ResetRefused, match="not valid"):
        reset_password(session, token, "another lantern orchard 43", wall())


def test_a_reset_link_expires_after_an_hour_and_a_newer_one_replaces_it(
        world: World, session: Session, sender: Sender, mail_server: MailServer,
        wall: WallClock) -> None:
    person(world, "ana", "MEX", address="ana@sre.gob.mx")
    request_reset(session, "ana", "192.0.2.1", wall())
    request_reset(session, "ana", "192.0.2.1", wall())
    sender.run_once()
    first, second = mail_server.inbox.to("ana@sre.gob.mx")
    with pytest.raises(ResetRefused, match="not valid"):
        reset_password(session, token_in(first, "/auth/reset/"), PASSWORD, wall())
    wall.advance(hours=1)
    with pytest.raises(ResetRefused, match="expired"):
        reset_password(session, token_in(second, "/auth/reset/"), PASSWORD, wall())


def test_unknown_unconfirmed_or_hostile_names_get_nothing_and_requests_are_limited(
        world: World, session: Session, sender: Sender, mail_server: MailServer,
        wall: WallClock) -> None:
    person(world, "ana", "MEX", address="ana@sre.gob.mx", verified=False)
    for typed in ("nobody@example.org", "ana@sre.gob.mx", "ana", "nobody"):
        request_reset(session, typed, "192.0.2.1", wall())
    with pytest.raises(InvalidSubmission, match="line"):
        request_reset(session, "ana\r\n@sre.gob.mx", "192.0.2.1", wall())
    assert sender.run_once() == 0
    assert session.scalar(select(func.count()).select_from(MailMessage)) == 0
    # The limit counts what was typed, account or not, like sign-in's.
    allowed = FAILURES_ALLOWED[SignInScope.ACCOUNT]
    for n in range(allowed - 1):
        request_reset(session, "nobody", f"198.51.100.{n}", wall())
    with pytest.raises(ResetLimited):
        request_reset(session, "nobody", "198.51.100.99", wall())
    wall.advance(minutes=16)
    request_reset(session, "nobody", "198.51.100.99", wall())
