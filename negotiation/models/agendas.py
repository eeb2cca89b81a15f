"""The meeting's agenda as the chair publishes it: dated, numbered, kept as published."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.models.base import Base, UTCDateTime
from negotiation.models.negotiation import Milestone


class PublishedAgenda(Base):
    """One publication of a meeting's order of consideration. Agendas are numbered in the
    negotiation (no. 1, 2, ...); publishing again for the same meeting makes a new edition
    that replaces the previous one, which stays in the record as it was read."""

    __tablename__ = "published_agenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("milestone.id"))
    number: Mapped[int]
    edition: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_by: Mapped[str] = mapped_column(String(120))
    # The items as they stood when published, in order: each paragraph's id, label, kind,
    # section and state (a later renumbering leaves the published agenda as it was read).
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)

    meeting: Mapped[Milestone] = relationship()

    # Two chairs publishing at once cannot both take the same number: the second is
    # refused by the database and answered as a conflict.
    __table_args__ = (
        UniqueConstraint("negotiation_id", "number"),
        UniqueConstraint("meeting_id", "edition"),
    )
