"""Late leave granted or refused, and the meeting's agenda published and published again,
reach people through the real SMTP server, each in the reader's language: the delegation
that asked reads the chair's answer; everyone taking part reads the agenda, with the link to
the meeting page, the second edition saying what changed, in the same thread."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from sqlalchemy import select

from negotiation.calendar.late_requests import answer_late_request, ask_late_leave
from negotiation.chairing.decisions import decide
from negotiation.chairing.publishing import publish_agenda
from negotiation.enums import MilestoneKind
from negotiation.models import Account, MailMessage, Milestone, NoticePreference
from negotiation.notices.mail.sender import Sender
from negotiation.notices.statuses import DIGEST, FOR_DIGEST
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, World
from tests.notices.conftest import WallClock, person
from tests.notices.smtp import MailServer


def speaking(account: Account, language: str) -> Account:
    account.language = language
    return account


def plain(mail: EmailMessage) -> str:
    return str(mail.get_body(("plain",)).get_content())


def test_a_refusal_reaches_the_delegation_that_asked_in_its_language(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    speaking(person(world, "ana", "MEX"), "es")
    world.delegations["MEX"].name_es = "México"
    person(world, "claire", "CAN")
    world.after_deadline()
    asked = ask_late_leave(world.session, world.negotiation, world.delegate("MEX"),
                           "Instructions delayed", world.now, section=world.sections["tip"])
    answer_late_request(world.session, world.negotiation, CHAIR, asked, "refused",
                        "The section was closed by agreement", world.now)
    assert sender.run_once() == 1
    [mail] = mail_server.inbox.received
    assert mail["To"].addresses[0].addr_spec == "ana@mission.test"
    assert mail["Subject"] == ("[CSH 2023-2024] Autorización tardía denegada para "
                               "Trafficking in persons")
    text = plain(mail)
    assert ("La Presidencia denegó la solicitud de México de presentar tardíamente para "
            "Trafficking in persons. Motivo de la Presidencia: The section was closed by "
            "agreement") in text
    assert "https://tracker.oas.test/csh/2023-2024/late-leave/" in text


def test_a_grant_for_one_paragraph_reaches_the_delegation_in_french(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    speaking(person(world, "marie", "CAN"), "fr")
    world.delegations["CAN"].name_fr = "Canada"
    world.after_deadline()
    asked = ask_late_leave(world.session, world.negotiation, world.delegate("CAN"),
                           "Capital's instructions", world.now,
                           paragraph=world.paragraphs["op2"], paragraph_label="2")
    answer_late_request(world.session, world.negotiation, CHAIR, asked, "granted", "Agreed",
                        world.now, until=parse_moment("2024-05-10 18:00 America/New_York"),
                        paragraph_label="2")
    assert sender.run_once() == 1
    [mail] = mail_server.inbox.to("marie@mission.test")
    assert mail["Subject"] == ("[CSH 2023-2024] Soumissions tardives acceptées pour le "
                               "paragraphe 2 du dispositif (Trafficking in persons)")


def _meeting(world: World) -> Milestone:
    meeting = Milestone(negotiation_id=world.negotiation.id, kind=MilestoneKind.MEETING,
                        title="Second CSH meeting",
                        at=parse_moment("2024-05-14 10:00 America/New_York"))
    world.session.add(meeting)
    world.session.flush()
    return meeting


def test_the_agenda_reaches_everyone_and_a_new_edition_says_what_changed(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    speaking(person(world, "ana", "MEX"), "es")
    person(world, "claire", "CAN")
    bob = person(world, "bob", "CHL")
    world.session.add(NoticePreference(account_id=bob.id, negotiation_id=world.negotiation.id,
                                       choice=DIGEST))
    world.after_deadline()
    meeting = _meeting(world)
    for key in ("op1", "op2"):
        decide(world.session, world.negotiation, CHAIR, world.paragraphs[key],
               "find_consensus", world.now)
    first = publish_agenda(world.session, world.negotiation, CHAIR, meeting, world.now)
    assert (first.number, first.edition) == (1, 1)
    assert sender.run_once() == 2  # the one on the digest waits for the morning
    [claire] = mail_server.inbox.to("claire@mission.test")
    assert claire["Subject"] == "[CSH 2023-2024] Agenda no. 1: Second CSH meeting"
    text = plain(claire)
    assert ("The chair published agenda no. 1 for Second CSH meeting (Tuesday 14 May 2024, "
            "10:00 (America/New_York)), in the order of consideration. Paragraphs to "
            "consider: 2.") in text
    assert "https://tracker.oas.test/csh/2023-2024/meeting/" in text
    [ana] = mail_server.inbox.to("ana@mission.test")
    assert ana["Subject"] == "[CSH 2023-2024] Orden del día n.º 1: Second CSH meeting"
    digest = world.session.scalars(select(MailMessage).where(
        MailMessage.account_id == bob.id)).one()
    assert digest.status == FOR_DIGEST

    decide(world.session, world.negotiation, CHAIR, world.paragraphs["pp1"], "find_consensus",
           world.now)
    second = publish_agenda(world.session, world.negotiation, CHAIR, meeting, world.now)
    assert (second.number, second.edition) == (2, 2)
    wall.advance(minutes=1)
    sender.run_once()
    [_, again] = mail_server.inbox.to("claire@mission.test")
    assert again["Subject"] == ("[CSH 2023-2024] Agenda no. 2: Second CSH meeting "
                                "(replaces no. 1)")
    assert ("replacing agenda no. 1. Paragraphs to consider: 3. What changed: added: "
            "preambular paragraph 1 (Trafficking in persons).") in plain(again)
    # One meeting's agendas are one thread in the reader's mail client.
    assert again["In-Reply-To"] == claire["Message-ID"]
    [_, otra] = mail_server.inbox.to("ana@mission.test")
    assert "Qué cambió: se añadió: párrafo preambular 1 (Trafficking in persons)." in (
        plain(otra))
    wall.at = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    sender.run_once()
    [morning] = mail_server.inbox.to("bob@mission.test")
    assert "Agenda no. 2: Second CSH meeting (replaces no. 1)" in plain(morning)
