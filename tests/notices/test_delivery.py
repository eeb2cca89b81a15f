"""Notices reach people's inboxes through a real SMTP server: once each, with the headers
mail clients need, kept while the server is down, failed with its answer when it refuses."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update

from negotiation.draft.circulation import circulate_revision
from negotiation.models import MailMessage, NoticePreference
from negotiation.notices.mail.sender import Sender
from negotiation.notices.statuses import FAILED, NONE, QUEUED, REHEARSAL, SENDING, SENT
from tests.builders import CHAIR, World
from tests.notices.conftest import WallClock, person
from tests.notices.smtp import MailServer


def circulate(world: World) -> None:
    world.clock.set(world.clock.now().replace(day=26))
    circulate_revision(world.session, world.negotiation, CHAIR, world.now, confirmed=True)


def statuses(world: World) -> list[str]:
    return list(world.session.scalars(select(MailMessage.status).order_by(MailMessage.id)))


def test_a_revision_reaches_everyone_taking_part_with_a_verified_address(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    person(world, "ana", "MEX")
    person(world, "luis", "MEX")
    person(world, "claire", "CAN")
    person(world, "unverified", "CAN", verified=False)
    circulate(world)
    assert sender.run_once() == 3
    inbox = mail_server.inbox
    assert sorted(m["To"].addresses[0].addr_spec for m in inbox.received) == [
        "ana@mission.test", "claire@mission.test", "luis@mission.test"]
    mail = inbox.to("ana@mission.test")[0]
    assert mail["Subject"] == "[CSH 2023-2024] CP/CSH-2251/24 rev. 1 circulated"
    assert str(mail["From"]) == "CSH negotiation <tracker@oas.test>"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "https://tracker.oas.test/csh/2023-2024/documents/revisions" in text
    assert 'href="https://tracker.oas.test/csh/2023-2024/documents/revisions"' in html
    unsubscribe = str(mail["List-Unsubscribe"])
    assert unsubscribe.startswith("<https://tracker.oas.test/mail/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["Message-ID"].endswith("@oas.test>")
    # A second pass sends nothing again.
    assert sender.run_once() == 0
    assert len(inbox.received) == 3
    assert set(statuses(world)) == {SENT}


def test_a_mail_server_down_during_a_circulation_loses_and_repeats_nothing(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    for n in range(6):
        person(world, f"delegate{n}", "MEX" if n % 2 else "CAN")
    mail_server.stop()
    circulate(world)
    assert sender.run_once() == 0
    waiting = world.session.scalars(select(MailMessage)).all()
    assert [m.status for m in waiting] == [QUEUED] * 6
    assert all("unreachable" in m.answer for m in waiting)
    # Tried again only after the wait, which doubles with each try.
    wall.advance(seconds=31)
    assert sender.run_once() == 0
    mail_server.start()
    wall.advance(seconds=31)
    assert sender.run_once() == 0, "the second wait is a minute, not thirty seconds"
    wall.advance(seconds=30)
    assert sender.run_once() == 6
    wall.advance(hours=1)
    assert sender.run_once() == 0
    ids = mail_server.inbox.ids()
    assert len(ids) == 6 and len(set(ids)) == 6
    assert set(statuses(world)) == {SENT}


def test_a_refusal_for_now_is_retried_and_a_final_one_fails_with_the_answer(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    person(world, "busy", "MEX")
    person(world, "gone", "CAN")
    mail_server.inbox.answers = {"busy@mission.test": "451 4.3.0 Try again later",
                                 "gone@mission.test": "550 5.1.1 No such mailbox"}
    circulate(world)
    assert sender.run_once() == 0
    rows = {m.address: m for m in world.session.scalars(select(MailMessage))}
    assert rows["gone@mission.test"].status == FAILED
    assert rows["gone@mission.test"].answer == "550 5.1.1 No such mailbox"
    assert rows["busy@mission.test"].status == QUEUED
    assert "451" in rows["busy@mission.test"].answer
    del mail_server.inbox.answers["busy@mission.test"]
    wall.advance(minutes=1)
    assert sender.run_once() == 1
    world.session.expire_all()
    assert [m["To"].addresses[0].addr_spec for m in mail_server.inbox.received] == [
        "busy@mission.test"]


def test_a_claim_held_by_a_sender_that_died_is_taken_again_after_its_lease(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    person(world, "ana", "MEX")
    circulate(world)
    sender.run_once()  # fans out and sends
    assert len(mail_server.inbox.received) == 1
    # A second message, claimed by a sender that then died before sending it.
    person(world, "luis", "MEX")
    circulate(world)
    from negotiation.notices.fanout import fan_out
    fan_out(world.session, wall())
    world.session.execute(update(MailMessage).where(MailMessage.status == QUEUED).values(
        status=SENDING, claimed_by="dead-sender", lease_until=wall().replace(minute=5)))
    assert sender.run_once() == 0, "a claim still under lease is left alone"
    wall.advance(minutes=6)
    assert sender.run_once() == 2
    assert sorted(m["To"].addresses[0].addr_spec for m in mail_server.inbox.received) == [
        "ana@mission.test", "ana@mission.test", "luis@mission.test"]


def test_none_sends_nothing_and_a_rehearsal_keeps_its_messages_unsent(
        world: World, sender: Sender, mail_server: MailServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = person(world, "quiet", "MEX")
    person(world, "ana", "CAN")
    world.session.add(NoticePreference(account_id=quiet.id,
                                       negotiation_id=world.negotiation.id, choice=NONE))
    monkeypatch.setenv("NEGOTIATION_CLOCK", "2024-04-26 10:00 America/New_York")
    circulate(world)
    assert sender.run_once() == 0
    assert statuses(world) == [REHEARSAL]
    assert mail_server.inbox.received == []


def test_line_breaks_in_a_name_add_no_header(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    evil = person(world, "evil", "MEX")
    evil.display_name = "Evil\r\nBcc: victim@elsewhere.test"
    world.session.flush()
    circulate(world)
    assert sender.run_once() == 1
    mail = mail_server.inbox.received[0]
    assert mail["Bcc"] is None
    assert str(mail["To"]) == '"Evil Bcc: victim@elsewhere.test" <evil@mission.test>'


def test_a_connection_the_server_closed_between_batches_is_opened_again(
        world: World, sender: Sender, mail_server: MailServer) -> None:
    sender.batch = 2
    for n in range(5):
        person(world, f"delegate{n}", "MEX" if n % 2 else "CAN")
    circulate(world)
    deliver = sender.deliver
    kept: list[bool] = []

    def hung_up_meanwhile(batch: Any) -> Any:
        # The server closed the connection kept from the last batch while it was marked.
        kept.append(sender._connection is not None)
        if sender._connection is not None and sender._connection.sock is not None:
            sender._connection.sock.close()
        return deliver(batch)

    sender.deliver = hung_up_meanwhile  # type: ignore[method-assign]
    assert sender.run_once() == 5
    # Opened while the first claim was committed, then kept from batch to batch.
    assert kept == [True, True, True]
    ids = mail_server.inbox.ids()
    assert len(ids) == 5 and len(set(ids)) == 5
    assert set(statuses(world)) == {SENT}


def test_a_batch_claimed_ahead_is_given_back_unsent_when_the_server_says_later(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    sender.batch = 2
    for n in range(5):
        person(world, f"delegate{n}", "MEX" if n % 2 else "CAN")
    circulate(world)
    mail_server.inbox.answers = {"delegate0@mission.test": "451 4.3.0 Try again later"}
    assert sender.run_once() == 1  # the first batch: one postponed, one sent; then it stops
    world.session.expire_all()
    rows = world.session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
    assert [(m.status, m.attempts) for m in rows] == [
        (QUEUED, 1), (SENT, 1), (QUEUED, 0), (QUEUED, 0), (QUEUED, 0)]
    assert all(m.claimed_by == "" and m.lease_until is None for m in rows)
    del mail_server.inbox.answers["delegate0@mission.test"]
    assert sender.run_once() == 3, "the batch given back is due at once"
    wall.advance(seconds=31)
    assert sender.run_once() == 1
    ids = mail_server.inbox.ids()
    assert len(ids) == 5 and len(set(ids)) == 5


def test_a_message_claimed_ahead_that_another_sender_took_over_is_left_to_it(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    sender.batch = 2
    for n in range(4):
        person(world, f"delegate{n}", "MEX" if n % 2 else "CAN")
    circulate(world)
    claim = sender.claim
    claims: list[Any] = []

    def taken_over(session: Any) -> Any:
        claimed = claim(session)
        claims.append(claimed)
        if len(claims) == 2:
            # The batch claimed ahead: the batch before it was slow, more than half of this
            # one's lease went by, and another sender took one of its messages over.
            session.execute(update(MailMessage).where(MailMessage.id == claimed[0].id)
                            .values(claimed_by="other-sender"))
            wall.advance(minutes=3)
        return claimed

    sender.claim = taken_over  # type: ignore[method-assign]
    assert sender.run_once() == 3
    world.session.expire_all()
    rows = world.session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
    assert [(m.status, m.claimed_by) for m in rows] == [
        (SENT, ""), (SENT, ""), (SENDING, "other-sender"), (SENT, "")]
    assert len(mail_server.inbox.ids()) == 3


def test_a_batch_claimed_ahead_goes_out_with_at_least_half_its_lease_left(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    sender.batch = 2
    for n in range(4):
        person(world, f"delegate{n}", "MEX" if n % 2 else "CAN")
    circulate(world)
    claim, renew = sender.claim, sender.renew
    leases: list[Any] = []

    def claiming(session: Any) -> Any:
        claimed = claim(session)
        wall.advance(minutes=3)  # the batch on the wire meanwhile is slow
        return claimed

    def renewing(session: Any, claimed: Any) -> Any:
        held = renew(session, claimed)
        if claimed:
            leases.append((wall(), set(session.scalars(select(MailMessage.lease_until).where(
                MailMessage.id.in_([row.id for row in claimed]))))))
        return held

    sender.claim = claiming  # type: ignore[method-assign]
    sender.renew = renewing  # type: ignore[method-assign]
    assert sender.run_once() == 4
    # The second batch, claimed three minutes before it went out (more than half its
    # lease), had five minutes from then, renewed before it went out.
    [(going_out, lease)] = leases
    assert lease == {going_out + sender.lease}


def test_a_batch_claimed_ahead_recently_goes_out_without_waiting_for_a_renewal(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    sender.batch = 2
    for n in range(6):
        person(world, f"delegate{n}", "MEX" if n % 2 else "CAN")
    circulate(world)
    claim = sender.claim
    marked: list[int] = []

    def claiming(session: Any) -> Any:
        # What is marked sent by the time each claim is made: the batch before the one
        # on the wire, in the same transaction.
        marked.append(len(world.session.scalars(select(MailMessage.id).where(
            MailMessage.status == SENT)).all()))
        return claim(session)

    sender.claim = claiming  # type: ignore[method-assign]
    sender.renew = None  # type: ignore[assignment]  # never needed: each claim is fresh
    assert sender.run_once() == 6
    assert marked == [0, 0, 2, 4]
    assert set(statuses(world)) == {SENT}
    assert len(set(mail_server.inbox.ids())) == 6
