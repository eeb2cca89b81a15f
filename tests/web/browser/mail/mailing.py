"""What the browser tests of e-mail share: the sender's passes against the served demo, and
the chair circulating the revision whose messages they follow."""

from __future__ import annotations

from typing import Any

from negotiation.notices.mail.sender import Sender
from tests.notices.conftest import KEY, settings_for
from tests.notices.smtp import MailServer
from tests.web.addresses import at
from tests.web.browser.conftest import LiveApp, signed_in_page


def mail_senders(app: LiveApp, server: MailServer) -> tuple[Sender, Sender]:
    """Two senders to the real mail server: one on the real clock, for the links people
    follow at once (they expire in real time), and one on the app's clock, for the notices,
    which follow it as the demo and a rehearsal move it (the waits between tries and the
    digest's morning are counted on it)."""
    real_time = Sender(app.sessions, settings_for(server), KEY, name="browser-sender",
                       timeout=5)
    app_time = Sender(app.sessions, settings_for(server), KEY, name="browser-sender",
                      timeout=5, now=app.clock.now)
    return real_time, app_time


def chair_circulates_rev_1(browser: Any, app: LiveApp) -> Any:
    """The chair circulates the demo's rev. 1 from the desk, confirming it as the page asks;
    returns the chair's browser context, to close."""
    from playwright.sync_api import expect

    context, chair = signed_in_page(browser, app, "chair")
    chair.goto(at("/chair/"))
    chair.fill("#circulate-note", "Revised draft after the deadline for proposals")
    chair.click("#circulate-form button:has-text('Circulate rev. 1')")
    chair.click("#circulate-confirm-form button:has-text('Circulate CP/CSH-2251/24 rev. 1')")
    expect(chair.locator(".flash.success")).to_contain_text("CP/CSH-2251/24 rev. 1 circulated")
    return context
