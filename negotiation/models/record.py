"""The append-only record of who did what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from negotiation.enums import Role
from negotiation.models.base import Base, UTCDateTime, enum_column


class RecordEntry(Base):
    """One act in the negotiation; entries are only ever added."""

    __tablename__ = "record_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for the installation's own acts (accounts), which belong to no negotiation.
    negotiation_id: Mapped[int | None] = mapped_column(ForeignKey("negotiation.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    actor_name: Mapped[str] = mapped_column(String(120))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"))
    action: Mapped[str] = mapped_column(String(60), index=True)
    subject: Mapped[str] = mapped_column(String(80), default="")
    # What the entry says, in English as written (the archive, exports and search read it).
    summary: Mapped[str] = mapped_column(Text)
    # The same as words to be written in each reader's language (negotiation.record.wording);
    # None for entries written before the record kept its words, read in English.
    words: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # Why, as given: a person's own words as typed, or the app's own reason in English.
    reason: Mapped[str] = mapped_column(Text, default="")
    # The app's own reason ("Request to delete by Mexico accepted") as words, written in each
    # reader's language like ``words``; None for a reason typed by a person, read as typed.
    # (SQL NULL then, not JSON's null: entries are written as plain INSERTs.)
    reason_words: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True),
                                                                default=None)
