"""The secretariat invites three delegates from its People page; each follows the link that
reached a real SMTP server, creates an account and signs in. The chair circulates a
revision while the mail server is down: nothing is lost, and when the server is back each
delegate receives the circulation once, with its link. In a real browser against the
served app.

The notices' messages follow the app's clock, as the demo and a rehearsal move it: the
sender's passes are run with that clock as their "now" (the waits between tries are counted
on it); the invitations' links expire in real time, so they go through a sender on the real
clock."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.notices.conftest import mail_server  # noqa: F401  (the real SMTP server)
from tests.notices.smtp import MailServer
from tests.web.addresses import at
from tests.web.browser.conftest import PATIENCE_MS, LiveApp, served_demo, signed_in_page
from tests.web.browser.mail.mailing import chair_circulates_rev_1, mail_senders

pytestmark = pytest.mark.browser

INVITED = {"Peru": ("rosa.delegate@rree.gob.pe", "rosa"),
           "Chile": ("pablo.delegate@minrel.gob.cl", "pablo"),
           "Canada": ("claire.delegate@international.gc.ca", "claire")}
PASSWORD = "lantern cobalt meadow 2024"
SITE = "https://tracker.oas.test"
REVISIONS = f"{SITE}/csh/2023-2024/documents/revisions"
SUBJECT = "[CSH 2023-2024] CP/CSH-2251/24 rev. 1 circulated"


@pytest.fixture(scope="module")
def own_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """A demo of its own: the invitations, the circulation and the messages touch no other
    test's."""
    with served_demo(tmp_path_factory.mktemp("reaching"), "browser_reaching") as app:
        yield app


def _plain(message: Any) -> str:
    return str(message.get_body(("plain",)).get_content())


def _joins(browser: Any, app: LiveApp, path: str, username: str, country: str) -> None:
    """The invited person follows the link, creates the account and signs in with it."""
    from playwright.sync_api import expect

    context = browser.new_context(base_url=app.url)
    context.set_default_timeout(PATIENCE_MS)
    try:
        page = context.new_page()
        page.goto(path)
        expect(page.locator("#invited-to")).to_contain_text(f"delegation of {country}")
        page.fill("#username", username)
        page.fill("#display_name", f"Delegate of {country}")
        page.fill("#password", PASSWORD)
        page.click("button:has-text('Create my account')")
        expect(page.locator(".flash.success")).to_contain_text(
            f"Your account {username} is ready")
        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.press("#password", "Enter")
        page.wait_for_url(re.compile(r"/$"))
        expect(page.locator("main")).to_contain_text("CSH")
    finally:
        context.close()


def test_three_invited_delegates_join_and_each_receives_the_circulation_once(
    browser: Any, own_demo: LiveApp,
    mail_server: MailServer,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    real_time, app_time = mail_senders(own_demo, mail_server)
    own_demo.at("2024-04-26 16:00")
    contexts = []
    try:
        context, secretariat = signed_in_page(browser, own_demo, "secretariat")
        contexts.append(context)
        for country, (address, _) in INVITED.items():
            secretariat.goto(at("/people/"))
            form = secretariat.locator("#invite-form")
            form.get_by_label("E-mail address").fill(address)
            form.get_by_label("Part").select_option("delegation")
            form.get_by_label("Delegation (for a delegate)").select_option(label=country)
            form.locator("button:has-text('Send the invitation')").click()
            expect(secretariat.locator(".flash.success")).to_contain_text(
                f"An invitation was sent to {address}")
        assert real_time.run_once() == 3
        for country, (address, username) in INVITED.items():
            [invitation] = mail_server.inbox.to(address)
            [path] = re.findall(rf"{re.escape(SITE)}(/invitations/\S+)", _plain(invitation))
            _joins(browser, own_demo, path, username, country)

        # The mail server goes down; the chair circulates all the same.
        mail_server.stop()
        own_demo.at("2024-04-26 17:00")
        contexts.append(chair_circulates_rev_1(browser, own_demo))
        assert app_time.run_once() == 0  # nobody reached, nothing given up
        own_demo.at("2024-04-26 17:05")
        assert app_time.run_once() == 0

        mail_server.start()
        own_demo.at("2024-04-26 17:30")  # past the doubled waits
        assert app_time.run_once() == 3
        own_demo.at("2024-04-26 19:00")
        assert app_time.run_once() == 0
        for address, username in INVITED.values():
            [_, circulated] = mail_server.inbox.to(address)
            assert circulated["Subject"] == SUBJECT, username
            assert REVISIONS in _plain(circulated)
        ids = mail_server.inbox.ids()
        assert len(ids) == len(set(ids)) == 6

        # The secretariat's Mail page lists each as sent.
        secretariat.goto(at("/mail/"))
        for address, _ in INVITED.values():
            expect(secretariat.locator("main")).to_contain_text(address)
    finally:
        for context in contexts:
            context.close()
