"""The sender's passes as the browser tests run them against the served demo."""

from __future__ import annotations

from negotiation.notices.mail.sender import Sender
from tests.notices.conftest import KEY, settings_for
from tests.notices.smtp import MailServer
from tests.web.browser.conftest import LiveApp


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
