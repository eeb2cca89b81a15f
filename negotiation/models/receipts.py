"""Receipts of submitted forms: a form is acted on once, however often it is sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from negotiation.models.base import Base, UTCDateTime


class FormReceipt(Base):
    """The one-time key a rendered form carried, and what its first submission answered.

    The key is the primary key: a replayed or double-clicked form finds its receipt (or
    waits on it, while the first submission is still being stored) instead of acting twice.
    """

    __tablename__ = "form_receipt"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    path: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(2000))
    body: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(120))

    # An account's receipts by age: those that can no longer answer are deleted at sign-in.
    __table_args__ = (Index("ix_form_receipt_account_id_received_at", "account_id",
                            "received_at"),)
