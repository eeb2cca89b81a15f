"""The bytes the sender sends say what the email package's message says: the same headers
(names and subjects beyond ASCII as encoded words, read back exactly), the same two bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.headerregistry import Address
from email.message import EmailMessage
from types import SimpleNamespace
from typing import Any

import pytest

from negotiation.notices.mail.composing import message_bytes, message_parts
from negotiation.notices.mail.settings import MailSettings

SETTINGS = MailSettings(host="127.0.0.1", port=25, security="none", user="", password="",
                        sender=Address("Secretaría de la CSH", "csh", "oas.test"),
                        base_url="https://tracker.oas.test")


def _message(**changes: Any) -> Any:
    values = dict(
        display_name="Délégué de México, «premier»", address="mex-1@mission.test",
        subject="[CSH 2023-2024] Révision circulée : CP/CSH-2251/24 rev. 1 — le texte "
                "comparatif consolidé, avec toutes les propositions reçues jusqu'alors",
        created_at=datetime(2024, 4, 26, 14, 0, tzinfo=UTC), message_id="n7.a3.k1",
        negotiation_id=1, thread="proposal-12", account_id=3, kind="notice",
        link="/csh/2023-2024/documents/revisions?from=0&to=1",
        body="La présidence a circulé la révision 1.\n\nÀ lire : le texte comparatif, "
             "« tel quel », avec ses 42 propositions = toutes.")
    values.update(changes)
    return SimpleNamespace(**values)


#: Header values may not hold CR or LF: setting one raises ValueError.
STRICT = policy.SMTP.clone(raise_on_defect=True)


def compose(message: Any, settings: MailSettings, key: str) -> EmailMessage:
    """The same parts as the email package composes them, the reference the bytes are read
    against (what the sender sent before it wrote them directly)."""
    parts = message_parts(message, settings, key)
    mail = EmailMessage(policy=STRICT)
    for name, value in parts.headers:
        mail[name] = value
    mail.set_content(parts.text)
    mail.add_alternative(parts.html, subtype="html")
    return mail


def test_the_bytes_sent_read_back_as_the_composed_message() -> None:
    message = _message()
    sent = message_from_bytes(message_bytes(message, SETTINGS, "key"), policy=policy.default)
    # What smtplib's send_message sent of the composed message, read the same way.
    composed = message_from_bytes(compose(message, SETTINGS, "key").as_bytes(policy=policy.SMTP),
                                  policy=policy.default)
    for name in ("From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                 "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert str(sent[name]) == str(composed[name]), name
    assert sent["To"].addresses[0].display_name == "Délégué de México, «premier»"
    for kind in ("plain", "html"):
        assert (sent.get_body((kind,)).get_content()  # type: ignore[union-attr]
                == composed.get_body((kind,)).get_content())  # type: ignore[union-attr]
    assert not sent.defects


def test_a_line_break_in_a_header_is_refused() -> None:
    with pytest.raises(ValueError, match=r"line break|CR or LF"):
        message_bytes(_message(address="mex@mission.test\r\nBcc: all@x.test"), SETTINGS, "k")
