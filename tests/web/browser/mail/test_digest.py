"""A delegate who chose the daily digest on My settings receives nothing when the chair
circulates a revision, then one message at 07:00 the next morning at headquarters holding
the circulation's link; a delegate on "each as it happens" receives it at once. Each
delegate gives an address and confirms it through the link that reached a real SMTP server,
in a real browser against the served app.

Time moves as the demo's and the rehearsals' clock does (the app's clock, set to a moment at
headquarters): the sender's passes are run with that clock as their "now", as the sender's
own tests run them with a given moment. A rehearsal server itself (NEGOTIATION_CLOCK) mails
nobody, so the messages are read from the real SMTP server the sender delivers to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest

from negotiation.notices.mail.sender import Sender
from tests.notices.conftest import mail_server  # noqa: F401  (the real SMTP server)
from tests.notices.smtp import MailServer
from tests.web.browser.conftest import LiveApp, served_demo, signed_in_page
from tests.web.browser.mail.mailing import chair_circulates_rev_1, mail_senders

pytestmark = pytest.mark.browser

EACH_ADDRESS = "luis.delegate@sre.gob.mx"
DIGEST_ADDRESS = "ana.alternate@sre.gob.mx"
REVISIONS = "https://tracker.oas.test/csh/2023-2024/documents/revisions"


@pytest.fixture(scope="module")
def own_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """A demo of its own: the circulation and the messages touch no other test's."""
    with served_demo(tmp_path_factory.mktemp("digest"), "browser_digest") as app:
        yield app


def plain(message: EmailMessage) -> str:
    return str(message.get_body(("plain",)).get_content())


def _confirms_an_address(page: Any, address: str, server: MailServer,
                         sender: Sender) -> None:
    """The person gives an address on My settings and follows the link sent to it."""
    from playwright.sync_api import expect

    page.goto("/settings/")
    page.fill("#email", address)
    page.locator("#address-form button").click()
    expect(page.locator(".flash.success")).to_contain_text(
        f"A confirmation link was sent to {address}")
    sender.run_once()
    [message] = server.inbox.to(address)
    [path] = re.findall(r"https://tracker\.oas\.test(/settings/verify/\S+)", plain(message))
    page.goto(path)
    expect(page.locator(".flash.success")).to_contain_text(f"{address} is confirmed")


def test_a_delegate_on_the_digest_receives_the_circulation_the_next_morning(
    browser: Any, own_demo: LiveApp,
    mail_server: MailServer,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    now_sender, sender = mail_senders(own_demo, mail_server)
    contexts = []
    try:
        own_demo.at("2024-04-26 16:00")
        context, luis = signed_in_page(browser, own_demo, "mex1")
        contexts.append(context)
        _confirms_an_address(luis, EACH_ADDRESS, mail_server, now_sender)
        context, ana = signed_in_page(browser, own_demo, "mex2")
        contexts.append(context)
        _confirms_an_address(ana, DIGEST_ADDRESS, mail_server, now_sender)
        ana.locator("#choices-form").get_by_label("CSH 2023-2024").select_option(
            label="A daily digest (07:00 at headquarters)")
        ana.locator("#choices-form button").click()
        expect(ana.locator(".flash.success")).to_contain_text("Your choices are saved")
        expect(ana.locator("#choices-form select")).to_have_value("digest")

        own_demo.at("2024-04-26 17:00")
        contexts.append(chair_circulates_rev_1(browser, own_demo))

        assert sender.run_once() == 1  # the delegate on "each as it happens" only
        [_, at_once] = mail_server.inbox.to(EACH_ADDRESS)
        assert at_once["Subject"] == "[CSH 2023-2024] CP/CSH-2251/24 rev. 1 circulated"
        assert REVISIONS in plain(at_once)
        assert len(mail_server.inbox.to(DIGEST_ADDRESS)) == 1  # the confirmation link only

        own_demo.at("2024-04-26 23:59")
        assert sender.run_once() == 0
        own_demo.at("2024-04-27 06:59")  # the next morning, still before the digest
        assert sender.run_once() == 0
        assert len(mail_server.inbox.to(DIGEST_ADDRESS)) == 1
        own_demo.at("2024-04-27 07:00")
        assert sender.run_once() == 1
        [_, digest] = mail_server.inbox.to(DIGEST_ADDRESS)
        assert digest["Subject"] == "[CSH 2023-2024] Daily digest: 1 update(s)"
        assert "CP/CSH-2251/24 rev. 1 circulated" in plain(digest)
        [link] = re.findall(rf"{re.escape(REVISIONS)}\S*", plain(digest))
        own_demo.at("2024-04-27 12:00")
        assert sender.run_once() == 0  # one digest, not one a pass
        assert len(mail_server.inbox.to(DIGEST_ADDRESS)) == 2
        assert len(mail_server.inbox.to(EACH_ADDRESS)) == 2

        # The digest's link opens the revisions, rev. 1 among them.
        ana.goto(link.removeprefix("https://tracker.oas.test"))
        expect(ana.locator("main")).to_contain_text("CP/CSH-2251/24 rev. 1")
    finally:
        for context in contexts:
            context.close()
