"""The secretariat invites a delegate from its People page; the delegate follows the link
that arrived through a real SMTP server, creates the account and signs in, in a real
browser against the served app."""

from __future__ import annotations

import re
from typing import Any

import pytest

from negotiation.notices.mail.sender import Sender
from tests.notices.conftest import (
    KEY,
    mail_server,  # noqa: F401  (the real SMTP server)
    settings_for,
)
from tests.notices.smtp import MailServer
from tests.web.addresses import at
from tests.web.browser.conftest import PATIENCE_MS, LiveApp

pytestmark = pytest.mark.browser

ADDRESS = "ines.delegate@sre.gob.mx"
PASSWORD = "harbour violet teacup 1789"




def test_the_secretariat_invites_a_delegate_who_joins_and_signs_in(
    signed_in: Any, browser: Any, live_app: LiveApp,
    mail_server: MailServer,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    secretariat = signed_in("secretariat")
    secretariat.goto(at("/people/"))
    form = secretariat.locator("#invite-form")
    form.get_by_label("E-mail address").fill(ADDRESS)
    form.get_by_label("Part").select_option("delegation")
    form.get_by_label("Delegation (for a delegate)").select_option(label="Mexico")
    form.locator("button:has-text('Send the invitation')").click()
    expect(secretariat.locator(".flash.success")).to_contain_text(
        f"An invitation was sent to {ADDRESS}")
    expect(secretariat.locator("#invitations")).to_contain_text(ADDRESS)

    Sender(live_app.sessions, settings_for(mail_server), KEY, name="browser-sender",
           timeout=5).run_once()
    [message] = mail_server.inbox.to(ADDRESS)
    [path] = re.findall(r"https://tracker\.oas\.test(/invitations/\S+)",
                        message.get_body(("plain",)).get_content())

    context = browser.new_context(base_url=live_app.url)
    context.set_default_timeout(PATIENCE_MS)
    try:
        delegate = context.new_page()
        delegate.goto(path)
        expect(delegate.locator("#invited-to")).to_contain_text("delegation of Mexico")
        delegate.fill("#username", "ines")
        delegate.fill("#display_name", "Inés Delgado")
        delegate.fill("#password", PASSWORD)
        delegate.click("button:has-text('Create my account')")
        expect(delegate.locator(".flash.success")).to_contain_text("Your account ines is ready")
        delegate.fill("#username", "ines")
        delegate.fill("#password", PASSWORD)
        delegate.click("button:has-text('Sign in')")
        delegate.wait_for_url(re.compile(r"/$"))
        expect(delegate.locator("main")).to_contain_text("CSH")
        delegate.goto(at("/"))
        expect(delegate.locator("body")).to_contain_text("Inés Delgado")
    finally:
        context.close()
    secretariat.reload()
    expect(secretariat.locator("main")).to_contain_text("Inés Delgado")
