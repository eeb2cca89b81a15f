"""E-mail: people's addresses and their verification, what each person chooses to receive,
the notices the domain's acts write, and the outbox of messages a sender delivers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from negotiation.models.base import Base, UTCDateTime


class MailAddress(Base):
    """A person's e-mail address; nothing but its verification goes there until verified."""

    __tablename__ = "mail_address"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    address: Mapped[str] = mapped_column(String(254))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The person's own time zone, for deadlines shown beside headquarters' time.
    time_zone: Mapped[str | None] = mapped_column(String(60))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MailVerification(Base):
    """A one-time link sent to an address; only the token's hash is kept."""

    __tablename__ = "mail_verification"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NoticePreference(Base):
    """How a person takes one negotiation's notices: each as it happens, a daily digest,
    or none. Without a row, each as it happens."""

    __tablename__ = "notice_preference"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"))
    choice: Mapped[str] = mapped_column(String(16))

    __table_args__ = (UniqueConstraint("account_id", "negotiation_id"),)


class Notice(Base):
    """Something that happened in a negotiation that its people are told of, written in the
    transaction of the act itself; the sender turns it into one message per person."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    title: Mapped[str] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text)
    # The title and body as words to be written in each reader's language
    # (negotiation.notices.wording); None for notices written before, read in English.
    wording: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The page's path within the site ("/csh/2023-2024/documents/revisions").
    link: Mapped[str] = mapped_column(String(400))
    # Messages of one thread (one proposal's) are threaded by mail clients.
    thread: Mapped[str] = mapped_column(String(80), default="")
    # Who is told: one delegation's people, or (None) everyone taking part, unless
    # ``roles`` names roles (space-separated, "chair secretariat"): then only the people
    # appointed to one of them in the negotiation.
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    roles: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # A notice written twice by a repeated act or scan (a deadline's reminder) has one key.
    once_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    # The moment the notice is about (a deadline, a moved date), for the reader's time zone.
    falls_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Written by a server run "as of" a moment: never mailed to real addresses.
    rehearsal: Mapped[bool] = mapped_column(default=False)
    fanned_out: Mapped[bool] = mapped_column(default=False, index=True)


class MailMessage(Base):
    """One message to one address: queued, sent, failed (with the server's answer), kept
    for a digest, or held because it was written in a rehearsal."""

    __tablename__ = "mail_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"))
    negotiation_id: Mapped[int | None] = mapped_column(ForeignKey("negotiation.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    address: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(400), default="")
    thread: Mapped[str] = mapped_column(String(80), default="")
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str] = mapped_column(String(80), default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The digest message that gathered this one.
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("mail_message.id"))

    __table_args__ = (
        Index("ix_mail_message_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_mail_message_negotiation_id_id", "negotiation_id", "id"),
    )
