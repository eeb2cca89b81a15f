"""The draft in the negotiation's other languages: each paragraph's translation, as the
secretariat's language services wrote it, on the exact version of the original it renders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from negotiation.models.base import Base, UTCDateTime
from negotiation.models.paragraphs import ParagraphVersion


class ParagraphTranslation(Base):
    """One translation of a paragraph into one language; never changed once written.

    A renewed or corrected translation is a new row with the next ``number``: the unique
    key makes two translators saving on the same row at once store only one, and the page
    an older row was written on is answered as a stale edit. ``source_version_id`` is the
    original's version it translates: once the paragraph has a newer version in a
    revision, the translation is outdated there until renewed.
    """

    __tablename__ = "paragraph_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    negotiation_id: Mapped[int] = mapped_column(ForeignKey("negotiation.id"), index=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id"))
    language: Mapped[str] = mapped_column(String(8))
    number: Mapped[int]
    source_version_id: Mapped[int] = mapped_column(ForeignKey("paragraph_version.id"))
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    written_by: Mapped[str] = mapped_column(String(120))
    # "typed" on the paragraph's form, or "imported" from a translated Word file.
    how: Mapped[str] = mapped_column(String(20), default="typed")

    source_version: Mapped[ParagraphVersion] = relationship()

    __table_args__ = (
        UniqueConstraint("paragraph_id", "language", "number"),
        Index("ix_paragraph_translation_negotiation_language", "negotiation_id", "language"),
    )
