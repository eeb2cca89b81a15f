"""A delegation's request for late leave reaches the chair and the secretariat by e-mail, each
in their language and as they chose (each, digest, none), with the link to the request on
the page where the chair grants or refuses it; the delegations are not told."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from negotiation.calendar.late_requests import ask_late_leave
from negotiation.enums import Role
from negotiation.models import Account, Appointment, MailMessage, NoticePreference
from negotiation.notices.mail.sender import Sender
from negotiation.notices.statuses import DIGEST, FOR_DIGEST, NONE, REHEARSAL
from negotiation.notices.visits import since_last_visit
from negotiation.record.clock import CLOCK_SETTING
from tests.builders import World, name_in_languages
from tests.notices.conftest import WallClock, person
from tests.notices.smtp import MailServer


def appointed(world: World, username: str, role: Role, language: str | None = None) -> Account:
    account = person(world, username, None)
    account.language = language
    world.session.add(Appointment(negotiation_id=world.negotiation.id, account_id=account.id,
                                  role=role, appointed_at=world.now, appointed_by="tests"))
    world.session.flush()
    return account


def plain(mail: EmailMessage) -> str:
    return str(mail.get_body(("plain",)).get_content())


def ask(world: World) -> int:
    world.after_deadline()
    asked = ask_late_leave(world.session, world.negotiation, world.delegate("MEX"),
                           "Instructions from the capital delayed", world.now,
                           paragraph=world.paragraphs["op2"], paragraph_label="2")
    return asked.id


def test_the_chair_and_the_secretariat_are_told_in_their_languages(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    appointed(world, "chair", Role.CHAIR)
    appointed(world, "sofia", Role.SECRETARIAT, "es")
    person(world, "ana", "MEX")  # the delegation that asks is not told of its own request
    person(world, "claire", "CAN")
    person(world, "oscar", None)
    world.delegations["MEX"].name_es = "México"
    request_id = ask(world)
    assert sender.run_once() == 2
    [chair] = mail_server.inbox.to("chair@mission.test")
    assert chair["Subject"] == ("[CSH 2023-2024] Mexico asks for late leave for operative "
                                "paragraph 2 of Trafficking in persons")
    text = plain(chair)
    assert ("Mexico asks to submit late for operative paragraph 2 of Trafficking in persons. "
            "The chair grants or refuses the request on the late submissions page. The "
            "delegation's reason: Instructions from the capital delayed") in text
    assert (f"https://tracker.oas.test/csh/2023-2024/chair/late/#late-request-{request_id}"
            in text)
    [sofia] = mail_server.inbox.to("sofia@mission.test")
    assert sofia["Subject"].startswith("[CSH 2023-2024] México ")
    assert "Instructions from the capital delayed" in plain(sofia)
    assert f"/chair/late/#late-request-{request_id}" in plain(sofia)
    assert len(mail_server.inbox.received) == 2


def test_each_reader_s_choice_is_kept(world: World, sender: Sender, mail_server: MailServer,
                                      wall: WallClock) -> None:
    chair = appointed(world, "chair", Role.CHAIR)
    sofia = appointed(world, "sofia", Role.SECRETARIAT)
    world.session.add_all([
        NoticePreference(account_id=chair.id, negotiation_id=world.negotiation.id,
                         choice=DIGEST),
        NoticePreference(account_id=sofia.id, negotiation_id=world.negotiation.id,
                         choice=NONE)])
    wall.at = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    ask(world)
    assert sender.run_once() == 0
    kept = world.session.scalars(select(MailMessage).where(
        MailMessage.kind == "late-leave-asked")).all()
    assert [(m.address, m.status) for m in kept] == [("chair@mission.test", FOR_DIGEST)]
    wall.at = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)  # 07:00 the next morning, in Washington
    assert sender.run_once() == 1
    [digest] = mail_server.inbox.received
    assert digest["To"].addresses[0].addr_spec == "chair@mission.test"
    assert "Mexico asks for late leave for operative paragraph 2" in plain(digest)
    assert "https://tracker.oas.test/csh/2023-2024/chair/late/#late-request-" in plain(digest)


def test_in_a_rehearsal_the_message_stays_in_the_outbox(
        world: World, sender: Sender, mail_server: MailServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    appointed(world, "chair", Role.CHAIR)
    monkeypatch.setenv(CLOCK_SETTING, "2024-05-09 10:00 America/New_York")
    ask(world)
    monkeypatch.delenv(CLOCK_SETTING)
    assert sender.run_once() == 0
    [kept] = world.session.scalars(select(MailMessage).where(
        MailMessage.kind == "late-leave-asked")).all()
    assert kept.status == REHEARSAL
    assert mail_server.inbox.received == []


def test_the_home_page_events_show_the_request_to_the_chair_only(world: World) -> None:
    chair = appointed(world, "chair", Role.CHAIR)
    ana = person(world, "ana", "MEX")
    ask(world)
    told = since_last_visit(world.session, chair.id, world.negotiation.id, None, world.now,
                            "chair")
    assert [n.kind for n in told][:1] == ["late-leave-asked"]
    for_delegate = since_last_visit(world.session, ana.id, world.negotiation.id,
                                    world.delegations["MEX"].id, world.now, "delegation")
    assert "late-leave-asked" not in [n.kind for n in for_delegate]


def test_the_state_that_asks_reads_with_its_article_in_french_and_portuguese(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    appointed(world, "chair", Role.CHAIR, "fr")
    appointed(world, "sofia", Role.SECRETARIAT, "pt")
    name_in_languages(world, "MEX")
    ask(world)
    assert sender.run_once() == 2
    [chair] = mail_server.inbox.to("chair@mission.test")
    assert chair["Subject"].startswith("[CSH 2023-2024] Le Mexique demande une autorisation "
                                       "tardive pour ")
    assert plain(chair).startswith("Le Mexique demande à soumettre tardivement pour ")
    [sofia] = mail_server.inbox.to("sofia@mission.test")
    assert sofia["Subject"].startswith("[CSH 2023-2024] O México solicita autorização tardia "
                                       "para ")
    assert plain(sofia).startswith("O México solicita apresentar tardiamente para ")


def test_a_state_the_tables_do_not_know_keeps_its_bare_name(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    appointed(world, "chair", Role.CHAIR, "fr")
    world.delegations["MEX"].name_fr = "Mexique (délégation d'essai)"
    ask(world)
    sender.run_once()
    [chair] = mail_server.inbox.to("chair@mission.test")
    assert plain(chair).startswith("Mexique (délégation d'essai) demande à soumettre ")
