"""A person who chose the daily digest gets one message at 07:00 at headquarters gathering
what happened since the last one, and nothing before."""

from __future__ import annotations

from datetime import UTC, datetime

from negotiation.draft.circulation import circulate_revision
from negotiation.models import NoticePreference
from negotiation.notices.mail.sender import Sender
from negotiation.notices.statuses import DIGEST
from tests.builders import CHAIR, World
from tests.notices.conftest import WallClock, person
from tests.notices.smtp import MailServer


def test_two_revisions_arrive_in_one_morning_digest(
        world: World, sender: Sender, mail_server: MailServer, wall: WallClock) -> None:
    ana = person(world, "ana", "MEX")
    world.session.add(NoticePreference(account_id=ana.id, negotiation_id=world.negotiation.id,
                                       choice=DIGEST))
    wall.at = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)  # 10:00 in Washington
    for _ in range(2):
        circulate_revision(world.session, world.negotiation, CHAIR, world.now, confirmed=True)
        sender.run_once()
    assert mail_server.inbox.received == []
    wall.at = datetime(2026, 12, 8, 11, 59, tzinfo=UTC)  # 06:59 the next morning
    assert sender.run_once() == 0
    wall.advance(minutes=1)
    assert sender.run_once() == 1
    wall.advance(hours=24)
    assert sender.run_once() == 0
    (digest,) = mail_server.inbox.received
    assert digest["Subject"] == "[CSH 2023-2024] Daily digest: 2 update(s)"
    text = digest.get_body(("plain",)).get_content()
    assert "rev. 1 circulated" in text and "rev. 2 circulated" in text
    assert "https://tracker.oas.test/csh/2023-2024/documents/revisions" in text
