"""Revisions: frozen snapshots of the draft as circulated (rev. 0, rev. 1 ...)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.enums import ParagraphKind, ParagraphState
from negotiation.models.base import Base, UTCDateTime, enum_column
from negotiation.models.paragraphs import Paragraph, ParagraphVersion


class Revision(Base):
    """A circulated version of the draft; nothing in it changes once written."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    number: Mapped[int]
    symbol: Mapped[str] = mapped_column(String(80))
    circulated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    circulated_by: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")

    entries: Mapped[list[RevisionEntry]] = relationship(
        back_populates="revision", order_by="RevisionEntry.position"
    )

    __table_args__ = (UniqueConstraint("negotiation_id", "number"),)


class RevisionEntry(Base):
    """One paragraph as it stood in a revision: which version, in what state and place."""

    __tablename__ = "revision_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"), index=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("paragraph_version.id"))
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    kind: Mapped[ParagraphKind] = mapped_column(enum_column(ParagraphKind, "paragraph_kind"))
    is_mandates: Mapped[bool]
    state: Mapped[ParagraphState] = mapped_column(
        enum_column(ParagraphState, "paragraph_state")
    )
    position: Mapped[int]
    label: Mapped[str] = mapped_column(String(24), default="")

    revision: Mapped[Revision] = relationship(back_populates="entries")
    paragraph: Mapped[Paragraph] = relationship(foreign_keys=[paragraph_id])
    version: Mapped[ParagraphVersion] = relationship()
