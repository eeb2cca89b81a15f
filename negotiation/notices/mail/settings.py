"""The mail server and the app's public address, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import parseaddr

SECURITIES = ("starttls", "tls", "none")


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str
    user: str
    password: str
    sender: Address
    base_url: str

    @property
    def domain(self) -> str:
        return self.sender.domain or "localhost"


def sender_address(text: str) -> Address:
    """NEGOTIATION_MAIL_FROM, "Name <address>" or a bare address, as one Address."""
    name, address = parseaddr(text)
    if "@" not in address or "\r" in text or "\n" in text:
        raise ValueError(f"NEGOTIATION_MAIL_FROM is not an address: {text!r}")
    return Address(display_name=name or "Negotiation tracker", addr_spec=address)


def configured() -> bool:
    """Whether a mail server is configured; without one, messages wait in the outbox."""
    return bool(os.environ.get("NEGOTIATION_SMTP_HOST"))


def from_environment() -> MailSettings:
    security = os.environ.get("NEGOTIATION_SMTP_SECURITY", "starttls").lower()
    if security not in SECURITIES:
        raise ValueError(f"NEGOTIATION_SMTP_SECURITY is one of {', '.join(SECURITIES)}")
    default_port = {"starttls": 587, "tls": 465, "none": 25}[security]
    return MailSettings(
        host=os.environ.get("NEGOTIATION_SMTP_HOST", "127.0.0.1"),
        port=int(os.environ.get("NEGOTIATION_SMTP_PORT") or default_port),
        security=security,
        user=os.environ.get("NEGOTIATION_SMTP_USER", ""),
        password=os.environ.get("NEGOTIATION_SMTP_PASSWORD", ""),
        sender=sender_address(os.environ.get("NEGOTIATION_MAIL_FROM",
                                             "Negotiation tracker <tracker@localhost>")),
        base_url=os.environ.get("NEGOTIATION_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
    )
