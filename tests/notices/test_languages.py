"""Each person's messages in their own language (the account's; English when none is
chosen), through the real SMTP server: subject, plain text, HTML and the unsubscribe footer;
invitations to an address with no account in the inviter's language. These read the
catalogs' Spanish, French and Portuguese."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from sqlalchemy import update

from negotiation.calendar.deadlines import grant_late_leave
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import Role
from negotiation.models import Account, MailAddress, NoticePreference
from negotiation.notices.addresses import send_verification
from negotiation.notices.invitations import checked_part, invite
from negotiation.notices.mail.sender import Sender
from negotiation.notices.resets import request_reset
from negotiation.notices.statuses import DIGEST
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, SECRETARIAT, World
from tests.notices.conftest import WallClock, person
from tests.notices.smtp import MailServer


def speaking(account: Account, language: str) -> Account:
    account.language = language
    return account


def parts(mail: EmailMessage) -> tuple[str, str]:
    return (str(mail.get_body(("plain",)).get_content()),
            str(mail.get_body(("html",)).get_content()))


def test_a_spanish_speaking_delegate_reads_the_circulation_in_spanish(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    speaking(person(world, "ana", "MEX"), "es")
    person(world, "claire", "CAN")
    world.clock.set(world.clock.now().replace(day=26))
    circulate_revision(world.session, world.negotiation, CHAIR, world.now, confirmed=True)
    assert sender.run_once() == 2
    [ana] = mail_server.inbox.to("ana@mission.test")
    assert ana["Subject"] == "[CSH 2023-2024] Distribuido el documento CP/CSH-2251/24 rev. 1"
    text, html = parts(ana)
    assert ("La Presidencia distribuyó la revisión 1 del proyecto de resolución "
            "(CP/CSH-2251/24 rev. 1). El texto comparativo muestra los cambios.") in text
    assert "Recibe este mensaje como participante en la negociación." in text
    assert "Dejar de recibir estos mensajes: https://tracker.oas.test/mail/unsubscribe/" in text
    assert '<html lang="es">' in html
    assert "La Presidencia distribuyó la revisión 1" in html
    assert ">Dejar de recibir estos mensajes</a>" in html
    # The one who chose no language reads the English, as before.
    [claire] = mail_server.inbox.to("claire@mission.test")
    assert claire["Subject"] == "[CSH 2023-2024] CP/CSH-2251/24 rev. 1 circulated"
    assert "You receive this as a participant in the negotiation." in parts(claire)[0]


def test_names_and_dates_are_the_readers_own(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    ana = speaking(person(world, "ana", "MEX"), "fr")
    world.delegations["MEX"].name_fr = "Mexique"  # the builders' names are English
    world.session.execute(update(MailAddress).where(MailAddress.account_id == ana.id)
                          .values(time_zone="Europe/Madrid"))
    world.after_deadline()
    until = parse_moment("2024-05-10 18:00 America/New_York")
    grant_late_leave(world.session, world.negotiation, CHAIR, world.delegations["MEX"], until,
                     "Capital's instructions arrived late", world.now)
    sender.run_once()
    [mail] = mail_server.inbox.to("ana@mission.test")
    assert mail["Subject"] == ("[CSH 2023-2024] Soumissions tardives acceptées pour "
                               "l\u2019ensemble du projet")
    text, _ = parts(mail)
    assert ("La présidence accepte les soumissions tardives de votre délégation (Mexique) "
            "pour l\u2019ensemble du projet jusqu\u2019au vendredi 10 mai 2024, 18:00 "
            "(America/New_York).") in text
    assert ("Dans votre fuseau horaire\u00a0: samedi 11 mai 2024, 00:00 (Europe/Madrid)."
            in text)


def test_a_digest_is_in_its_readers_language(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    ana = speaking(person(world, "ana", "MEX"), "pt")
    world.session.add(NoticePreference(account_id=ana.id, negotiation_id=world.negotiation.id,
                                       choice=DIGEST))
    wall.at = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    for _ in range(2):
        circulate_revision(world.session, world.negotiation, CHAIR, world.now, confirmed=True)
        sender.run_once()
    wall.at = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    assert sender.run_once() == 1
    (digest,) = mail_server.inbox.received
    assert digest["Subject"] == "[CSH 2023-2024] Resumo diário: 2 novidade(s)"
    assert "A Presidência distribuiu a revisão 2" in parts(digest)[0]


def test_an_invitation_to_a_new_address_is_in_the_inviters_language(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    world.delegations["MEX"].name_es = "México"  # the builders' names are English
    part = checked_part(world.session, world.negotiation, SECRETARIAT, Role.DELEGATION, "MEX")
    invite(world.session, world.negotiation, SECRETARIAT, "new@sre.gob.mx", part, world.now,
           wall(), language="es")
    # An address whose account chose French is written to in French, whoever invites.
    speaking(person(world, "marie", None, address="marie@mission.test"), "fr")
    invite(world.session, world.negotiation, SECRETARIAT, "marie@mission.test", part,
           world.now, wall(), language="es")
    sender.run_once()
    [new] = mail_server.inbox.to("new@sre.gob.mx")
    assert new["Subject"] == "Invitación a CSH 2023-2024"
    assert "le invita a participar en la negociación de Advancing" in parts(new)[0]
    assert "como integrante de la delegación de México." in parts(new)[0]
    [marie] = mail_server.inbox.to("marie@mission.test")
    assert marie["Subject"] == "Invitation à CSH 2023-2024"


def test_a_password_reset_is_in_the_accounts_language(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    speaking(person(world, "ana", "MEX", address="ana@sre.gob.mx"), "pt")
    request_reset(world.session, "ana", "192.0.2.1", wall())
    sender.run_once()
    [mail] = mail_server.inbox.to("ana@sre.gob.mx")
    assert mail["Subject"] == "Definir uma nova senha"
    assert "Foi solicitada uma nova senha para a conta ana" in parts(mail)[0]


def test_a_verification_link_is_in_the_accounts_language(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    ana = speaking(person(world, "ana", "MEX", verified=False), "es")
    send_verification(world.session, ana, "ana@sre.gob.mx", wall())
    sender.run_once()
    [mail] = mail_server.inbox.to("ana@sre.gob.mx")
    assert mail["Subject"] == "Confirme su dirección de correo electrónico"
    assert "para la cuenta ana en el sistema de seguimiento" in parts(mail)[0]
